/**
 * Streaming aggregation of telemetry records into a StatsReport. Pure: no I/O, no clock; the CLI
 * and the TUI's /stats overlay feed it records and format what `finish()` returns.
 *
 * Contract:
 * - Token sums, calls and request parts come from call records; tool counts from tool records.
 *   A run with neither in the selection counts with its run record's totals instead, so a file
 *   holding only run records still sums right and nothing is counted twice.
 * - Memory grows with runs, steps, tools and groups, never with calls: a 100 MB file aggregates
 *   in a few MB.
 * - Repeated step or run records (a resumed run) count once: the last one wins.
 */
import type { TokenBreakdown } from '../core/index.js';
import type { CallRecord, RunRecord, StepRecord, TelemetryRecord, ToolRecord } from './records.js';
import type { GroupRow, RunPoint, StatsReport, Summary, TokenSums, ToolRow } from './aggregate-types.js';
import { estimateAccuracy } from './aggregate-estimates.js';
import { localDay } from './period.js';
import { quantile } from './quantile.js';

export interface AggregateOptions {
  /** Day key of a time in ms for `--by day` (default: local calendar day). */
  dayOf?: (time: number) => string;
}

export interface Aggregator {
  /** `time` = Date.parse(record.ts), passed when the caller already has it. */
  add(record: TelemetryRecord, time?: number): void;
  finish(): StatsReport;
}

interface RunAcc {
  id: string;
  firstTime: number;
  firstTs: string;
  sums: TokenSums;
  calls: number;
  failedCalls: number;
  toolCalls: number;
  toolErrors: number;
  inputEstimated: number;
  outputUnreported: number;
  model: string;
  profile: string;
  record: RunRecord | null;
  recordTime: number;
}

interface GroupAcc extends GroupRow {
  runSet: Set<string>;
}

const FAILED = new Set(['failed', 'error', 'loop']);
const PARTS: Array<keyof TokenBreakdown> = ['system', 'tools', 'task', 'excerpts', 'history'];

export function zeroSums(): TokenSums {
  return { input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, reasoning_tokens: 0, counted_tokens: 0, tokens: 0, cost_usd: 0 };
}

/** The token sums of one call record or one set of totals, by the conventions in aggregate-types. */
export function sumsOf(r: CallRecord | RunRecord): TokenSums {
  const input = r.input_tokens ?? r.counted_tokens;
  const output = r.output_tokens ?? 0;
  return {
    input_tokens: input,
    output_tokens: output,
    cached_input_tokens: r.cached_input_tokens ?? 0,
    reasoning_tokens: r.reasoning_tokens ?? 0,
    counted_tokens: r.counted_tokens,
    tokens: input + output,
    cost_usd: r.cost_usd,
  };
}

export function addSums(into: TokenSums, s: TokenSums): void {
  into.input_tokens += s.input_tokens;
  into.output_tokens += s.output_tokens;
  into.cached_input_tokens += s.cached_input_tokens;
  into.reasoning_tokens += s.reasoning_tokens;
  into.counted_tokens += s.counted_tokens;
  into.tokens += s.tokens;
  into.cost_usd += s.cost_usd;
}

