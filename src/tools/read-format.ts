/** Shared pieces of the read output format (other modules and tests rely on these exact shapes). */
import { formatLine } from './anchors.js';
import type { AnchorMode } from '../core/index.js';
import { clipLine } from './truncate.js';

/** Header line above every excerpt: `src/a.ts lines 1-40 of 212`. */
export function readHeader(rel: string, start: number, end: number, total: number): string {
  return `${rel} lines ${start}-${end} of ${total}`;
}

/** Lines longer than this are clipped in reads; anchors still hash the whole line. */
export const READ_LINE_MAX = 1000;

/** Anchored rows for lines start..end (1-based) of `lines`; `hashOf(n)` gives precomputed hashes. */
export function excerptRows(lines: readonly string[], hashOf: (line: number) => string | undefined, start: number, end: number, mode: AnchorMode): string {
  const rows: string[] = [];
  for (let n = start; n <= end && n <= lines.length; n++) rows.push(formatLine(n, clipLine(lines[n - 1]!, READ_LINE_MAX), mode, hashOf(n)));
  return rows.join('\n');
}

/** Parse "a-b", "a-", "a" (or "a:b"); null when unreadable. */
export function parseRange(spec: string): { start: number; end?: number } | null {
  const m = /^\s*(\d+)\s*(?:([-:,])\s*(\d*))?\s*$/.exec(spec);
  if (!m) return null;
  const start = Math.max(1, Number(m[1]));
  if (!m[2]) return { start, end: start };
  return m[3] ? { start, end: Number(m[3]) } : { start };
}
