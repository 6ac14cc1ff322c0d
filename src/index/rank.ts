import type { SymbolDef } from './types.js';
import type { SymbolTable } from './table.js';

/**
 * Ranks definitions for a repo map, in the spirit of Aider's repomap: files are nodes, a file that
 * uses a name defined in another file gives it an edge; PageRank over that graph, personalised
 * toward focus files and files the task names, is then shared out to the definitions the edges
 * point at. Definitions the task names outrank everything else; fields and variables appear only
 * when the task names them.
 */
export interface RankInput {
  task?: string;
  focusFiles?: string[];
}

export interface RankedDef {
  def: SymbolDef;
  score: number;
}

const DAMPING = 0.85;
const ITERATIONS = 25;
/** A name defined in more files than this is too generic to say much about any of them. */
const GENERIC_DEFINERS = 5;
/** Names defined in more files than this (`get`, `init` ...) make no edges at all. */
const MAX_DEFINERS = 25;

/** Identifier-like words of a task (3+ chars), lower-cased. */
export function taskWords(task: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const m of (task ?? '').matchAll(/[A-Za-z_$][A-Za-z0-9_$]*/g)) if (m[0].length >= 3) out.add(m[0].toLowerCase());
  return out;
}

function fileMentioned(path: string, words: Set<string>, task: string): boolean {
  if (task.includes(path)) return true;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const stem = base.includes('.') ? base.slice(0, base.indexOf('.')) : base;
  return words.has(stem.toLowerCase()) || task.includes(base);
}

export function rankDefs(table: SymbolTable, input: RankInput): RankedDef[] {
  const task = input.task ?? '';
  const words = taskWords(task);
  const files = [...table.entries.keys()];
  const idOf = new Map(files.map((f, i) => [f, i]));
  const n = files.length;
  if (n === 0) return [];

  // Personalisation: everyone a little, focus files and files the task names a lot.
  const pers = new Float64Array(n).fill(1);
  for (const f of input.focusFiles ?? []) {
    const i = idOf.get(f);
    if (i !== undefined) pers[i] += 100;
  }
  if (task) files.forEach((f, i) => { if (fileMentioned(f, words, task)) pers[i] += 100; });
  const persSum = pers.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) pers[i] /= persSum;

  // Edges: user file -> defining file, one per (user, definer, name), weighted.
  type Edge = { from: number; to: number; w: number; name: string };
  const edges: Edge[] = [];
  const outW = new Float64Array(n);
  for (const name of table.allNames()) {
    const definers = [...new Set(table.defsNamed(name).map((d) => d.path))];
    if (definers.length > MAX_DEFINERS) continue;
    let mul = 1;
    if (words.has(name.toLowerCase())) mul *= 10;
    if (name.length >= 8 && /[a-z][A-Z]|_/.test(name)) mul *= 3;
    if (name.startsWith('_')) mul *= 0.1;
    if (definers.length > GENERIC_DEFINERS) mul *= 0.1;
    for (const [path, lines] of table.refsTo(name)) {
      const from = idOf.get(path)!;
      const w = mul * Math.sqrt(lines.length);
      for (const d of definers) {
        const to = idOf.get(d)!;
        if (to === from) continue;
        edges.push({ from, to, w, name });
        outW[from] += w;
      }
    }
  }

  let rank = Float64Array.from(pers);
  for (let it = 0; it < ITERATIONS; it++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) if (outW[i] === 0) dangling += rank[i];
    for (const e of edges) next[e.to] += (rank[e.from] * e.w) / outW[e.from];
    for (let i = 0; i < n; i++) next[i] = DAMPING * (next[i] + dangling * pers[i]) + (1 - DAMPING) * pers[i];
    rank = next;
  }

  // Share each file's rank out along its edges to (definer, name), plus a floor per definition.
  const byDef = new Map<string, number>();
  for (const e of edges) {
    const key = `${e.to}\0${e.name}`;
    byDef.set(key, (byDef.get(key) ?? 0) + (rank[e.from] * e.w) / outW[e.from]);
  }
  const focus = new Set(input.focusFiles ?? []);
  const out: RankedDef[] = [];
  for (const [path, entry] of table.entries) {
    const i = idOf.get(path)!;
    const floor = (rank[i] * 0.05) / Math.max(1, entry.defs.length);
    for (const def of entry.defs) {
      const named = words.has(def.name.toLowerCase());
      if ((def.kind === 'field' || def.kind === 'variable') && !named) continue;
      let score = (byDef.get(`${i}\0${def.name}`) ?? 0) + floor;
      if (focus.has(path)) score *= 10;
      if (named) score += 1000;
      out.push({ def, score });
    }
  }
  return out.sort((a, b) => b.score - a.score || (a.def.path < b.def.path ? -1 : a.def.path > b.def.path ? 1 : a.def.startLine - b.def.startLine));
}
