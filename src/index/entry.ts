import { readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import xxhash from 'xxhash-wasm';
import type { SymbolDef } from './types.js';
import { languageOf, type LanguageId } from './languages.js';
import { grammarFor } from './grammar.js';
import { extract, type Extracted, type RefList } from './extract.js';
import { unpackDefs, notePacked, type PackedExtract } from './pack.js';

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
 *   parse  the content to parse (bytes as read: `decode` gives the text), with everything else
 *          of the entry but defs/refs
 */
export type ReadOutcome =
  | { kind: 'gone' }
  | { kind: 'same'; entry: FileEntry }
  | { kind: 'done'; entry: FileEntry }
  | { kind: 'parse'; entry: FileEntry; bytes: Buffer };

/** The text the index parses for a file's bytes (UTF-8; a BOM is kept as U+FEFF). */
export const decode = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

let hasher: Promise<void> | null = null;
let hashNow: ((b: Uint8Array) => string) | null = null;

/**
 * Get the reader ready (its hasher is WebAssembly). Before starting parse workers: their grammar
 * compiles share V8's background threads and would otherwise queue ahead of it.
 */
export function prepareRead(): Promise<void> {
  hasher ??= xxhash().then((x) => {
    hashNow = (b) => x.h64Raw(b).toString(16);
  });
  return hasher;
}

/**
 * Read one file for indexing. Same size and mtime as `prev` is trusted unless `force`. `stat` is
 * the file's stat when the caller just took it (undefined: missing).
 */
export async function readForIndex(root: string, rel: string, prev?: FileEntry, force = false, stat?: () => Stats | undefined): Promise<ReadOutcome> {
  await prepareRead();
  return readForIndexNow(root, rel, prev, force, stat);
}

/**
 * readForIndex in one synchronous step, once prepareRead() has resolved: a caller can read a file
 * and hand it on in the same turn. Synchronous I/O on purpose: thousands of small reads cost far
 * less CPU than their promise versions, and each blocks for microseconds.
 */
export function readForIndexNow(root: string, rel: string, prev?: FileEntry, force = false, stat?: () => Stats | undefined): ReadOutcome {
  if (!hashNow) throw new Error('readForIndexNow before prepareRead()');
  const lang = languageOf(rel);
  if (!lang) return { kind: 'gone' };
  const st = stat ? stat() : statSync(join(root, rel), { throwIfNoEntry: false });
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
  const hash = hashNow(buf);
  if (prev && prev.hash === hash && prev.lang === lang) return { kind: 'same', entry: { ...prev, size: st.size, mtimeMs: st.mtimeMs } };
  const { lines, minified } = measure(buf);
  if (minified) return { kind: 'done', entry: { ...base, hash, lines, skip: 'minified' } };
  return { kind: 'parse', entry: { ...base, hash, lines }, bytes: buf };
}

/** Parse in this thread (grammar and query loaded once per thread). */
export async function parseText(lang: LanguageId, text: string): Promise<Extracted> {
  return extract(await grammarFor(lang), text);
}

/** The entry for parsed content: `ex`'s definitions re-homed to `entry.path`. */
export function withExtracted(entry: FileEntry, ex: Extracted): FileEntry {
  return { ...entry, defs: ex.defs.map((d) => ({ ...d, path: entry.path })), refs: ex.refs };
}

/** The entry for parsed content in packed JSON form (a worker's reply, see pack.ts). */
export function withPacked(entry: FileEntry, json: string): FileEntry {
  const [defs, refs] = JSON.parse(json) as PackedExtract;
  const out: FileEntry = { ...entry, defs: unpackDefs(entry.path, defs), refs };
  notePacked(out, json);
  return out;
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

/**
 * Lines of the text, and whether a line is longer than MAX_LINE (UTF-16 units), counted on the
 * bytes so the file is not decoded here: '\n' is one byte in UTF-8, and a line has no more UTF-16
 * units than bytes, so only a line over MAX_LINE bytes is decoded to decide.
 */
function measure(bytes: Buffer): { lines: number; minified: boolean } {
  let lines = 0;
  let minified = false;
  let at = 0;
  for (;;) {
    const nl = bytes.indexOf(10, at);
    const end = nl < 0 ? bytes.length : nl;
    if (!minified && end - at > MAX_LINE) minified = bytes.toString('utf8', at, end).length > MAX_LINE;
    lines += 1;
    if (nl < 0) break;
    at = nl + 1;
  }
  if (bytes.length > 0 && bytes[bytes.length - 1] === 10) lines -= 1;
  return { lines, minified };
}
