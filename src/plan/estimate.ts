import type { Price } from '../tokens/index.js';

/**
 * Cost estimate of a step before it runs: expected calls x expected context per call + output.
 * The raw figure is calibrated by what past steps of the same model really cost (actual/raw
 * ratios, median and 90th percentile); without history the range is wide on purpose.
 */
export interface StepEstimateInput {
  /** System prompt + tool schemas: paid on every call. */
  fixedOverhead: number;
  /** Task text + carry-forward + pre-loaded excerpts: the step's fresh context. */
  context: number;
  files: number;
  symbols: number;
}

/** Typical tool output added to the history per call, and typical reply size. */
export const GROWTH_PER_CALL = 350;
export const OUTPUT_PER_CALL = 120;
/** The executor keeps the history near a soft limit plus the last two turns (agent/executor.ts). */
export const HISTORY_CAP = 1000 + 2 * (GROWTH_PER_CALL + OUTPUT_PER_CALL);

export function rawStepEstimate(i: StepEstimateInput): { tokens: number; calls: number; output: number } {
  // Per file: a read (unless pre-loaded) and an edit; then a check that ends the step (bash
  // done:true, no closing reply). A step that names no files still touches some: assume two.
  const files = i.files || 2;
  const calls = 1 + 2 * files - Math.min(i.symbols, files);
  let input = 0;
  for (let c = 0; c < calls; c++) input += i.fixedOverhead + i.context + Math.min(HISTORY_CAP, c * (GROWTH_PER_CALL + OUTPUT_PER_CALL));
  const output = calls * OUTPUT_PER_CALL;
  return { tokens: input + output, calls, output };
}

export interface Range {
  low: number;
  high: number;
  lowUsd: number;
  highUsd: number;
  calibrated: boolean;
}

/** Ratios actual/raw of past steps of this model (newest last). */
export function calibrate(raw: number, outputShare: number, ratios: readonly number[], price: Price): Range {
  const clean = ratios.filter((r) => Number.isFinite(r) && r > 0).slice(-50);
  // Without history: a little wider than the 10th and 90th percentiles of actual/raw over the 16
  // bench plans on the scripted model (0.76-1.89, all 0.42-1.93; renames across many files run highest).
  let lowF = 0.6;
  let highF = 2.3;
  const calibrated = clean.length >= 3;
  if (calibrated) {
    const sorted = [...clean].sort((a, b) => a - b);
    lowF = quantile(sorted, 0.5);
    highF = Math.max(lowF, quantile(sorted, 0.9));
  }
  const usd = (tokens: number) => (tokens * (1 - outputShare) * price.input + tokens * outputShare * price.output) / 1e6;
  const low = Math.round(raw * lowF);
  const high = Math.round(raw * highF);
  return { low, high, lowUsd: usd(low), highUsd: usd(high), calibrated };
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function sumRanges(ranges: readonly Range[]): Range {
  return ranges.reduce(
    (a, r) => ({ low: a.low + r.low, high: a.high + r.high, lowUsd: a.lowUsd + r.lowUsd, highUsd: a.highUsd + r.highUsd, calibrated: a.calibrated && r.calibrated }),
    { low: 0, high: 0, lowUsd: 0, highUsd: 0, calibrated: true } as Range,
  );
}
