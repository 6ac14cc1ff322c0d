import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareToBaseline, type BaselineFile } from '../../bench/harness/check.js';
import { bench, reportDir } from './harness-helpers.js';

// `--check` against a baseline generated in a temp dir: passes on equal numbers (the scripted
// model is deterministic), fails with a readable diff once the baseline is 10% lower.

const dir = mkdtempSync(join(tmpdir(), 'pith-bench-check-'));
const file = join(dir, 'baseline.json');
const args = ['--check', '--baseline', file, '--tasks', 'py-fix-bulk-discount'];
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(reportDir, { recursive: true, force: true });
});

describe('bench --check', () => {
  it('writes a baseline, passes against it, and fails when it is lowered by 10%', { timeout: 180_000 }, async () => {
    const update = await bench([...args, '--update']);
    expect(update.code, update.stderr).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8')) as BaselineFile;
    expect(Object.keys(written.results)).toEqual(['py-fix-bulk-discount']);
    expect(Object.keys(written.results['py-fix-bulk-discount']!)).toEqual(['pith-run', 'pith-plan']);
    expect(written.results['py-fix-bulk-discount']!['pith-run']!.pass).toBe(true);

    const same = await bench(args);
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect(same.stdout).toMatch(/bench check passed/);

    for (const e of Object.values(written.results['py-fix-bulk-discount']!)) {
      e.input_tokens = Math.floor(e.input_tokens * 0.9);
      e.output_tokens = Math.floor(e.output_tokens * 0.9);
    }
    writeFileSync(file, JSON.stringify(written));
    const lowered = await bench(args);
    expect(lowered.code).toBe(1);
    expect(lowered.stdout).toMatch(/FAIL\s+py-fix-bulk-discount\s+pith-run\s+in \d+ -> \d+.*\(\+1\d\.\d%\).*tokens over \+5%/);
    expect(lowered.stdout).toMatch(/bench check FAILED: 2 regressions/);
  });

  it('fails when a task that passed now fails, or was not run', () => {
    const base: BaselineFile = {
      version: 1, generated_at: '', git_commit: null, tolerance: 0.05, tasks: ['a', 'b'], agents: ['pith-run'],
      results: { a: { 'pith-run': { pass: true, input_tokens: 1000, output_tokens: 100, calls: 3 } }, b: { 'pith-run': { pass: true, input_tokens: 1, output_tokens: 1, calls: 1 } } },
    };
    const now = { task: 'a', agent: 'pith-run', repeat: 1, pass: false, input_tokens: 900, output_tokens: 100, calls: 3, tool_calls: 2, first_request_tokens: 300, peak_request_tokens: 400, stale_edits: 0, malformed_edits: 0, wall_ms: 1, cost_usd: 0 };
    const out = compareToBaseline([now], base);
    expect(out.ok).toBe(false);
    expect(out.report).toMatch(/FAIL\s+a\s+pith-run\s+in 1000 -> 900 .*\(-9\.1%\).*passed before, fails now/);
    expect(out.report).toMatch(/FAIL\s+b\s+pith-run\s+not run/);
    expect(compareToBaseline([{ ...now, pass: true, input_tokens: 1040 }], { ...base, results: { a: base.results.a! } }).ok).toBe(true);
    expect(compareToBaseline([{ ...now, pass: true, input_tokens: 1060 }], { ...base, results: { a: base.results.a! } }).ok).toBe(false);
  });
});
