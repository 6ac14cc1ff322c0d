import { describe, it, expect } from 'vitest';
import { summarizeFile, aggregate, readTelemetry, utcDay, type TelemetryRecord } from '../../src/telemetry/inspect.js';
import { tempDir, writeFixture } from './fixture.js';

describe('aggregates of the synthetic file', () => {
  it('sums the known totals exactly, skipping the torn, malformed and unknown lines', async () => {
    const path = writeFixture(tempDir());
    const { report, read } = await summarizeFile(path, { dayOf: utcDay });
    expect(read).toEqual({ lines: 16, records: 13, malformed: 2, recovered: 0, unknownKind: 1, olderVersion: 1, newerVersion: 0 });
    expect(report.summary).toEqual({
      runs: 3,
      steps: 2,
      calls: 6,
      failed_calls: 1,
      tool_calls: 3,
      tool_errors: 1,
      input_tokens: 11900,
      output_tokens: 770,
      cached_input_tokens: 1200,
      reasoning_tokens: 10,
      counted_tokens: 11030,
      tokens: 12670,
      cost_usd: 0.9375,
      input_estimated_calls: 1,
      output_unreported_calls: 1,
      tokens_per_run: { median: 4950, p90: 6510, max: 6900 },
      run_status: { ok: 1, budget_exhausted: 1, failed: 1 },
      budget_stops: { runs: 1, steps: 0 },
      failures: 1,
      aborted: 0,
      duration_ms: 90000,
      first_ts: '2026-11-01T12:00:00.000Z',
      last_ts: '2026-11-03T12:00:00.000Z',
    });
  });

  it('groups by model, profile, day, status and tool', async () => {
    const { report } = await summarizeFile(writeFixture(tempDir()), { dayOf: utcDay });
    const pick = (rows: Array<{ key: string; runs: number; calls: number; tool_calls: number; tokens: number; cost_usd: number }>) =>
      rows.map((r) => [r.key, r.runs, r.calls, r.tool_calls, r.tokens, r.cost_usd]);
    expect(pick(report.groups.model)).toEqual([
      ['qwen', 1, 2, 1, 6900, 0],
      ['gpt-4o-mini', 2, 4, 2, 5770, 0.9375],
    ]);
    expect(pick(report.groups.profile)).toEqual([
      ['fast', 1, 2, 1, 6900, 0],
      ['default', 2, 4, 2, 5770, 0.9375],
    ]);
    expect(pick(report.groups.day)).toEqual([
      ['2026-11-01', 1, 3, 2, 4950, 0.875],
      ['2026-11-02', 1, 2, 1, 6900, 0],
      ['2026-11-03', 1, 1, 0, 820, 0.0625],
    ]);
    expect(pick(report.groups.status)).toEqual([
      ['budget_exhausted', 1, 2, 1, 6900, 0],
      ['ok', 1, 3, 2, 4950, 0.875],
      ['failed', 1, 1, 0, 820, 0.0625],
    ]);
    expect(report.groups.tool).toEqual([
      { tool: 'read', calls: 2, tokens: 2000, share: 2000 / 2100, errors: 0, truncated: 1, cached: 0, duration_ms: 20 },
      { tool: 'grep', calls: 1, tokens: 100, share: 100 / 2100, errors: 1, truncated: 0, cached: 0, duration_ms: 10 },
    ]);
  });

  it('splits request parts and orders runs by time', async () => {
    const { report } = await summarizeFile(writeFixture(tempDir()), { dayOf: utcDay });
    expect(report.parts.tokens).toEqual({ system: 1500, tools: 1000, task: 1300, excerpts: 1600, history: 5630 });
    expect(report.parts.total).toBe(11030);
    expect(report.parts.share.history).toBe(5630 / 11030);
    expect(report.runs.map((r) => [r.run, r.status, r.mode, r.tokens])).toEqual([
      ['r-aaaa', 'ok', 'plan', 4950],
      ['r-bbbb', 'budget_exhausted', 'run', 6900],
      ['r-cccc', 'failed', 'unknown', 820],
    ]);
  });

  it('measures estimate accuracy per step and per plan', async () => {
    const { report } = await summarizeFile(writeFixture(tempDir()), { dayOf: utcDay });
    const { steps, plans } = report.estimates;
    expect(steps.items.map((i) => [i.id, i.low, i.high, i.actual, i.inside])).toEqual([
      ['r-aaaa/s1', 2000, 3000, 2750, true],
      ['r-aaaa/s2', 500, 1000, 2200, false],
    ]);
    expect([steps.count, steps.inside, steps.below, steps.above, steps.inside_share]).toEqual([2, 1, 0, 1, 0.5]);
    expect(steps.items[0].error).toBeCloseTo(0.1, 12);
    expect(steps.median_abs_error).toBeCloseTo((0.1 + 1450 / 750) / 2, 12);
    // The plan is p-1 (both steps), not also the run record's own range: no double count.
    expect(plans.items.map((i) => [i.id, i.low, i.high, i.actual, i.inside])).toEqual([['p-1', 2500, 4000, 4950, false]]);
    expect(plans.median_error).toBeCloseTo((4950 - 3250) / 3250, 12);
  });

  it('gives the same report in memory as from the file (the TUI path)', async () => {
    const path = writeFixture(tempDir());
    const records: TelemetryRecord[] = [];
    await readTelemetry(path, (r) => void records.push(r));
    const fromFile = await summarizeFile(path, { dayOf: utcDay });
    expect(aggregate(records, { dayOf: utcDay })).toEqual(fromFile.report);
  });

  it('reports zeros and nulls for an empty selection', () => {
    const r = aggregate([]);
    expect(r.summary.runs).toBe(0);
    expect(r.summary.tokens_per_run).toEqual({ median: null, p90: null, max: null });
    expect(r.estimates.steps.inside_share).toBeNull();
    expect(r.parts.share).toEqual({ system: 0, tools: 0, task: 0, excerpts: 0, history: 0 });
  });
});
