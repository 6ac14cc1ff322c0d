import type { Tokenizer } from '../tokens/index.js';
import type { SymbolDef } from './types.js';
import type { RankedDef } from './rank.js';

/**
 * Renders ranked definitions as a compact map and fits it to a token budget:
 *
 *   src/index/find.ts
 *     10: export function findDefs(table: SymbolTable, query: string, limit = 20): SymbolDef[]
 *     52: export function fuzzyScore(q: string, cand: string): number
 *
 * Files appear in the order of their best definition; definitions in line order within a file;
 * a member whose container is not shown carries it in brackets. The budget is a hard maximum:
 * the result is counted with the real tokenizer and is never over it ('' when nothing fits).
 */
const SIG_MAX = 120;

function sigOf(d: SymbolDef): string {
  let s = d.signature.replace(/\s*\{\s*$/, '').replace(/\s+/g, ' ');
  if (s.length > SIG_MAX) s = s.slice(0, SIG_MAX - 1) + '…';
  return s || d.name;
}

export function renderMap(defs: SymbolDef[]): string {
  const byFile = new Map<string, SymbolDef[]>();
  for (const d of defs) {
    const list = byFile.get(d.path);
    if (list) list.push(d);
    else byFile.set(d.path, [d]);
  }
  const out: string[] = [];
  for (const [path, list] of byFile) {
    out.push(path);
    list.sort((a, b) => a.startLine - b.startLine);
    const shown = new Set(list.map((d) => d.name));
    for (const d of list) {
      const nested = d.container !== undefined && shown.has(d.container);
      const hint = d.container !== undefined && !nested ? `[${d.container}] ` : '';
      out.push(`${nested ? '    ' : '  '}${d.startLine}: ${hint}${sigOf(d)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

export function fitMap(ranked: RankedDef[], budget: number, tok: Tokenizer): string {
  if (budget <= 0 || ranked.length === 0) return '';
  // Cheap per-line estimate bounds the search; the exact count of the whole text decides.
  const cap = Math.min(ranked.length, Math.max(1, budget));
  let est = 0;
  let hi = 0;
  const seenFiles = new Set<string>();
  while (hi < cap) {
    const d = ranked[hi].def;
    est += tok.count(`  ${d.startLine}: ${sigOf(d)}\n`);
    if (!seenFiles.has(d.path)) {
      seenFiles.add(d.path);
      est += tok.count(d.path + '\n');
    }
    if (est > budget * 1.25 + 16) break;
    hi += 1;
  }
  const render = (k: number) => renderMap(ranked.slice(0, k).map((r) => r.def));
  let lo = 0;
  let best = '';
  hi = Math.min(cap, hi + 1);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const text = render(mid);
    if (tok.count(text) <= budget) {
      lo = mid;
      best = text;
    } else hi = mid - 1;
  }
  if (lo > 0 && !best) best = render(lo);
  return tok.count(best) <= budget ? best : '';
}
