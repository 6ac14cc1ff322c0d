import { availableParallelism } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { getTokenizer } from '../tokens/index.js';
import type { RepoMapOptions, SymbolDef, SymbolIndex, SymbolRef } from './types.js';
import { isUnchanged, prepareRead, type FileEntry } from './entry.js';
import { refreshFiles } from './refresh.js';
import { discoverFiles } from './discover.js';
import { createIndexCache, type IndexCache } from './cache.js';
import { SymbolTable } from './table.js';
import { findDefs } from './find.js';
import { rankDefs } from './rank.js';
import { fitMap } from './repo-map.js';
import { languageOf } from './languages.js';
import { createParsePool, workerScript } from './worker-pool.js';
import { summarize, type IndexBuildStats, type IndexProgress } from './stats.js';

export interface SymbolIndexOptions {
  /** Project root; every path in and out of the index is relative to it. */
  root: string;
  /** Where the cache lives: default `<root>/.pith/index`; null keeps the index in memory only. */
  cacheDir?: string | null;
  /** Progress of a build (scan, parse, save), throttled. */
  onProgress?: (p: IndexProgress) => void;
  /** Index git-ignored files too (walker instead of `git ls-files`); for benchmarks. */
  includeIgnored?: boolean;
  /**
   * Replaces discovery: the project-relative paths to index (unsupported languages are ignored).
   * For benchmarks and embedders with their own file list.
   */
  listFiles?: (root: string, signal?: AbortSignal) => Promise<string[]>;
  /**
   * Worker threads for parsing when a build has at least WORKER_MIN_FILES files to parse.
   * 'auto' (default): one per core up to 4, and only when running compiled JS. 0: never.
   */
  workers?: number | 'auto';
}

/** The SymbolIndex plus the build and bookkeeping an owner needs. */
export interface PithSymbolIndex extends SymbolIndex {
  /** Scan the project, re-parse what changed since the cache, drop deleted files, save. */
  build(opts?: { signal?: AbortSignal }): Promise<IndexBuildStats>;
  /** Files parsed by this instance since it was created (cache hits are not parses). */
  readonly parseCount: number;
  /** Stats of the current state (after the last build or update). */
  stats(): IndexBuildStats;
  /** Paths currently indexed (skipped huge/minified files excluded), sorted. */
  files(): string[];
}

export const WORKER_MIN_FILES = 300;
/** The journal is folded into the snapshot on the next build once it is this long. */
const JOURNAL_COMPACT = 200;