export function createAggregator(options: AggregateOptions = {}): Aggregator {
  const dayOf = options.dayOf ?? localDay;
  const runs = new Map<string, RunAcc>();
  const steps = new Map<string, StepRecord>();
  const groups = { model: new Map<string, GroupAcc>(), profile: new Map<string, GroupAcc>(), project: new Map<string, GroupAcc>(), day: new Map<string, GroupAcc>() };
  const tools = new Map<string, Omit<ToolRow, 'share'>>();
  const parts: TokenBreakdown = { system: 0, tools: 0, task: 0, excerpts: 0, history: 0 };
  let minTime = Infinity;
  let maxTime = -Infinity;
  let firstTs: string | null = null;
  let lastTs: string | null = null;

  function runAcc(r: TelemetryRecord, time: number): RunAcc {
    let acc = runs.get(r.run);
    if (!acc) {
      acc = {
        id: r.run, firstTime: time, firstTs: r.ts, sums: zeroSums(), calls: 0, failedCalls: 0, toolCalls: 0, toolErrors: 0,
        inputEstimated: 0, outputUnreported: 0, model: r.model, profile: r.profile, record: null, recordTime: NaN,
      };
      runs.set(r.run, acc);
    } else if (time < acc.firstTime || Number.isNaN(acc.firstTime)) {
      acc.firstTime = time;
      acc.firstTs = r.ts;
    }
    return acc;
  }

  function group(kind: keyof typeof groups, key: string, run: string): GroupAcc {
    let g = groups[kind].get(key);
    if (!g) {
      g = { key, runs: 0, calls: 0, tool_calls: 0, ...zeroSums(), runSet: new Set() };
      groups[kind].set(key, g);
    }
    if (run !== '') g.runSet.add(run);
    return g;
  }

  function addToGroups(r: TelemetryRecord, time: number, f: (g: GroupAcc) => void): void {
    f(group('model', r.model, r.run));
    f(group('profile', r.profile, r.run));
    f(group('project', r.project ?? '', r.run));
    f(group('day', dayOf(time), r.run));
  }

  function addCall(r: CallRecord, time: number, acc: RunAcc): void {
    const s = sumsOf(r);
    acc.calls++;
    addSums(acc.sums, s);
    if (r.status !== 'ok') acc.failedCalls++;
    if (r.input_tokens === null) acc.inputEstimated++;
    if (r.output_tokens === null) acc.outputUnreported++;
    for (const p of PARTS) parts[p] += r.breakdown[p];
    addToGroups(r, time, (g) => {
      g.calls++;
      addSums(g, s);
    });
  }

  function addTool(r: ToolRecord, time: number, acc: RunAcc): void {
    acc.toolCalls++;
    if (r.status !== 'ok') acc.toolErrors++;
    let t = tools.get(r.tool);
    if (!t) {
      t = { tool: r.tool, calls: 0, tokens: 0, errors: 0, truncated: 0, cached: 0, duration_ms: 0 };
      tools.set(r.tool, t);
    }
    t.calls++;
    t.tokens += r.tokens;
    if (r.status !== 'ok') t.errors++;
    if (r.truncated) t.truncated++;
    if (r.cached) t.cached++;
    t.duration_ms += r.duration_ms;
    addToGroups(r, time, (g) => void g.tool_calls++);
  }

  return {
    add(record, time = Date.parse(record.ts)) {
      if (time < minTime) (minTime = time), (firstTs = record.ts);
      if (time > maxTime) (maxTime = time), (lastTs = record.ts);
      const acc = runAcc(record, time);
      switch (record.kind) {
        case 'call':
          return addCall(record, time, acc);
        case 'tool':
          return addTool(record, time, acc);
        case 'step':
          steps.set(`${record.run}\u0000${record.step}`, record);
          return;
        case 'run':
          acc.record = record;
          acc.recordTime = time;
          return;
      }
    },
    finish() {
      return finishReport({ runs, steps, groups, tools, parts, firstTs, lastTs });
    },
  };

  function finishReport(st: {
    runs: Map<string, RunAcc>;
    steps: Map<string, StepRecord>;
    groups: typeof groups;
    tools: typeof tools;
    parts: TokenBreakdown;
    firstTs: string | null;
    lastTs: string | null;
  }): StatsReport {
    const summary: Summary = {
      runs: 0, steps: 0, calls: 0, failed_calls: 0, tool_calls: 0, tool_errors: 0, ...zeroSums(),
      input_estimated_calls: 0, output_unreported_calls: 0, tokens_per_run: { median: null, p90: null, max: null },
      run_status: {}, budget_stops: { runs: 0, steps: 0 }, failures: 0, aborted: 0, duration_ms: 0,
      first_ts: st.firstTs, last_ts: st.lastTs,
    };
    const stepsPerRun = new Map<string, number>();
    for (const s of st.steps.values()) {
      stepsPerRun.set(s.run, (stepsPerRun.get(s.run) ?? 0) + 1);
      if (s.status === 'budget') summary.budget_stops.steps++;
    }
    const status = new Map<string, GroupAcc>();
    const points: Array<RunPoint & { time: number }> = [];
    const perRun: number[] = [];
    for (const acc of st.runs.values()) {
      const rec = acc.record;
      if (acc.calls === 0 && acc.toolCalls === 0 && rec) {
        // No fine-grained records in the selection: the run record's totals stand in for them.
        acc.sums = sumsOf(rec);
        acc.calls = rec.calls;
        acc.toolCalls = rec.tool_calls;
        addToGroups(rec, acc.recordTime, (g) => {
          g.calls += rec.calls;
          g.tool_calls += rec.tool_calls;
          addSums(g, acc.sums);
        });
      }
      summary.calls += acc.calls;
      summary.failed_calls += acc.failedCalls;
      summary.tool_calls += acc.toolCalls;
      summary.tool_errors += acc.toolErrors;
      summary.input_estimated_calls += acc.inputEstimated;
      summary.output_unreported_calls += acc.outputUnreported;
      addSums(summary, acc.sums);
      summary.steps += stepsPerRun.get(acc.id) ?? rec?.steps ?? 0;
      if (rec) summary.duration_ms += rec.duration_ms;
      if (acc.id === '') continue;
      const runStatus = rec?.status ?? 'unfinished';
      summary.runs++;
      summary.run_status[runStatus] = (summary.run_status[runStatus] ?? 0) + 1;
      if (runStatus === 'budget_exhausted') summary.budget_stops.runs++;
      if (FAILED.has(runStatus)) summary.failures++;
      if (runStatus === 'aborted') summary.aborted++;
      perRun.push(acc.sums.tokens);
      let g = status.get(runStatus);
      if (!g) status.set(runStatus, (g = { key: runStatus, runs: 0, calls: 0, tool_calls: 0, ...zeroSums(), runSet: new Set() }));
      g.runSet.add(acc.id);
      g.calls += acc.calls;
      g.tool_calls += acc.toolCalls;
      addSums(g, acc.sums);
      points.push({
        run: acc.id, ts: acc.firstTs, time: acc.firstTime, status: runStatus, mode: rec?.mode ?? 'unknown',
        model: rec?.model || acc.model, profile: rec?.profile || acc.profile, task: rec?.task ?? '',
        calls: acc.calls, tool_calls: acc.toolCalls, tokens: acc.sums.tokens, cost_usd: acc.sums.cost_usd,
      });
    }
    summary.tokens_per_run = { median: quantile(perRun, 0.5), p90: quantile(perRun, 0.9), max: perRun.length ? perRun.reduce((a, b) => (b > a ? b : a)) : null };
    points.sort((a, b) => (a.time || 0) - (b.time || 0) || (a.run < b.run ? -1 : a.run > b.run ? 1 : 0));
    const toolTotal = [...st.tools.values()].reduce((n, t) => n + t.tokens, 0);
    const partTotal = PARTS.reduce((n, p) => n + st.parts[p], 0);
    const share = Object.fromEntries(PARTS.map((p) => [p, partTotal ? st.parts[p] / partTotal : 0])) as unknown as TokenBreakdown;
    const runRecords = [...st.runs.values()].flatMap((a) => (a.record ? [a.record] : []));
    return {
      summary,
      groups: {
        model: rows(st.groups.model, byTokens),
        profile: rows(st.groups.profile, byTokens),
        project: rows(st.groups.project, byTokens),
        day: rows(st.groups.day, (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
        status: rows(status, byTokens),
        tool: [...st.tools.values()]
          .map((t) => ({ ...t, share: toolTotal ? t.tokens / toolTotal : 0 }))
          .sort((a, b) => b.tokens - a.tokens || a.tool.localeCompare(b.tool)),
      },
      parts: { tokens: { ...st.parts }, share, total: partTotal },
      runs: points.map(({ time: _t, ...p }) => p),
      estimates: estimateAccuracy(st.steps.values(), runRecords),
    };
  }
}

function byTokens(a: GroupRow, b: GroupRow): number {
  return b.tokens - a.tokens || a.key.localeCompare(b.key);
}

function rows(m: Map<string, GroupAcc>, order: (a: GroupRow, b: GroupRow) => number): GroupRow[] {
  return [...m.values()].map(({ runSet, ...g }) => ({ ...g, runs: runSet.size })).sort(order);
}

/** Aggregates records already in memory (the TUI's current session, tests). */
export function aggregate(records: Iterable<TelemetryRecord>, options: AggregateOptions = {}): StatsReport {
  const agg = createAggregator(options);
  for (const r of records) agg.add(r);
  return agg.finish();
}
