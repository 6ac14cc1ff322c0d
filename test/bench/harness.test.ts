import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bench, parseDoc, reportDir, RESULT_KEYS } from './harness-helpers.js';

// The harness end to end on the scripted model: pith in-process and the baseline agent solve
// real fixture tasks, and the JSON document, the table and the report file say so.

afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

describe('bench harness on the scripted model', () => {
  it('runs pith-run and baseline on two tasks into a well-formed JSON document', { timeout: 180_000 }, async () => {
    const run = await bench(['--tasks', 'py-fix-bulk-discount,js-fix-backoff', '--agents', 'pith-run,baseline', '--json']);
    const doc = parseDoc(run);
    expect(doc.settings.agents).toEqual(['pith-run', 'baseline']);
    expect(doc.settings.model.kind).toBe('scripted');
    expect(doc.settings.node).toBe(process.version);
    expect(doc.results).toHaveLength(4);
    for (const r of doc.results) {
      for (const k of RESULT_KEYS) expect(r, `${r.task} ${r.agent} has ${k}`).toHaveProperty(k);
      expect(r.pass, `${r.task} ${r.agent}: ${r.error ?? ''}`).toBe(true);
      expect(r.input_tokens).toBeGreaterThan(r.first_request_tokens);
      expect(r.peak_request_tokens).toBeGreaterThanOrEqual(r.first_request_tokens);
      expect(r.calls).toBeGreaterThan(1);
      expect(r.tool_calls).toBeGreaterThan(0);
      expect(r.cost_usd).toBe(0);
      // what the agent counted equals what the scripted model served
      expect(r.server_input_tokens).toBe(r.input_tokens);
    }
    const get = (task: string, agent: string) => doc.results.find((r) => r.task === task && r.agent === agent)!;
    // the baseline's system prompt and tools are a few thousand tokens; pith's first request is lean
    expect(get('js-fix-backoff', 'baseline').first_request_tokens).toBeGreaterThan(2000);
    expect(get('js-fix-backoff', 'pith-run').first_request_tokens).toBeLessThan(1000);
    const ratio = doc.summary.agents.find((a) => a.agent === 'pith-run')!.ratio_of_medians!;
    expect(ratio).toBeGreaterThan(1);
    // the report file holds the same document
    const reports = readdirSync(reportDir).filter((f) => f.endsWith('.json'));
    const saved = JSON.parse(readFileSync(join(reportDir, reports[reports.length - 1]!), 'utf8'));
    expect(saved.results).toEqual(doc.results);
  });

  it('prints a table with medians and ratios', { timeout: 120_000 }, async () => {
    const run = await bench(['--tasks', 'py-fix-bulk-discount', '--agents', 'pith-plan,baseline']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^task\s+agent\s+pass\s+in\s+out\s+calls\s+first\s+peak/m);
    expect(run.stdout).toMatch(/py-fix-bulk-discount\s+pith-plan\s+yes/);
    expect(run.stdout).toMatch(/medians over repeats/);
    expect(run.stdout).toMatch(/pith-plan\s+1\/1\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+\d+\.\dx/);
    expect(run.stdout).toMatch(/plan estimates/);
  });

  it('rejects unknown agents and tasks with exit 2', async () => {
    expect((await bench(['--agents', 'pith-fly'])).code).toBe(2);
    const r = await bench(['--tasks', 'no-such-task']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no task "no-such-task"/);
  });
});
