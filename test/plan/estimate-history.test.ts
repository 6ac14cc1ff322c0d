import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimatePlan, pastRatios, type Plan } from '../../src/plan/index.js';
import { getTokenizer } from '../../src/tokens/index.js';

const plan: Plan = {
  id: 'p', task: 't', createdAt: '',
  steps: [{ id: 's1', title: 'edit', instruction: 'change the default in src/config.js', files: ['src/config.js'], symbols: [], verify: 'none', status: 'pending' }],
};

function seed(lines: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pith-est-'));
  const file = join(dir, 'telemetry.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"torn');
  return file;
}

const step = (model: string, raw: number, input: number, output: number, status = 'passed') => ({
  v: 1, kind: 'step', ts: '2026-11-20T10:00:00Z', session: 's', run: 'r', profile: 'p', model, step: 's1', plan: 'x', title: 't', status,
  calls: 3, tool_calls: 2, input_tokens: input, output_tokens: output, cached_input_tokens: null, reasoning_tokens: null, counted_tokens: input, cost_usd: 0, duration_ms: 1,
  estimate_low: null, estimate_high: null, estimate_raw: raw,
});

describe('estimate calibrated from telemetry', () => {
  it('reads actual/raw ratios of past steps of the same model only', async () => {
    const file = seed([step('m', 1000, 2400, 100), step('other', 1000, 9000, 0), step('m', 2000, 5800, 200), step('m', 1000, 1000, 0, 'skipped')]);
    expect(await pastRatios(file, 'm')).toEqual([2.5, 3]);
    expect(await pastRatios(join(tmpdir(), 'no-such-file.jsonl'), 'm')).toEqual([]);
  });

  it('moves the range toward what past steps really cost', async () => {
    const tok = await getTokenizer();
    const input = (ratios: number[]) => estimatePlan({ plan, fixedOverhead: 800, count: (t) => tok.count(t), lineCount: async () => 40, excerptTokens: 3000, ratios, price: { input: 1, output: 4 } });
    const cold = await input([]);
    const raw = cold.steps.get('s1')!.raw;
    const actual = raw * 2.5; // every past step cost 2.5x its raw estimate
    expect(actual).toBeGreaterThan(cold.total.high); // the uncalibrated range misses it
    const file = seed(Array.from({ length: 6 }, () => step('m', raw, Math.round(actual), 0)));
    const warm = await input(await pastRatios(file, 'm'));
    expect(warm.total.calibrated).toBe(true);
    expect(warm.total.low).toBeLessThanOrEqual(Math.round(actual));
    expect(warm.total.high).toBeGreaterThanOrEqual(Math.round(actual) - 1);
    expect(Math.abs(warm.total.low - actual)).toBeLessThan(Math.abs(cold.total.low - actual));
  });
});
