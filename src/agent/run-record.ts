import type { RunStatus } from '../core/index.js';
import { TELEMETRY_VERSION, type RunRecord } from '../telemetry/index.js';
import type { ExecutorResult } from './types.js';

/** Totals over executor results (a run has one; a plan has one per step attempt). */
export function sumResults(results: readonly ExecutorResult[]) {
  const sum = (f: (r: ExecutorResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const nullable = (f: (r: ExecutorResult) => number | null) => (results.some((r) => f(r) !== null) ? sum((r) => f(r) ?? 0) : null);
  return {
    calls: sum((r) => r.calls), toolCalls: sum((r) => r.toolCalls), inputTokens: sum((r) => r.inputTokens), outputTokens: sum((r) => r.outputTokens),
    cachedInputTokens: nullable((r) => r.cachedInputTokens), reasoningTokens: nullable((r) => r.reasoningTokens), countedTokens: sum((r) => r.countedTokens),
    costUsd: sum((r) => r.costUsd), firstRequestTokens: results[0]?.firstRequestTokens ?? 0, peakRequestTokens: Math.max(0, ...results.map((r) => r.peakRequestTokens)),
    staleEdits: sum((r) => r.staleEdits), malformedCalls: sum((r) => r.malformedCalls), shrinkSavedTokens: sum((r) => r.shrinkSavedTokens),
  };
}

export interface RunRecordInput {
  ids: { session: string; run: string; profile: string };
  model: string;
  mode: RunRecord['mode'];
  task: string;
  status: RunStatus;
  results: readonly ExecutorResult[];
  steps: number;
  durationMs: number;
  estimate?: { low: number; high: number; raw: number };
}

export function buildRunRecord(r: RunRecordInput): RunRecord {
  const t = sumResults(r.results);
  return {
    v: TELEMETRY_VERSION, kind: 'run', ts: new Date().toISOString(), session: r.ids.session, run: r.ids.run, profile: r.ids.profile, model: r.model,
    mode: r.mode, task: r.task.slice(0, 200), status: r.status, steps: r.steps,
    calls: t.calls, tool_calls: t.toolCalls, input_tokens: t.inputTokens, output_tokens: t.outputTokens,
    cached_input_tokens: t.cachedInputTokens, reasoning_tokens: t.reasoningTokens, counted_tokens: t.countedTokens,
    cost_usd: t.costUsd, duration_ms: r.durationMs, first_request_tokens: t.firstRequestTokens, peak_request_tokens: t.peakRequestTokens,
    stale_edits: t.staleEdits, malformed_calls: t.malformedCalls, shrink_saved_tokens: t.shrinkSavedTokens,
    estimate_low: r.estimate?.low ?? null, estimate_high: r.estimate?.high ?? null, estimate_raw: r.estimate?.raw ?? null,
  };
}
