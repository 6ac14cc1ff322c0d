import type { SymbolDef, SymbolKind } from './types.js';
import type { SymbolTable } from './table.js';

/**
 * Definitions by name, in tiers: exact, then case-insensitive, then fuzzy (substring before
 * subsequence, tighter matches first). `Container.name` (or `Container::name`) narrows to that
 * container. Within a tier, types and functions come before fields and variables, then by path.
 */
export function findDefs(table: SymbolTable, query: string, limit = 20): SymbolDef[] {
  const q = query.trim();
  if (!q || limit <= 0) return [];
  const m = /^(.+?)(?:\.|::)([^.:]+)$/.exec(q);
  const container = m ? m[1].split(/\.|::/).pop()!.toLowerCase() : undefined;
  const name = m ? m[2] : q;
  const inContainer = (d: SymbolDef) => container === undefined || (d.container ?? '').toLowerCase() === container;

  const out: SymbolDef[] = [];
  const seen = new Set<string>();
  const take = (names: string[]) => {
    const defs: SymbolDef[] = [];
    for (const n of names) {
      if (seen.has(n)) continue;
      seen.add(n);
      for (const d of table.defsNamed(n)) if (inContainer(d)) defs.push(d);
    }
    defs.sort(byKindThenPath);
    for (const d of defs) if (out.length < limit) out.push(d);
  };

  take([name]);
  if (out.length < limit) take(table.namesLower(name.toLowerCase()).sort());
  if (out.length < limit) {
    const lower = name.toLowerCase();
    const scored: Array<[number, string]> = [];
    for (const n of table.allNames()) {
      if (seen.has(n)) continue;
      const s = fuzzyScore(lower, n.toLowerCase());
      if (s > 0) scored.push([s, n]);
    }
    scored.sort((a, b) => b[0] - a[0] || a[1].length - b[1].length || (a[1] < b[1] ? -1 : 1));
    for (const [, n] of scored) {
      if (out.length >= limit) break;
      take([n]);
    }
  }
  return out;
}

/** 0 = no match. Prefix > substring > subsequence; shorter candidates and tighter spans score higher. */
export function fuzzyScore(q: string, cand: string): number {
  if (q.length === 0 || q.length > cand.length) return 0;
  const at = cand.indexOf(q);
  if (at === 0) return 3000 - cand.length;
  if (at > 0) return 2000 - cand.length - at;
  let i = 0;
  let first = -1;
  let last = -1;
  for (let j = 0; j < cand.length && i < q.length; j++) {
    if (cand[j] === q[i]) {
      if (first < 0) first = j;
      last = j;
      i += 1;
    }
  }
  if (i < q.length) return 0;
  return Math.max(1, 1000 - (last - first + 1 - q.length) * 10 - cand.length);
}

const KIND_ORDER: Record<SymbolKind, number> = {
  class: 0, interface: 0, struct: 0, trait: 0, enum: 1, type: 1, module: 1,
  function: 2, method: 3, constant: 4, variable: 5, field: 6,
};

function byKindThenPath(a: SymbolDef, b: SymbolDef): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.startLine - b.startLine);
}
