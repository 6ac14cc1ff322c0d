import type { LanguageId } from './languages.js';
import type { Extracted } from './extract.js';
import type { SymbolTable } from './table.js';
import { readForIndex, parseText, withExtracted, type FileEntry } from './entry.js';
import type { ParsePool } from './worker-pool.js';

/**
 * Brings the table up to date for `paths`: reads each (this thread: I/O and hashing), parses what
 * changed (on the pool when there is one, else here), and records the result. Files with the same
 * content are parsed once per call. Returns what changed, for the cache journal.
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
  const byHash = new Map<string, Promise<Extracted>>();
  const parse = (lang: LanguageId, text: string): Promise<Extracted> => {
    o.onParsed?.();
    if (!o.pool) return parseText(lang, text);
    return o.pool.parse(lang, text).catch(() => parseText(lang, text));
  };
  let done = 0;
  await eachLimit(paths, o.pool ? 16 : 4, async (path) => {
    const prev = o.table.entries.get(path);
    const r = await readForIndex(o.root, path, prev, o.force);
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
          ex = parse(r.entry.lang, r.text);
          byHash.set(key, ex);
        }
        entry = withExtracted(r.entry, await ex);
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
