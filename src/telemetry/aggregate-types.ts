/**
 * The aggregates `pith stats` shows and `--json` prints (docs/stats-json.md documents them field by
 * field; keep the two in step). snake_case like the records they come from.
 *
 * Token conventions, everywhere below:
 * - input_tokens: the provider's count where it reported one, else our own counted_tokens.
 * - output_tokens: the provider's count; 0 where it reported none.
 * - cached_input_tokens is part of input_tokens, reasoning_tokens part of output_tokens.
 * - tokens = input_tokens + output_tokens.
 */
import type { TokenBreakdown } from '../core/index.js';

export interface TokenSums {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  counted_tokens: number;
  tokens: number;
  cost_usd: number;
}

export interface Summary extends TokenSums {
  /** Distinct non-empty run ids with a record in the selection. */
  runs: number;
  /** Distinct steps (run, step) with a step record; a run with none counts its run record's `steps`. */
  steps: number;
  calls: number;
  failed_calls: number;
  tool_calls: number;
  tool_errors: number;
  /** Calls whose input_tokens fell back to our own count. */
  input_estimated_calls: number;
  /** Calls whose provider reported no output_tokens. */
  output_unreported_calls: number;
  tokens_per_run: { median: number | null; p90: number | null; max: number | null };
  /** Runs by final status; 'unfinished' = no run record (still running, or crashed). */
  run_status: Record<string, number>;
  budget_stops: { runs: number; steps: number };
  /** Runs that ended failed, error or loop. */
  failures: number;
  aborted: number;
  duration_ms: number;
  first_ts: string | null;
  last_ts: string | null;
}

/** One row of a `--by model|profile|day|status` table. */
export interface GroupRow extends TokenSums {
  key: string;
  runs: number;
  calls: number;
  tool_calls: number;
}

/** One row of the `--by tool` table. `share` = this tool's tokens / all tool tokens (0..1). */
export interface ToolRow {
  tool: string;
  calls: number;
  tokens: number;
  share: number;
  errors: number;
  truncated: number;
  cached: number;
  duration_ms: number;
}

export interface PartsReport {
  /** Σ of each request part over all calls. */
  tokens: TokenBreakdown;
  /** Each part's share of `total` (0..1; all 0 when total is 0). */
  share: TokenBreakdown;
  total: number;
}

/** One run, for the tokens-per-run series (ordered by first record time). */
export interface RunPoint {
  run: string;
  ts: string;
  status: string;
  mode: string;
  model: string;
  profile: string;
  task: string;
  calls: number;
  tool_calls: number;
  tokens: number;
  cost_usd: number;
}

export interface EstimateItem {
  /** `run/step` for steps; the plan id (or run id) for plans. */
  id: string;
  run: string;
  low: number;
  high: number;
  actual: number;
  inside: boolean;
  /** (actual - mid) / mid, mid = (low + high) / 2; positive = more than estimated. */
  error: number;
}

export interface EstimateLevel {
  count: number;
  inside: number;
  below: number;
  above: number;
  inside_share: number | null;
  median_abs_error: number | null;
  median_error: number | null;
  items: EstimateItem[];
}

export interface EstimateReport {
  steps: EstimateLevel;
  plans: EstimateLevel;
}

export type GroupKey = 'model' | 'profile' | 'project' | 'day' | 'status' | 'tool';
export const GROUP_KEYS: readonly GroupKey[] = ['model', 'profile', 'project', 'day', 'status', 'tool'];

export interface StatsReport {
  summary: Summary;
  groups: { model: GroupRow[]; profile: GroupRow[]; project: GroupRow[]; day: GroupRow[]; status: GroupRow[]; tool: ToolRow[] };
  parts: PartsReport;
  runs: RunPoint[];
  estimates: EstimateReport;
}
