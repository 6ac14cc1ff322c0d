import type { SymbolIndex } from '../index/types.js';
import type { Price } from '../tokens/index.js';
import { calibrate, rawStepEstimate, sumRanges, OUTPUT_PER_CALL, type Range } from './estimate.js';
import { splitSymbolRef } from './excerpts.js';
import type { Plan } from './types.js';

/** Tokens per source line, measured on TS/JS with the anchored read format (about 10). */
const TOKENS_PER_LINE = 10;
/** Carry-forward lines each earlier step adds. */
const CARRY_PER_STEP = 60;

export interface PlanEstimateInput {
  plan: Plan;
  fixedOverhead: number;
  count: (text: string) => number;
  index?: SymbolIndex;
  /** Line count of a project file, or null when it does not exist. */
  lineCount: (path: string) => Promise<number | null>;
  excerptTokens: number;
  ratios: readonly number[];
  price: Price;
}

export interface PlanEstimate {
  steps: Map<string, Range & { raw: number }>;
  total: Range;
}

/** Estimate every pending step and the plan; sizes of files and symbols come from the index. */
export async function estimatePlan(i: PlanEstimateInput): Promise<PlanEstimate> {
  const steps = new Map<string, Range & { raw: number }>();
  for (const [n, step] of i.plan.steps.entries()) {
    let excerpt = 0;
    for (const s of step.symbols) {
      const { name } = splitSymbolRef(s);
      const def = i.index ? (await i.index.find(name, 1))[0] : undefined;
      excerpt += def ? (def.endLine - def.startLine + 2) * TOKENS_PER_LINE : 150;
    }
    for (const f of step.files) {
      const lines = await i.lineCount(f);
      if (lines === null) continue;
      excerpt += lines <= 150 ? lines * TOKENS_PER_LINE : 400; // outline + head for large files
    }
    const context = i.count(step.instruction) + 40 + n * CARRY_PER_STEP + Math.min(excerpt, i.excerptTokens);
    const raw = rawStepEstimate({ fixedOverhead: i.fixedOverhead, context, files: step.files.length, symbols: step.symbols.length });
    const r = calibrate(raw.tokens, OUTPUT_PER_CALL * raw.calls / raw.tokens, i.ratios, i.price);
    steps.set(step.id, { ...r, raw: raw.tokens });
  }
  return { steps, total: sumRanges([...steps.values()]) };
}
