/**
 * The `{ old, new }` fallback: an exact string replace that must match exactly once. It is
 * turned into a whole-line replace so it goes through the same engine (line terminators kept).
 * No match reports the closest region; several matches report where they are.
 */
import type { TextDoc } from './text-doc.js';

export type ReplaceResult =
  | { ok: true; from: number; to: number; lines: string[] }
  | { ok: false; type: 'no_match' | 'bad_args'; message: string; region?: [number, number] };

function lineStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The window of the file most like `old` (by trimmed equal lines), 1-based inclusive. */
function closest(doc: TextDoc, old: string): [number, number] | undefined {
  const want = old.split('\n').map((l) => l.trim());
  const size = want.length;
  let best = 0;
  let at = -1;
  for (let s = 0; s + size <= doc.lines.length; s++) {
    let score = 0;
    for (let i = 0; i < size; i++) if (want[i] !== '' && doc.lines[s + i]!.trim() === want[i]) score++;
    if (score > best) [best, at] = [score, s];
  }
  if (at < 0) {
    const probe = want.find((w) => w.length >= 4)?.slice(0, 24);
    const hit = probe ? doc.lines.findIndex((l) => l.includes(probe)) : -1;
    if (hit < 0) return undefined;
    at = hit;
  }
  return [at + 1, Math.min(doc.lines.length, at + size)];
}

export function replaceOnce(doc: TextDoc, oldText: string, newText: string): ReplaceResult {
  const old = oldText.replace(/\r\n?/g, '\n');
  const neu = newText.replace(/\r\n?/g, '\n');
  if (old === '') return { ok: false, type: 'bad_args', message: 'old is empty: give the exact text to replace, or use write for a new file' };
  const joined = doc.lines.join('\n');
  const hits: number[] = [];
  for (let i = joined.indexOf(old); i >= 0 && hits.length < 6; i = joined.indexOf(old, i + old.length)) hits.push(i);
  const starts = lineStarts(doc.lines);
  if (hits.length > 1) {
    const where = hits.slice(0, 5).map((h) => lineAt(starts, h) + 1).join(', ');
    return { ok: false, type: 'no_match', message: `old matches ${hits.length > 5 ? 'more than 5' : hits.length} times (lines ${where}); add surrounding lines to make it unique, or use anchors` };
  }
  if (hits.length === 0) {
    const region = closest(doc, old);
    const hint = region ? `; the closest region is lines ${region[0]}-${region[1]}, below` : '';
    return { ok: false, type: 'no_match', message: `old was not found exactly${hint}. Copy the text exactly (whitespace counts) or use anchors`, region };
  }
  const o = hits[0]!;
  const first = lineAt(starts, o);
  let last = lineAt(starts, Math.max(o, o + old.length - 1));
  // A match that swallowed a line's newline joins the next line into the replaced block.
  if (old.endsWith('\n') && last + 1 < doc.lines.length) last += 1;
  const lastEnd = starts[last]! + doc.lines[last]!.length;
  const text = joined.slice(starts[first]!, o) + neu + joined.slice(o + old.length, Math.max(o + old.length, lastEnd));
  return { ok: true, from: first + 1, to: last + 1, lines: text.split('\n') };
}
