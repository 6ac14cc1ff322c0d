/**
 * The one truncation policy. Every cut says how to get the rest: a `read` with the next range,
 * or `recall { id }` for the full stored output. Tools use these helpers; the framework applies
 * `cutToTokens` to any result still over `maxResultTokens`.
 */
import type { Tokenizer } from '../tokens/index.js';

/** Clip one long line, saying how much was dropped. */
export function clipLine(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max)}…[+${line.length - max} chars]`;
}

export function recallNote(id: string, cutLines: number): string {
  return `[${cutLines} lines cut; recall {"id":"${id}"} shows all]`;
}

/** Note under a partial read: which lines were left out and the call that shows the next part. */
export function moreLinesNote(rel: string, from: number, to: number, cap: number): string {
  const end = Math.min(to, from + cap - 1);
  return `[lines ${from}-${to} not shown: read {"path":"${rel}","lines":"${from}-${end}"}]`;
}

export interface Cut {
  head: string[];
  tail: string[];
  /** Lines dropped between head and tail (0 = nothing cut). */
  cut: number;
}

/**
 * Keep about 30% of `maxTokens` from the head and 60% from the tail (errors and summaries
 * usually come last), by whole lines; each line is clipped to `maxChars` first.
 */
export function cutToTokens(text: string, maxTokens: number, tok: Tokenizer, maxChars = 500): Cut {
  const lines = text.split('\n').map((l) => clipLine(l, maxChars));
  const cost = (l: string) => tok.count(l) + 1;
  const head: string[] = [];
  let used = 0;
  let i = 0;
  for (; i < lines.length && used + cost(lines[i]!) <= maxTokens * 0.3; i++) {
    used += cost(lines[i]!);
    head.push(lines[i]!);
  }
  const tail: string[] = [];
  used = 0;
  let j = lines.length - 1;
  for (; j >= i && used + cost(lines[j]!) <= maxTokens * 0.6; j--) {
    used += cost(lines[j]!);
    tail.unshift(lines[j]!);
  }
  return { head, tail, cut: j - i + 1 };
}
