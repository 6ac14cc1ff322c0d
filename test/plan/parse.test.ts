import { describe, it, expect } from 'vitest';
import { parsePlan } from '../../src/plan/index.js';

const good = { task: 't', steps: [{ title: 'A', instruction: 'do a', files: ['a.ts'], symbols: ['f'], verify: { command: 'npm test' } }, { title: 'B', instruction: 'do b' }] };

describe('parsePlan', () => {
  it('reads good JSON and gives steps ids, defaults and pending status', () => {
    const r = parsePlan(JSON.stringify(good), 'task');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.steps.map((s) => [s.id, s.title, s.status])).toEqual([['s1', 'A', 'pending'], ['s2', 'B', 'pending']]);
    expect(r.plan.steps[1]!.verify).toBe('none');
    expect(r.plan.steps[0]!.verify).toEqual({ command: 'npm test' });
  });

  it('reads fenced JSON with a trailing comma and prose around it', () => {
    const text = `Here is the plan:\n\`\`\`json\n{"steps": [{"title": "A", "instruction": "x", "files": ["a.ts",],},]}\n\`\`\`\nGood luck.`;
    const r = parsePlan(text, 'the task');
    expect(r.ok && r.plan.steps[0]!.files).toEqual(['a.ts']);
    expect(r.ok && r.plan.task).toBe('the task');
  });

  it('names every error of an invalid plan', () => {
    const r = parsePlan('{"steps": [{"title": "", "instruction": 3, "files": "a.ts", "verify": {"run": "x"}}]}', 't');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/steps\[0\]\.title/);
    expect(r.errors.join('\n')).toMatch(/steps\[0\]\.instruction/);
    expect(r.errors.join('\n')).toMatch(/steps\[0\]\.files must be an array/);
    expect(r.errors.join('\n')).toMatch(/steps\[0\]\.verify/);
    expect(parsePlan('no json here', 't').ok).toBe(false);
    expect(parsePlan('{"steps": []}', 't').ok).toBe(false);
  });
});
