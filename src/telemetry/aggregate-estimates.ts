/**
 * Estimate accuracy: the planner's token range for a step (and the sum for a plan) against what
 * the step actually used. Pure; takes the last record of each step and the run records.
 *
 * - actual tokens of a step or run = input (provider's, else counted) + output (0 if unreported).
 * - Steps that never ran (skipped, pending) and ranges that make no sense (high < low, high <= 0)
 *   are left out.
 * - A plan is the steps sharing a `plan` id (their run id when it is null): low, high and actual
 *   are sums over its estimated steps. A run record carrying a range whose run has no estimated
 *   step counts as one plan of its own.
 */
import type { RunRecord, StepRecord, Totals } from './records.js';
import type { EstimateItem, EstimateLevel, EstimateReport } from './aggregate-types.js';
import { median } from './quantile.js';

export function actualTokens(t: Pick<Totals, 'input_tokens' | 'output_tokens' | 'counted_tokens'>): number {
  return (t.input_tokens ?? t.counted_tokens) + (t.output_tokens ?? 0);
}

function item(id: string, run: string, low: number, high: number, actual: number): EstimateItem {
  const mid = (low + high) / 2;
  return { id, run, low, high, actual, inside: actual >= low && actual <= high, error: (actual - mid) / mid };
}

function valid(low: number | null, high: number | null): boolean {
  return low !== null && high !== null && high >= low && high > 0;
}

export function summarizeLevel(items: EstimateItem[]): EstimateLevel {
  let inside = 0;
  let below = 0;
  let above = 0;
  for (const it of items) {
    if (it.inside) inside++;
    else if (it.actual < it.low) below++;
    else above++;
  }
  return {
    count: items.length,
    inside,
    below,
    above,
    inside_share: items.length ? inside / items.length : null,
    median_abs_error: median(items.map((i) => Math.abs(i.error))),
    median_error: median(items.map((i) => i.error)),
    items,
  };
}

export function estimateAccuracy(steps: Iterable<StepRecord>, runs: Iterable<RunRecord>): EstimateReport {
  const stepItems: EstimateItem[] = [];
  const plans = new Map<string, { run: string; low: number; high: number; actual: number }>();
  const runsWithSteps = new Set<string>();
  for (const s of steps) {
    if (s.status === 'skipped' || s.status === 'pending' || !valid(s.estimate_low, s.estimate_high)) continue;
    const low = s.estimate_low as number;
    const high = s.estimate_high as number;
    const actual = actualTokens(s);
    stepItems.push(item(`${s.run}/${s.step}`, s.run, low, high, actual));
    runsWithSteps.add(s.run);
    const key = s.plan ?? s.run;
    const p = plans.get(key) ?? { run: s.run, low: 0, high: 0, actual: 0 };
    p.low += low;
    p.high += high;
    p.actual += actual;
    plans.set(key, p);
  }
  const planItems = [...plans].map(([id, p]) => item(id, p.run, p.low, p.high, p.actual));
  for (const r of runs) {
    if (runsWithSteps.has(r.run) || !valid(r.estimate_low, r.estimate_high)) continue;
    planItems.push(item(r.run, r.run, r.estimate_low as number, r.estimate_high as number, actualTokens(r)));
  }
  return { steps: summarizeLevel(stepItems), plans: summarizeLevel(planItems) };
}
