import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import xxhash from 'xxhash-wasm';
import type { SymbolDef } from './types.js';
import { languageOf, type LanguageId } from './languages.js';
import { grammarFor } from './grammar.js';
import { extract, type Extracted, type RefList } from './extract.js';

/**
 * One file's slice of the index: what the cache stores and what queries read.
 * An entry is valid for exactly the content whose xxhash64 is `hash`; size and mtime only let a
 * warm start skip reading files that did not change.
 */
export interface FileEntry {
  /** Project-relative, forward slashes. */
  path: string;
  lang: LanguageId;
  size: number;
  mtimeMs: number;
  /** xxhash64 (hex) of the content; '' for a file skipped before reading. */
  hash: string;
  lines: number;
  /** Set when the file was not parsed: > MAX_BYTES, or minified / generated (very long lines). */
  skip?: SkipReason;
  defs: SymbolDef[];
  refs: RefList;
  /** Loaded from the cache's metadata only: defs and refs are empty until the data is loaded. */
  stub?: { defs: number };
}

export type SkipReason = 'huge' | 'minified';

export const MAX_BYTES = 1024 * 1024;
/** A line longer than this marks a minified or generated file. */
export const MAX_LINE = 2000;

/**
 * What reading a file for the index found:
 *   gone   missing, not a regular file, or not a supported language: drop it
 *   same   `prev` still holds (same size+mtime, or same content hash): no parse needed
 *   done   a complete entry that needs no parse (skipped as huge or minified)
 *   parse  the text to parse, with everything else of the entry but defs/refs
 */
export type ReadOutcome =
  | { kind: 'gone' }
  | { kind: 'same'; entry: FileEntry }
  | { kind: 'done'; entry: FileEntry }
  | { kind: 'parse'; entry: FileEntry; text: string };

let hasher: Promise<(b: Uint8Array) => string> | null = null;
function getHasher(): Promise<(b: Uint8Array) => string> {
  hasher ??= xxhash().then((x) => (b: Uint8Array) => x.h64Raw(b).toString(16));
  return hasher;
}

/** Read one file for indexing. Same size and mtime as `prev` is trusted unless `force`. */
export async function readForIndex(root: string, rel: string, prev?: FileEntry, force = false): Promise<ReadOutcome> {
  const lang = languageOf(rel);
  if (!lang) return { kind: 'gone' };
  // Synchronous I/O on purpose: thousands of small reads cost far less CPU than their promise
  // versions, and each blocks for microseconds.
  const st = statSync(join(root, rel), { throwIfNoEntry: false });
  if (!st || !st.isFile()) return { kind: 'gone' };
  if (prev && !force && prev.size === st.size && prev.mtimeMs === st.mtimeMs && prev.lang === lang) return { kind: 'same', entry: prev };
  const base = { path: rel, lang, size: st.size, mtimeMs: st.mtimeMs, defs: [], refs: [] };
  if (st.size > MAX_BYTES) return { kind: 'done', entry: { ...base, hash: '', lines: 0, skip: 'huge' } };
  let buf: Buffer;
  try {
    buf = readFileSync(join(root, rel));
  } catch {
    return { kind: 'gone' };
  }
  const hash = (await getHasher())(buf);
  if (prev && prev.hash === hash && prev.lang === lang) return { kind: 'same', entry: { ...prev, size: st.size, mtimeMs: st.mtimeMs } };
  const text = buf.toString('utf8');
  const { lines, longest } = measureLines(text);
  if (longest > MAX_LINE) return { kind: 'done', entry: { ...base, hash, lines, skip: 'minified' } };
  return { kind: 'parse', entry: { ...base, hash, lines }, text };
}

/** Parse in this thread (grammar and query loaded once per thread). */
export async function parseText(lang: LanguageId, text: string): Promise<Extracted> {
  return extract(await grammarFor(lang), text);
}

/** The entry for parsed content: `ex`'s definitions re-homed to `entry.path`. */
export function withExtracted(entry: FileEntry, ex: Extracted): FileEntry {
  return { ...entry, defs: ex.defs.map((d) => ({ ...d, path: entry.path })), refs: ex.refs };
}

/**
 * True when `prev` exists and the file still has its size and mtime: one synchronous stat, no
 * read (a warm start stats thousands of files; sync stats cost a fraction of promise-based ones).
 */
export function isUnchanged(root: string, rel: string, prev: FileEntry | undefined): boolean {
  if (!prev) return false;
  const st = statSync(join(root, rel), { throwIfNoEntry: false });
  return st !== undefined && st.isFile() && st.size === prev.size && st.mtimeMs === prev.mtimeMs;
}

function measureLines(text: string): { lines: number; longest: number } {
  let lines = 0;
  let longest = 0;
  let at = 0;
  for (;;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    if (end - at > longest) longest = end - at;
    lines += 1;
    if (nl < 0) break;
    at = nl + 1;
  }
  if (text.endsWith('\n')) lines -= 1;
  return { lines, longest };
}
