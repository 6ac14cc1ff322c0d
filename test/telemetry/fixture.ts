/**
 * A synthetic telemetry file with known totals (worked out by hand in the comments), plus record
 * builders and a fake CliIO for running commands in-process.
 */
import { PassThrough } from 'node:stream';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallRecord, RunRecord, StepRecord, ToolRecord } from '../../src/telemetry/index.js';
import type { CliIO } from '../../src/cli/io.js';

const base = (ts: string, run: string, profile: string, model: string) => ({ v: 1, ts, session: 'sess-1', run, profile, model });

export function call(ts: string, run: string, profile: string, model: string, f: Partial<CallRecord>): CallRecord {
  return {
    ...base(ts, run, profile, model), kind: 'call', call: 1, step: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0,
    reasoning_tokens: 0, counted_tokens: 0, breakdown: { system: 0, tools: 0, task: 0, excerpts: 0, history: 0 }, cost_usd: 0,
    duration_ms: 1000, status: 'ok', finish_reason: 'stop', error_kind: null, retries: 0, ...f,
  };
}

export function tool(ts: string, run: string, profile: string, model: string, f: Partial<ToolRecord>): ToolRecord {
  return { ...base(ts, run, profile, model), kind: 'tool', step: null, call: 1, tool: 'read', tokens: 0, truncated: false, cached: false, error_type: null, duration_ms: 10, status: 'ok', ...f };
}

const totals = { input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, reasoning_tokens: 0, calls: 0, tool_calls: 0, counted_tokens: 0, cost_usd: 0, duration_ms: 0 };

export function step(ts: string, run: string, profile: string, model: string, f: Partial<StepRecord>): StepRecord {
  return { ...base(ts, run, profile, model), kind: 'step', ...totals, step: 's1', plan: null, title: 'a step', status: 'passed', estimate_low: null, estimate_high: null, ...f };
}

export function runRec(ts: string, run: string, profile: string, model: string, f: Partial<RunRecord>): RunRecord {
  return {
    ...base(ts, run, profile, model), kind: 'run', ...totals, mode: 'run', task: 'a task', status: 'ok', steps: 0,
    first_request_tokens: 0, peak_request_tokens: 0, stale_edits: 0, malformed_calls: 0, estimate_low: null, estimate_high: null, ...f,
  };
}

const A = (ts: string) => [ts, 'r-aaaa', 'default', 'gpt-4o-mini'] as const;
const B = (ts: string) => [ts, 'r-bbbb', 'fast', 'qwen'] as const;

/**
 * Run A (plan, ok, 2026-11-01): 3 calls, 2 tools, 2 estimated steps.   tokens 4,600 in + 350 out
 * Run B (run, budget_exhausted, 11-02): 2 calls (one without provider counts, one failed), 1 tool.
 *                                                                       tokens 6,500 in + 400 out
 * Run C (11-03): one v0 run record only, fields missing.                tokens   800 in +  20 out
 * Plus a malformed line, a record of unknown kind, and a torn last line (no newline).
 */
