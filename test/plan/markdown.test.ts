import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlanMarkdown, renderPlanMarkdown, savePlan, syncFromMarkdown, type Plan } from '../../src/plan/index.js';

function plan(): Plan {
  return {
    id: 'p1', task: 'add clamp', createdAt: '2026-11-21T00:00:00Z',
    steps: [
      { id: 's1', title: 'First', instruction: 'Do the first thing.\nCarefully.', files: ['a.ts'], symbols: ['clamp'], verify: { command: 'npm test' }, status: 'passed' },
      { id: 's2', title: 'Second', instruction: 'Do the second.', files: [], symbols: [], verify: { absent: { file: 'a.ts', pattern: 'TODO' } }, status: 'pending' },
      { id: 's3', title: 'Third', instruction: 'Do the third.', files: ['b.ts'], symbols: [], verify: { changed: 'b.ts' }, status: 'pending', budget: 5000 },
    ],
  };
}

describe('plan.md', () => {
  it('round-trips unchanged', () => {
    const p = plan();
    const r = readPlanMarkdown(renderPlanMarkdown(p), p);
    expect(r.ok && r.plan).toEqual(p);
  });

  it('reads back an edited title, instruction, order, verify line and a deleted step', () => {
    const p = plan();
    let md = renderPlanMarkdown(p);
    md = md.replace('## 1. First', '## 1. First, renamed').replace('Do the second.', 'Do the second, differently.');
    const sections = md.split(/^(?=## )/m);
    // sections[0] = header; swap steps 2 and 3 and drop step 1... keep 1, delete none yet
    const [head, s1, s2, s3] = sections as [string, string, string, string];
    md = head + s1 + s3.replace('- verify: changed: b.ts', '- verify: command: node check.js') + s2;
    const r = readPlanMarkdown(md, p);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.steps.map((s) => s.id)).toEqual(['s1', 's3', 's2']);
    expect(r.plan.steps[0]!.title).toBe('First, renamed');
    expect(r.plan.steps[0]!.status).toBe('passed');
    expect(r.plan.steps[1]!.verify).toEqual({ command: 'node check.js' });
    expect(r.plan.steps[1]!.budget).toBe(5000);
    expect(r.plan.steps[2]!.instruction).toBe('Do the second, differently.');
    const dropped = readPlanMarkdown(head + s1 + s3, p);
    expect(dropped.ok && dropped.plan.steps.map((s) => s.id)).toEqual(['s1', 's3']);
  });

  it('refuses an unreadable verify line with a message naming the step', () => {
    const p = plan();
    const md = renderPlanMarkdown(p).replace('- verify: command: npm test', '- verify: maybe later');
    const r = readPlanMarkdown(md, p);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/step 1 \(First\).*unreadable verify/);
  });

  it('syncFromMarkdown uses the user-edited file and ignores one for another plan', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pith-plan-'));
    const p = plan();
    await savePlan(root, p);
    const mdPath = join(root, '.pith', 'plan.md');
    writeFileSync(mdPath, readFileSync(mdPath, 'utf8').replace('Do the third.', 'Do the third, my way.'));
    const synced = await syncFromMarkdown(root, p);
    expect(synced.steps[2]!.instruction).toBe('Do the third, my way.');
    const other = { ...p, id: 'p2' };
    expect(await syncFromMarkdown(root, other)).toBe(other);
    expect(JSON.parse(readFileSync(join(root, '.pith', 'plans', 'p1.json'), 'utf8')).id).toBe('p1');
  });
});
