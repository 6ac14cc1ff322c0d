import type { ToolRunner } from '../agent/index.js';
import type { ExcerptSet } from './excerpts.js';

/** Tokens at most for the lines around a task's code words (after the definitions it names). */
export const WORD_PLACES_TOKENS = 800;
/** A rename edits every place its name occurs, so all of them are worth showing: a bigger budget. */
export const RENAME_PLACES_TOKENS = 1200;
/** The task renames something. */
const RENAME = /\brenam(e|es|ed|ing)\b/i;
/** Lines shown above and below each place a task's word occurs. */
export const WORD_CONTEXT_LINES = 2;
/** The searches stop after this long: on a huge repository the model's first call must not wait on them. */
export const WORD_PLACES_MS = 2000;
/** A word found in more places than this is too common to lead anywhere: it is left to the model. */
export const MAX_PLACES_PER_WORD = 30;

/**
 * Words of a task that can only be code: camelCase, snake_case, `backticked`, Qualified.names
 * (4+ characters), unique, in the task's order, at most `max`.
 */
export function codeWordsIn(task: string, max = 4): string[] {
  const out: string[] = [];
  const add = (w: string) => {
    if (w.length >= 4 && !out.includes(w) && out.length < max) out.push(w);
  };
  for (const m of task.matchAll(/`([^`\s]+)`|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/g)) {
    if (m[1]) {
      const ident = /[A-Za-z_$][\w$]*$/.exec(m[1].replace(/\(.*$/, ''));
      if (ident) add(ident[0]);
      continue;
    }
    for (const part of m[2]!.split('.')) if (/[a-z][A-Z]/.test(part) || /[A-Za-z0-9]_[A-Za-z0-9]/.test(part)) add(part);
  }
  return out;
}

/**
 * The lines around the places `words` occur (search, then a small read per place, nearby places
 * merged), word by word, added to `set` until `maxTokens` more are used. A word found nowhere or
 * in too many places adds nothing; places inside lines already in `set` are skipped, and
 * `choose` picks among the rest. Searching stops after `deadlineMs`.
 */
export async function addWordPlaces(words: readonly string[], tools: ToolRunner, set: ExcerptSet, maxTokens: number, signal: AbortSignal, choose: Chooser = (ps) => [...ps], deadlineMs = WORD_PLACES_MS): Promise<void> {
  const budget = set.tokens + maxTokens;
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), deadlineMs);
  const forward = () => stop.abort();
  signal.addEventListener('abort', forward, { once: true });
  try {
    for (const word of words) {
      if (stop.signal.aborted || !(await addPlacesOf(word, tools, set, budget, stop.signal, choose))) return;
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forward);
  }
}

/** A place a word occurs: file, 1-based line, and the line's text. */
export interface Place {
  path: string;
  line: number;
  text: string;
}

const TEST_PATH = /(^|\/)(tests?|specs?|__tests__)\/|[._-](test|spec)\.[A-Za-z]+$|(^|\/)test_[^/]+\.py$/;
const IMPORT_LINE = /^\s*(import\b|export\s*(\*|\{[^}]*\})\s*from\b|from\s+\S+\s+import\b|(pub\s+)?use\s|#include\b|require\()/;

/** Picks, from a word's places, those worth showing. */
export type Chooser = (places: readonly Place[], word: string) => Place[];

/**
 * Which of a task's word places are worth showing it: places in tests only when the task talks
 * about tests, and import or re-export lines, and lines where the word is only inside a string
 * (`__all__`, messages), only when it renames or speaks of imports or exports (no other change
 * edits them). The rest would be paid on every call until the model worked on their file, for
 * nothing. And when some of a word's places hold a value the task names ("from 30 to 14"), only
 * those: the task is about the places holding it.
 */
export function placesWorthShowing(task: string): Chooser {
  const tests = /\b(tests?|specs?|testing)\b/i.test(task);
  const imports = RENAME.test(task) || /\b((re-?)?exports?|imports?)\b/i.test(task);
  const values = valuesIn(task);
  const worth = (p: Place, word: string) => (tests || !TEST_PATH.test(p.path)) && (imports || (!IMPORT_LINE.test(p.text) && !onlyQuoted(p.text, word)));
  return (places, word) => {
    const kept = places.filter((p) => worth(p, word));
    const holding = values ? kept.filter((p) => values.test(p.text)) : [];
    return holding.length ? holding : kept;
  };
}

/**
 * The numbers a task names, as one regex; null when none. Not 0 or 1 (they are everywhere), and
 * not a new value ("to 14"): places already holding it are not the ones to change.
 */
function valuesIn(task: string): RegExp | null {
  const newValues = new Set([...task.matchAll(/\bto\s+(\d+(\.\d+)?)(?!\w|\.\d)/g)].map((m) => m[1]));
  const nums = [...new Set(task.match(/(?<![\w.-])\d+(\.\d+)?(?!\w|\.\d)/g) ?? [])].filter((n) => n !== '0' && n !== '1' && !newValues.has(n));
  return nums.length ? new RegExp(`(?<![\\w.])(${nums.map((n) => n.replace('.', '\\.')).join('|')})(?!\\w|\\.\\d)`) : null;
}

/** Every use of `word` on the line is inside a quoted string. */
function onlyQuoted(line: string, word: string): boolean {
  return line.includes(word) && !line.replace(/"(\\.|[^"\\])*"|'(\\.|[^'\\])*'/g, '').includes(word);
}

/** One word's places; false once the budget is full. */
async function addPlacesOf(word: string, tools: ToolRunner, set: ExcerptSet, budget: number, signal: AbortSignal, choose: Chooser): Promise<boolean> {
  const r = await tools.run('search', JSON.stringify({ pattern: word }), signal);
  // A file with many places shows only its first few (the search's per-file cap): they still lead somewhere.
  const hits = choose((r.meta.hits ?? []).filter((h) => !set.covers(h.path, h.line)), word);
  if (r.error || (r.meta.matches ?? Infinity) > MAX_PLACES_PER_WORD || hits.length === 0) return true;
  // What does not fit is not announced (label null): the model searches when it needs more. A
  // window too big to fit does not stop smaller ones after it.
  for (const w of fileByFile(windows(hits, WORD_CONTEXT_LINES))) {
    await set.read(null, { path: w.path, lines: `${w.from}-${w.to}` }, budget);
  }
  return set.tokens < budget;
}

/**
 * Windows in rounds: every file's first window, then every file's second, and so on. When the
 * budget cannot show them all, each file the word occurs in is seen at least once (a task that
 * says "and the tests" needs the test file's place more than a fourth place in another file).
 */
export function fileByFile<T extends { path: string }>(ws: readonly T[]): T[] {
  const rank = new Map<T, number>();
  const seen = new Map<string, number>();
  for (const w of ws) {
    const k = seen.get(w.path) ?? 0;
    seen.set(w.path, k + 1);
    rank.set(w, k);
  }
  return [...ws].sort((a, b) => rank.get(a)! - rank.get(b)!);
}

/** Line windows around hits, per file in order of first hit; overlapping or touching ones merged. */
export function windows(hits: ReadonlyArray<{ path: string; line: number }>, context: number): Array<{ path: string; from: number; to: number }> {
  const out: Array<{ path: string; from: number; to: number }> = [];
  const byFile = new Map<string, number[]>();
  for (const h of hits) byFile.set(h.path, [...(byFile.get(h.path) ?? []), h.line]);
  for (const [path, lines] of byFile) {
    for (const line of [...lines].sort((a, b) => a - b)) {
      const from = Math.max(1, line - context);
      const last = out[out.length - 1];
      if (last && last.path === path && from <= last.to + 1) last.to = Math.max(last.to, line + context);
      else out.push({ path, from, to: line + context });
    }
  }
  return out;
}

/**
 * The words whose places a task (or step) should see: the names of the definitions it refers to
 * (`refs`, like `src/a.ts:clamp` or `Queue.run`) when it is about their callers, else its own
 * code words.
 */
export function wordsToPlace(text: string, refs: readonly string[]): string[] {
  const names = touchesCallers(text) ? refs.map((r) => r.split(/[:.]/).pop()!) : [];
  // A task about a definition's callers edits where it is used; its other code words name the
  // new code (a parameter, the expression to pass), whose places elsewhere are beside the point.
  return names.length ? [...new Set(names)] : codeWordsIn(text);
}

/** Tokens for a task's word places: more for a rename, whose every place is an edit. */
export function wordPlacesBudget(task: string): number {
  return RENAME.test(task) ? RENAME_PLACES_TOKENS : WORD_PLACES_TOKENS;
}

/**
 * The task changes how a definition is called or named (rename, parameters, every caller), so the
 * places it is used matter as much as the definition itself.
 */
export function touchesCallers(task: string): boolean {
  return /\b(renam\w*|caller|callers|call sites?|usages?|parameters?|arguments?|signature|everywhere|across|every (import|call|use))\b/i.test(task);
}