export function fixtureLines(): string[] {
  const t1 = '2026-11-01T12:00:00.000Z';
  const t2 = '2026-11-02T12:00:00.000Z';
  return [
    call(...A(t1), { call: 1, step: 's1', input_tokens: 1000, output_tokens: 100, cached_input_tokens: 200, counted_tokens: 1010, breakdown: { system: 300, tools: 200, task: 100, excerpts: 300, history: 110 }, cost_usd: 0.125 }),
    tool(...A('2026-11-01T12:00:01.000Z'), { step: 's1', call: 1, tool: 'read', tokens: 500 }),
    tool(...A('2026-11-01T12:00:02.000Z'), { step: 's1', call: 1, tool: 'grep', tokens: 100, status: 'error', error_type: 'no_match' }),
    call(...A('2026-11-01T12:00:03.000Z'), { call: 2, step: 's1', input_tokens: 1600, output_tokens: 50, cached_input_tokens: 1000, reasoning_tokens: 10, counted_tokens: 1620, breakdown: { system: 300, tools: 200, task: 100, excerpts: 300, history: 720 }, cost_usd: 0.25 }),
    step(...A('2026-11-01T12:00:04.000Z'), { step: 's1', plan: 'p-1', title: 'read things', input_tokens: 2600, output_tokens: 150, counted_tokens: 2630, calls: 2, tool_calls: 2, cost_usd: 0.375, estimate_low: 2000, estimate_high: 3000 }),
    'this is not json',
    call(...A('2026-11-01T12:00:05.000Z'), { call: 3, step: 's2', input_tokens: 2000, output_tokens: 200, cached_input_tokens: 0, reasoning_tokens: null, counted_tokens: 2000, breakdown: { system: 300, tools: 200, task: 100, excerpts: 1000, history: 400 }, cost_usd: 0.5 }),
    step(...A('2026-11-01T12:00:06.000Z'), { step: 's2', plan: 'p-1', title: 'write things', input_tokens: 2000, output_tokens: 200, counted_tokens: 2000, calls: 1, cost_usd: 0.5, estimate_low: 500, estimate_high: 1000 }),
    runRec(...A('2026-11-01T12:00:07.000Z'), { mode: 'plan', task: 'plan a thing', status: 'ok', steps: 2, calls: 3, tool_calls: 2, input_tokens: 4600, output_tokens: 350, counted_tokens: 4630, cost_usd: 0.875, duration_ms: 60000, estimate_low: 2500, estimate_high: 4000 }),
    call(...B(t2), { call: 1, input_tokens: null, output_tokens: null, cached_input_tokens: null, reasoning_tokens: null, counted_tokens: 3000, breakdown: { system: 300, tools: 200, task: 500, excerpts: 0, history: 2000 } }),
    tool(...B('2026-11-02T12:00:01.000Z'), { call: 1, tool: 'read', tokens: 1500, truncated: true }),
    { v: 1, kind: 'hook', ts: '2026-11-02T12:00:01.500Z', run: 'r-bbbb', command: 'tsc' },
    call(...B('2026-11-02T12:00:02.000Z'), { call: 2, input_tokens: 3500, output_tokens: 400, cached_input_tokens: null, counted_tokens: 3400, breakdown: { system: 300, tools: 200, task: 500, excerpts: 0, history: 2400 }, status: 'error', error_kind: 'stall', finish_reason: null }),
    runRec(...B('2026-11-02T12:00:03.000Z'), { status: 'budget_exhausted', calls: 2, tool_calls: 1, input_tokens: 6500, output_tokens: 400, counted_tokens: 6400, duration_ms: 30000 }),
    { v: 0, kind: 'run', ts: '2026-11-03T12:00:00.000Z', session: 'old', run: 'r-cccc', profile: 'default', model: 'gpt-4o-mini', task: 'old', status: 'failed', calls: 1, input_tokens: 800, output_tokens: 20, cost_usd: 0.0625 },
  ].map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));
}

export const TORN = '{"v":1,"kind":"call","ts":"2026-11-03T13:00:00.000Z","run":"r-dd';

/** Writes the fixture (torn last line included) into `<dir>/.pith/telemetry.jsonl`; returns its path. */
export function writeFixture(dir: string): string {
  mkdirSync(join(dir, '.pith'), { recursive: true });
  const path = join(dir, '.pith', 'telemetry.jsonl');
  writeFileSync(path, fixtureLines().join('\n') + '\n' + TORN);
  return path;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pith-stats-'));
}

export interface FakeIO extends CliIO {
  out(): string;
  err(): string;
}

/** A CliIO over in-memory streams. `isTTY` false unless told; stdin carries `input` if given. */
export function fakeIO(cwd: string, opts: { env?: NodeJS.ProcessEnv; isTTY?: boolean; input?: string } = {}): FakeIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  if (opts.input !== undefined) stdin.end(opts.input);
  return {
    stdout, stderr, stdin, cwd, env: opts.env ?? {}, isTTY: opts.isTTY ?? false, signal: new AbortController().signal,
    out: () => out, err: () => err,
  };
}