export function createSymbolIndex(opts: SymbolIndexOptions): PithSymbolIndex {
  const root = opts.root;
  const cache: IndexCache | null = opts.cacheDir === null ? null : createIndexCache(opts.cacheDir ?? join(root, '.pith', 'index'));
  const table = new SymbolTable();
  let loaded = false;
  let built: Promise<IndexBuildStats> | null = null;
  let parseCount = 0;
  let lastMs = 0;
  let lastWorkers = 0;
  // One build or update at a time; queries wait for the first build.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };

  const toRel = (p: string): string | null => {
    const rel = (isAbsolute(p) ? relative(root, p) : p).replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    return rel === '' || rel.startsWith('../') || rel === '..' || isAbsolute(rel) ? null : rel;
  };

  const progress = (phase: IndexProgress['phase'], done: number, total: number) =>
    opts.onProgress?.({ type: 'index_progress', phase, done, total });

  async function doBuild(signal?: AbortSignal): Promise<IndexBuildStats> {
    const t0 = performance.now();
    if (!loaded && cache) for (const e of (await cache.load()).values()) table.set(e);
    loaded = true;
    const paths = opts.listFiles
      ? [...new Set((await opts.listFiles(root, signal)).map(toRel))].filter((p): p is string => p !== null && languageOf(p) !== null)
      : await discoverFiles({ root, includeIgnored: opts.includeIgnored, signal });
    progress('scan', paths.length, paths.length);
    let dirty = false;
    const seen = new Set(paths);
    for (const p of [...table.entries.keys()]) if (!seen.has(p)) dirty = table.delete(p) || dirty;

    // Unchanged size+mtime: kept without reading. The rest is read, hashed and maybe parsed.
    const todo = paths.filter((p) => !isUnchanged(root, p, table.entries.get(p)));
    signal?.throwIfAborted();
    const script = workerScript();
    const want = opts.workers ?? 'auto';
    const count = want === 'auto' ? Math.min(4, availableParallelism()) : want;
    const usePool = script !== null && count > 0 && todo.length >= WORKER_MIN_FILES;
    if (usePool) await prepareRead();
    const pool = usePool ? createParsePool(script, count, [...new Set(todo.map((p) => languageOf(p)!))]) : null;
    lastWorkers = pool ? count : 0;
    // The workers wind down while the cache is written.
    let closing: Promise<void> = Promise.resolve();
    try {
      const changes = await refreshFiles(todo, {
        root, table, pool, force: false, signal,
        onParsed: () => { parseCount += 1; },
        onFile: (done) => { if (done === todo.length || done % 50 === 0) progress('parse', done, todo.length); },
      });
      if (changes.length) dirty = true;
    } finally {
      if (pool) closing = pool.close().catch(() => {});
    }

    if (cache && (dirty || cache.journalLength >= JOURNAL_COMPACT)) {
      await hydrate();
      progress('save', 0, 1);
      await cache.save(table.entries.values());
      progress('save', 1, 1);
    }
    await closing;
    lastMs = performance.now() - t0;
    return summarize(table, lastMs, lastWorkers, parseCount);
  }

  /**
   * Fill cache stubs with their definitions and references (read once, on the first query or
   * save). A stub the data file cannot vouch for (missing, other hash) is re-parsed.
   */
  let hydrated: Promise<void> | null = null;
  function hydrate(): Promise<void> {
    const hasStubs = () => [...table.entries.values()].some((e) => e.stub);
    if (hydrated && !hasStubs()) return hydrated;
    hydrated = (async () => {
      if (!cache || !hasStubs()) return;
      const data = await cache.loadData();
      const stale: string[] = [];
      for (const e of [...table.entries.values()]) {
        if (!e.stub) continue;
        const d = data.get(e.path);
        if (d && d.hash === e.hash) table.set({ ...e, stub: undefined, defs: d.defs, refs: d.refs });
        else {
          table.delete(e.path);
          stale.push(e.path);
        }
      }
      if (stale.length) {
        await refreshFiles(stale, { root, table, pool: null, force: true, onParsed: () => { parseCount += 1; } });
      }
    })();
    return hydrated;
  }

  const ensureBuilt = async (): Promise<void> => {
    await (built ??= serial(() => doBuild()));
    await hydrate();
  };

  async function update(paths: string[]): Promise<void> {
    await ensureBuilt();
    await serial(async () => {
      const t0 = performance.now();
      const rels = [...new Set(paths.map(toRel))].filter((p): p is string => p !== null && languageOf(p) !== null);
      const changes = await refreshFiles(rels, { root, table, pool: null, force: true, onParsed: () => { parseCount += 1; } });
      await cache?.append(changes);
      lastMs = performance.now() - t0;
    });
  }

  /** The file's entry, re-indexed first if it changed on disk since (one stat when it did not). */
  async function fresh(path: string): Promise<FileEntry | null> {
    await ensureBuilt();
    const p = toRel(path);
    if (!p) return null;
    if (!isUnchanged(root, p, table.entries.get(p))) await update([p]);
    return table.entries.get(p) ?? null;
  }

  return {
    get parseCount() {
      return parseCount;
    },
    build: (o) => {
      const run = serial(() => doBuild(o?.signal));
      built ??= run;
      return run;
    },
    stats: () => summarize(table, lastMs, lastWorkers, parseCount),
    files: () => [...table.entries.values()].filter((e) => !e.skip).map((e) => e.path).sort(),
    update,
    async outline(path: string): Promise<SymbolDef[] | null> {
      if (!languageOf(path)) return null;
      return [...((await fresh(path))?.defs ?? [])];
    },
    async find(query: string, limit?: number): Promise<SymbolDef[]> {
      await ensureBuilt();
      return findDefs(table, query, limit);
    },
    async references(name: string, limit = 200): Promise<SymbolRef[]> {
      await ensureBuilt();
      return table.references(name).slice(0, limit);
    },
    async enclosing(path: string, line: number): Promise<SymbolDef | null> {
      if (!languageOf(path)) return null;
      let best: SymbolDef | null = null;
      for (const d of (await fresh(path))?.defs ?? []) {
        if (d.startLine > line || d.endLine < line) continue;
        if (!best || d.endLine - d.startLine <= best.endLine - best.startLine) best = d;
      }
      return best;
    },
    async repoMap(o: RepoMapOptions): Promise<string> {
      await ensureBuilt();
      const focusFiles = (o.focusFiles ?? []).map(toRel).filter((p): p is string => p !== null);
      const ranked = rankDefs(table, { task: o.task, focusFiles });
      return fitMap(ranked, Math.floor(o.tokens), await getTokenizer());
    },
  };
}
