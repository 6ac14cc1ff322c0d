import { statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { LanguageId } from './languages.js';
import type { Extracted } from './extract.js';
import type { SymbolTable } from './table.js';
import { prepareRead, readForIndexNow, parseText, decode, withExtracted, withPacked, type FileEntry } from './entry.js';
import type { ParsePool } from './worker-pool.js';

/**
 * Brings the table up to date for `paths`: reads each (this thread: I/O and hashing), parses what
 * changed (on the pool when there is one, else here), and records the result. Files with the same
 * content are parsed once per call. Returns what changed, for the cache journal.
 * With a pool, files go largest first, so the last jobs are small and no worker is left alone
 * with a big one at the end; enough files are read ahead to keep every worker fed.
 */
export interface RefreshOptions {
  root: string;
  table: SymbolTable;
  pool: ParsePool | null;
  /** Re-read even when size and mtime match the table's entry. */
  force: boolean;
  signal?: AbortSignal;
  onParsed?: () => void;
  /** After each file, with the count done so far. */
  onFile?: (done: number) => void;
}

export interface Change {
  path: string;
  entry: FileEntry | null;
}

export async function refreshFiles(paths: string[], o: RefreshOptions): Promise<Change[]> {
  const changes: Change[] = [];
  const byHash = new Map<string, Promise<Extracted | string>>();
  const parse = (lang: LanguageId, bytes: Uint8Array): Promise<Extracted | string> => {
    o.onParsed?.();
    if (!o.pool) return parseText(lang, decode(bytes));
    return o.pool.parse(lang, bytes).catch(() => parseText(lang, decode(bytes)));
  };
  const stats = o.pool ? statAll(o.root, paths) : null;
  const order = stats ? [...paths].sort((a, b) => (stats.get(b)?.size ?? 0) - (stats.get(a)?.size ?? 0)) : paths;
  let done = 0;
  await prepareRead();
  // Each lane reads a file and hands it to the parser in one turn, so the first jobs leave as
  // soon as they are read, not after every lane has read one.
  await eachLimit(order, o.pool ? 64 : 4, async (path) => {
    const prev = o.table.entries.get(path);
    const r = readForIndexNow(o.root, path, prev, o.force, stats ? () => stats.get(path) : undefined);
    let entry: FileEntry | null;
    switch (r.kind) {
      case 'gone':
        entry = null;
        break;
      case 'same':
      case 'done':
        entry = r.entry;
        break;
      case 'parse': {
        const key = `${r.entry.lang}:${r.entry.hash}`;
        let ex = byHash.get(key);
        if (!ex) {
          ex = parse(r.entry.lang, r.bytes);
          byHash.set(key, ex);
        }
        const parsed = await ex;
        entry = typeof parsed === 'string' ? withPacked(r.entry, parsed) : withExtracted(r.entry, parsed);
        break;
      }
    }
    if (entry === null) {
      if (o.table.delete(path)) changes.push({ path, entry: null });
    } else if (entry !== prev) {
      o.table.set(entry);
      changes.push({ path, entry });
    }
    o.onFile?.(++done);
  }, o.signal);
  return changes;
}

function statAll(root: string, paths: string[]): Map<string, Stats | undefined> {
  const out = new Map<string, Stats | undefined>();
  for (const p of paths) out.set(p, statSync(join(root, p), { throwIfNoEntry: false }));
  return out;
}

/** Runs `fn` over `items` with at most `limit` in flight; stops early when `signal` aborts. */
export async function eachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let i = 0;
  const lane = async () => {
    while (i < items.length) {
      signal?.throwIfAborted();
      await fn(items[i++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
