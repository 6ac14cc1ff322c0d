/**
 * Decoded text files, bounded by bytes (lru-cache), keyed by path and validated by mtime + size
 * on every get. Our own writes call `invalidate(path)`; a bash run calls `clear()`, since a
 * command may rewrite a file within the same mtime tick and size.
 */
import { readFile, stat } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';
import { contentHash, lineHash } from './anchors.js';
import { decodeText, parseDoc, type TextDoc } from './text-doc.js';

export interface FileSnapshot {
  abs: string;
  text: string;
  doc: TextDoc;
  /** Anchor hash of each line, computed on first use. */
  hashes(): string[];
  /** Content identity (xxh64 of the text): equal versions = identical bytes. */
  version: string;
  mtimeMs: number;
  size: number;
  /** Permission bits, kept when we rewrite the file. */
  mode: number;
}

export type SnapshotResult =
  | { ok: true; snap: FileSnapshot; cached: boolean }
  | { ok: false; type: 'not_found' | 'binary' | 'too_large' | 'failed'; message: string };

export interface FileCache {
  read(abs: string, rel: string): Promise<SnapshotResult>;
  invalidate(abs: string): void;
  clear(): void;
}

export function createFileCache(maxBytes: number, maxFileBytes: number): FileCache {
  const lru = new LRUCache<string, FileSnapshot>({
    maxSize: maxBytes,
    sizeCalculation: (s) => Math.max(1, s.size * 3 + s.doc.lines.length * 16),
  });
  return {
    async read(abs, rel) {
      let st;
      try {
        st = await stat(abs);
      } catch {
        return { ok: false, type: 'not_found', message: `${rel} does not exist` };
      }
      if (!st.isFile()) return { ok: false, type: 'not_found', message: `${rel} is not a file` };
      const hit = lru.get(abs);
      if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return { ok: true, snap: hit, cached: true };
      if (st.size > maxFileBytes) {
        return { ok: false, type: 'too_large', message: `${rel} is ${Math.round(st.size / 1024)} KiB, over the ${Math.round(maxFileBytes / 1024)} KiB text limit; use search or bash (head/sed -n)` };
      }
      let buf: Buffer;
      try {
        buf = await readFile(abs);
      } catch (e) {
        return { ok: false, type: 'failed', message: `cannot read ${rel}: ${(e as Error).message}` };
      }
      const dec = decodeText(buf);
      if (!dec.ok) {
        return { ok: false, type: 'binary', message: dec.reason === 'binary' ? `${rel} is a binary file` : `${rel} is not UTF-8 text` };
      }
      const doc = parseDoc(dec.text);
      let hashes: string[] | null = null;
      const snap: FileSnapshot = {
        abs,
        text: dec.text,
        doc,
        hashes: () => (hashes ??= doc.lines.map(lineHash)),
        version: contentHash(dec.text),
        mtimeMs: st.mtimeMs,
        size: buf.length,
        mode: st.mode & 0o7777,
      };
      if (buf.length === st.size) lru.set(abs, snap);
      return { ok: true, snap, cached: false };
    },
    invalidate: (abs) => void lru.delete(abs),
    clear: () => lru.clear(),
  };
}
