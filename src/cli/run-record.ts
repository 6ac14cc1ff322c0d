import type { ExecutorResult } from '../agent/index.js';
import type { RunStatus } from '../core/index.js';
import { TELEMETRY_VERSION, type RunRecord } from '../telemetry/index.js';
import type { Engine } from './engine.js';

/** Totals over executor results (a run has one; a plan has one per attempt). */
export function totals(results: readonly ExecutorResult[]) {
  const sum = (f: (r: ExecutorResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const nullable = (f: (r: ExecutorResult) => number | null) => (results.some((r) => f(r) !== null) ? sum((r) => f(r) ?? 0) : null);
  return {
    calls: sum((r) => r.calls), toolCalls: sum((r) => r.toolCalls), inputTokens: sum((r) => r.inputTokens), outputTokens: sum((r) => r.outputTokens),
    cachedInputTokens: nullable((r) => r.cachedInputTokens), reasoningTokens: nullable((r) => r.reasoningTokens), countedTokens: sum((r) => r.countedTokens),
    costUsd: sum((r) => r.costUsd), firstRequestTokens: results[0]?.firstRequestTokens ?? 0, peakRequestTokens: Math.max(0, ...results.map((r) => r.peakRequestTokens)),
    staleEdits: sum((r) => r.staleEdits), malformedCalls: sum((r) => r.malformedCalls),
  };
}

export async function writeRunRecord(engine: Engine, r: {
  runId: string; mode: RunRecord['mode']; task: string; status: RunStatus; results: readonly ExecutorResult[]; steps: number; durationMs: number; model: string;
  estimate?: { low: number; high: number; raw: number };
}): Promise<void> {
  const t = totals(r.results);
  const record: RunRecord = {
    v: TELEMETRY_VERSION, kind: 'run', ts: new Date().toISOString(), session: engine.sessionId, run: r.runId, profile: engine.runtime.profileName, model: r.model,
    mode: r.mode, task: r.task.slice(0, 200), status: r.status, steps: r.steps,
    calls: t.calls, tool_calls: t.toolCalls, input_tokens: t.inputTokens, output_tokens: t.outputTokens,
    cached_input_tokens: t.cachedInputTokens, reasoning_tokens: t.reasoningTokens, counted_tokens: t.countedTokens,
    cost_usd: t.costUsd, duration_ms: r.durationMs, first_request_tokens: t.firstRequestTokens, peak_request_tokens: t.peakRequestTokens,
    stale_edits: t.staleEdits, malformed_calls: t.malformedCalls,
    estimate_low: r.estimate?.low ?? null, estimate_high: r.estimate?.high ?? null, estimate_raw: r.estimate?.raw ?? null,
  };
  await engine.sink.write(record).catch(() => {});
}

/** Exit codes shared by run and plan: 0 ok, 1 failure, 3 budget exhausted, 130 interrupted. */
export function exitCodeFor(status: RunStatus | 'paused'): number {
  switch (status) {
    case 'ok': return 0;
    case 'budget_exhausted': return 3;
    case 'aborted': return 130;
    default: return 1;
  }
}
