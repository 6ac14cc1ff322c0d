/**
 * One run in detail: every call with the breakdown of its request, the tools each call asked for,
 * the steps, and the tools that cost the most. Pure; the caller passes that run's records only.
 */
import type { TokenBreakdown } from '../core/index.js';
import type { CallRecord, RunRecord, StepRecord, TelemetryRecord, ToolRecord } from './records.js';
import type { PartsReport, TokenSums, ToolRow } from './aggregate-types.js';
import { addSums, sumsOf, zeroSums } from './aggregate.js';
import { actualTokens } from './aggregate-estimates.js';

export interface RunCallDetail extends TokenSums {
  call: number;
  ts: string;
  step: string | null;
  model: string;
  breakdown: TokenBreakdown;
  duration_ms: number;
  status: string;
  finish_reason: string | null;
  error_kind: string | null;
  retries: number;
  /** Tools this call asked for, in the order they ran. */
  tools: Array<{ tool: string; tokens: number; status: string; error_type: string | null; truncated: boolean; cached: boolean }>;
}

export interface RunStepDetail {
  step: string;
  title: string;
  status: string;
  calls: number;
  tokens: number;
  cost_usd: number;
  estimate_low: number | null;
  estimate_high: number | null;
}

export interface RunDetail {
  run: string;
  session: string;
  /** null when the run record is missing (still running, or crashed). */
  status: string | null;
  mode: string | null;
  task: string;
  profile: string;
  models: string[];
  first_ts: string | null;
  last_ts: string | null;
  totals: TokenSums & { calls: number; tool_calls: number; tool_tokens: number; duration_ms: number };
  first_request_tokens: number | null;
  peak_request_tokens: number | null;
  estimate_low: number | null;
  estimate_high: number | null;
  parts: PartsReport;
  calls: RunCallDetail[];
  steps: RunStepDetail[];
  /** Tools by tokens returned to the model, most first (all of them). */
  tools: ToolRow[];
}

const PARTS: Array<keyof TokenBreakdown> = ['system', 'tools', 'task', 'excerpts', 'history'];

export function buildRunDetail(runId: string, records: readonly TelemetryRecord[]): RunDetail {
  const calls = records.filter((r): r is CallRecord => r.kind === 'call').sort((a, b) => a.call - b.call);
  const toolRecs = records.filter((r): r is ToolRecord => r.kind === 'tool');
  const stepRecs = new Map<string, StepRecord>();
  let run: RunRecord | null = null;
  for (const r of records) {
    if (r.kind === 'step') stepRecs.set(r.step, r);
    if (r.kind === 'run') run = r;
  }
  const byCall = new Map<number, RunCallDetail['tools']>();
  for (const t of toolRecs) {
    const list = byCall.get(t.call) ?? [];
    list.push({ tool: t.tool, tokens: t.tokens, status: t.status, error_type: t.error_type, truncated: t.truncated, cached: t.cached });
    byCall.set(t.call, list);
  }
  const totals = { ...zeroSums(), calls: calls.length, tool_calls: toolRecs.length, tool_tokens: 0, duration_ms: 0 };
  const parts: TokenBreakdown = { system: 0, tools: 0, task: 0, excerpts: 0, history: 0 };
  const callRows: RunCallDetail[] = calls.map((c) => {
    const s = sumsOf(c);
    addSums(totals, s);
    totals.duration_ms += c.duration_ms;
    for (const p of PARTS) parts[p] += c.breakdown[p];
    return {
      call: c.call, ts: c.ts, step: c.step, model: c.model, ...s, breakdown: c.breakdown, duration_ms: c.duration_ms,
      status: c.status, finish_reason: c.finish_reason, error_kind: c.error_kind, retries: c.retries, tools: byCall.get(c.call) ?? [],
    };
  });
  if (calls.length === 0 && run) {
    Object.assign(totals, sumsOf(run), { calls: run.calls, tool_calls: Math.max(run.tool_calls, toolRecs.length), duration_ms: run.duration_ms });
  } else if (run) totals.duration_ms = run.duration_ms;
  const tools = new Map<string, Omit<ToolRow, 'share'>>();
  for (const t of toolRecs) {
    const row = tools.get(t.tool) ?? { tool: t.tool, calls: 0, tokens: 0, errors: 0, truncated: 0, cached: 0, duration_ms: 0 };
    row.calls++;
    row.tokens += t.tokens;
    if (t.status !== 'ok') row.errors++;
    if (t.truncated) row.truncated++;
    if (t.cached) row.cached++;
    row.duration_ms += t.duration_ms;
    tools.set(t.tool, row);
    totals.tool_tokens += t.tokens;
  }
  const total = PARTS.reduce((n, p) => n + parts[p], 0);
  const times = records.map((r) => r.ts).filter((t) => !Number.isNaN(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b));
  const counted = calls.map((c) => c.counted_tokens);
  const stepCalls = new Map<string, number>();
  for (const c of calls) if (c.step !== null) stepCalls.set(c.step, (stepCalls.get(c.step) ?? 0) + 1);
  return {
    run: runId,
    session: run?.session ?? records[0]?.session ?? '',
    status: run?.status ?? null,
    mode: run?.mode ?? null,
    task: run?.task ?? '',
    profile: run?.profile ?? records[0]?.profile ?? '',
    models: [...new Set(calls.map((c) => c.model).concat(run ? [run.model] : []).filter((m) => m !== ''))],
    first_ts: times[0] ?? null,
    last_ts: times[times.length - 1] ?? null,
    totals,
    first_request_tokens: run?.first_request_tokens || counted[0] || null,
    peak_request_tokens: run?.peak_request_tokens || (counted.length ? counted.reduce((a, b) => (b > a ? b : a)) : null),
    estimate_low: run?.estimate_low ?? null,
    estimate_high: run?.estimate_high ?? null,
    parts: {
      tokens: parts,
      share: Object.fromEntries(PARTS.map((p) => [p, total ? parts[p] / total : 0])) as unknown as TokenBreakdown,
      total,
    },
    calls: callRows,
    steps: [...stepRecs.values()].map((s) => ({
      step: s.step, title: s.title, status: s.status, calls: stepCalls.get(s.step) ?? s.calls, tokens: actualTokens(s),
      cost_usd: s.cost_usd, estimate_low: s.estimate_low, estimate_high: s.estimate_high,
    })),
    tools: [...tools.values()]
      .map((t) => ({ ...t, share: totals.tool_tokens ? t.tokens / totals.tool_tokens : 0 }))
      .sort((a, b) => b.tokens - a.tokens || a.tool.localeCompare(b.tool)),
  };
}
