/**
 * Provider faults: `pith run --yes` in-process on fixture repository copies against the scripted
 * model in chaos mode (seed 11, 20% of requests misbehave, every kind). CI runs 40 seeded runs;
 * `node dist/bench/reliability/fault-matrix.js` runs the full 200 with the same checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMatrix, MAX_RETRIES, runFaultMatrix, type FaultMatrix, type FaultRunRecord } from '../../bench/reliability/fault-runner.js';
import { CHAOS_HANDLERS } from '../../bench/scripted-model/index.js';

const CI_RUNS = Number(process.env.PITH_FAULT_RUNS ?? 40);
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => void unhandled.push(e);
let records: FaultRunRecord[] = [];
let matrix: FaultMatrix;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  ({ records, matrix } = await runFaultMatrix({ seed: 11, rate: 0.2, runs: CI_RUNS }));
  console.log(formatMatrix(matrix));
}, 300_000);

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe(`provider faults: ${CI_RUNS} seeded runs at a 20% fault rate`, () => {
  it('injected faults of every kind', () => {
    expect(records).toHaveLength(CI_RUNS);
    const injected = Object.values(matrix.faultsByKind).reduce((a, b) => a + b, 0);
    // 20% of the requests, give or take the seeded draw.
    expect(injected / matrix.requests).toBeGreaterThan(0.1);
    expect(injected / matrix.requests).toBeLessThan(0.3);
    expect(Object.keys(matrix.faultsByKind).sort()).toEqual(Object.keys(CHAOS_HANDLERS).sort());
  });

  it('never crashes and leaves no unhandled rejection', () => {
    expect(records.filter((r) => r.crash).map((r) => `${r.index}: ${r.crash}`)).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(matrix.unhandledRejections).toBe(0);
  });

  it('leaves every file either fully edited or untouched, and nothing stray', () => {
    expect(records.flatMap((r) => r.corrupted.map((f) => `run ${r.index}: ${f}`))).toEqual([]);
    expect(records.flatMap((r) => r.stray.map((f) => `run ${r.index}: ${f}`))).toEqual([]);
  });

  it('ends every run with a clear status, its exit code and a reason', () => {
    for (const r of records) {
      expect(['ok', 'error', 'failed', 'budget_exhausted', 'loop']).toContain(r.status);
      expect(r.exitCode).toBe(r.status === 'ok' ? 0 : r.status === 'budget_exhausted' ? 3 : 1);
      if (r.status === 'error') expect(r.reason).toMatch(/model call failed \((stall|broken_stream|server|rate_limit|network|protocol)\): \S/);
    }
    // Faults that retries absorb must not end runs: most runs still finish their task.
    expect(matrix.finishedRuns).toBeGreaterThan(CI_RUNS / 2);
  });

  it('bounds retries and accounts for every request in telemetry', () => {
    for (const r of records) {
      expect(r.maxCallRetries).toBeLessThanOrEqual(MAX_RETRIES);
      expect(r.problems).toEqual([]);
    }
    // Retryable faults (429, 5xx, resets) were retried rather than failing the run.
    expect(matrix.retries.total).toBeGreaterThan(0);
  });
});
