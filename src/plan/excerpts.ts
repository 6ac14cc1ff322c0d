import type { ToolRunner } from '../agent/index.js';
import type { SymbolIndex } from '../index/types.js';
import type { Tokenizer } from '../tokens/index.js';
import type { PlanStep } from './types.js';

/**
 * Pre-loaded excerpts for a step, through the read tool so anchors and "already shown" memory
 * match what the executor will later see. Symbols first (whole definitions), then each file
 * not yet covered (small files whole, large ones as outline + head: the read tool never sends a
 * whole large file). Stops at the budget; says what it left out.
 */
export async function buildExcerpts(step: PlanStep, tools: ToolRunner, index: SymbolIndex | undefined, tok: Tokenizer, budget: number, signal: AbortSignal): Promise<{ text: string; tokens: number; left: string[] }> {
  const parts: string[] = [];
  const left: string[] = [];
  const covered = new Set<string>();
  let used = 0;
  const add = (label: string, text: string): boolean => {
    const n = tok.count(text);
    if (used + n > budget) {
      left.push(label);
      return false;
    }
    parts.push(text);
    used += n;
    return true;
  };
  for (const sym of step.symbols) {
    const { path: maybeFile, name } = splitSymbolRef(sym);
    let path = maybeFile;
    if (!path && index) {
      const hits = await index.find(name, 3);
      const inStepFiles = hits.find((h) => step.files.includes(h.path));
      path = (inStepFiles ?? hits[0])?.path ?? null;
    }
    if (!path) { left.push(sym); continue; }
    const r = await tools.run('read', JSON.stringify({ path, symbol: name }), signal);
    if (r.error) { left.push(sym); continue; }
    if (add(sym, r.forModel)) covered.add(path);
  }
  for (const file of step.files) {
    if (covered.has(file)) continue;
    const r = await tools.run('read', JSON.stringify({ path: file }), signal);
    if (r.error) { left.push(`${file} (${r.error.type === 'not_found' ? 'new file' : r.error.message})`); continue; }
    add(file, r.forModel);
  }
  if (left.length) parts.push(`[not pre-loaded: ${left.join(', ')}; read them if needed]`);
  const text = parts.join('\n\n');
  return { text, tokens: tok.count(text), left };
}

/** `src/a.ts:clamp` -> file and name; `clamp`, `Queue.run`, `Type::fn` -> name only. */
export function splitSymbolRef(ref: string): { path: string | null; name: string } {
  const m = /^([^:\s]+\.[A-Za-z0-9]+):(?!:)(.+)$/.exec(ref);
  return m ? { path: m[1]!, name: m[2]! } : { path: null, name: ref };
}
