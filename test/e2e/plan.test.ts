import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Task } from '../../bench/scripted-model/index.js';
import { pith, repoCopy, scripted, tasks, telemetry, verify } from './harness.js';

const ID = 'js-plan-priority-aging';
// The same task, but step 2's check can never pass: it must be retried once, then pause the plan.
const failing = (t: Task): Task => (t.id !== ID ? t : { ...t, plan: { ...t.plan!, steps: t.plan!.steps.map((s) => (s.id === 's2' ? { ...s, verify: { command: 'exit 7' } } : s)) } });

let model: Awaited<ReturnType<typeof scripted>>;
let broken: Awaited<ReturnType<typeof scripted>>;
beforeAll(async () => { model = await scripted(tasks()); broken = await scripted(tasks(failing)); });
afterAll(async () => { await model.close(); await broken.close(); });

type Msg = { role: string; content?: string };
const userText = (q: { body: unknown }) => ((q.body as { messages: Msg[] }).messages.find((m) => m.role === 'user')?.content ?? '');
const stepOf = (q: { body: unknown }) => /^Step (\d) of 3/.exec(userText(q))?.[1];
const firstOfStep = (reqs: Array<{ body: unknown }>, step: string) => reqs.find((q) => stepOf(q) === step && (q.body as { messages: Msg[] }).messages.length === 2);

describe('pith plan on the scripted model', () => {
  it('plans and runs three fresh steps, each seeing only its own excerpts and the carry-forward', async () => {
    const t = tasks().find((x) => x.id === ID)!;
    const cwd = repoCopy(t);
    const first = model.requests.length;
    const r = await pith(['plan', '--yes', t.prompt], cwd, model.url);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(verify(t, cwd)).toBe(true);
    const reqs = model.requests.slice(first);
    expect(reqs[0]!.body).toMatchObject({ messages: [{ role: 'system', content: expect.stringMatching(/^You are pith's planner/) }, { role: 'user' }] });
    const s1 = userText(firstOfStep(reqs, '1')!);
    const s2 = userText(firstOfStep(reqs, '2')!);
    const s3 = userText(firstOfStep(reqs, '3')!);
    // Each step knows where it stands in the plan.
    expect(s2).toMatch(/^Step 2 of 3: Add the agingMinutes setting\n/);
    expect(s2).toContain('2. Add the agingMinutes setting  <- this step');
    // Step 1's excerpts are priority.js only; nothing carried forward yet.
    expect(s1).toContain('src/queue/priority.js');
    expect(s1).not.toContain('Done so far');
    expect(s1).not.toContain('src/config.js');
    // Step 2 sees config.js, and step 1's carry-forward, not step 1's file contents.
    expect(s2).toMatch(/src\/config\.js lines \d+-\d+ of \d+/);
    expect(s2).toMatch(/Done so far:\n1\. Add agedPriority and compareAged: .*\n\s+changed: src\/queue\/priority\.js \+\d+ -\d+/);
    expect(s2).not.toMatch(/priority\.js lines/);
    expect(s2).not.toContain('export function compareTasks');
    // Step 3: both earlier steps carried forward, its own two files pre-loaded.
    expect(s3).toMatch(/1\. Add agedPriority[\s\S]*2\. Add the agingMinutes setting/);
    expect(s3).toMatch(/src\/queue\/scheduler\.js/);
    expect(s3).toMatch(/src\/queue\/queue\.js/);
    const plan = JSON.parse(readFileSync(join(cwd, '.pith', 'plan.md'), 'utf8').match(/pith plan (\S+)\./) ? readFileSync(join(cwd, '.pith', 'plans', `${readFileSync(join(cwd, '.pith', 'plan.md'), 'utf8').match(/pith plan (\S+)\./)![1]}.json`), 'utf8') : '{}');
    expect(plan.steps.map((s: { status: string }) => s.status)).toEqual(['passed', 'passed', 'passed']);
    const recs = telemetry(cwd);
    expect(recs.filter((x) => x.kind === 'step')).toHaveLength(3);
    expect(recs.find((x) => x.kind === 'run')).toMatchObject({ mode: 'plan', status: 'ok', steps: 3 });
  }, 60_000);

  it('gives the step of a one-step plan its instruction alone: no outline, no "Step 1 of 1", no repeated title', async () => {
    const t = tasks().find((x) => x.id === 'ts-clamp-swap')!;
    const cwd = repoCopy(t);
    const first = model.requests.length;
    const r = await pith(['plan', '--yes', t.prompt], cwd, model.url);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(verify(t, cwd)).toBe(true);
    const step = model.requests.slice(first).find((q) => !/^You are pith's planner/.test((q.body as { messages: Msg[] }).messages[0]?.content ?? ''))!;
    const text = userText(step);
    expect(text.startsWith(t.prompt)).toBe(true);
    expect(text).not.toMatch(/Step 1 of 1|^Plan:|<- this step/m);
  }, 60_000);

  it('retries a step whose check fails once, then pauses; --resume skips passed steps', async () => {
    const t = tasks().find((x) => x.id === ID)!;
    const cwd = repoCopy(t);
    const first = broken.requests.length;
    const r = await pith(['plan', '--yes', t.prompt], cwd, broken.url);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/step 2 \(Add the agingMinutes setting\) failed its check twice/);
    const reqs = broken.requests.slice(first);
    const fresh = reqs.filter((q) => (q.body as { messages: Msg[] }).messages.length === 2);
    expect(fresh.filter((q) => stepOf(q) === '2')).toHaveLength(2);
    expect(userText(fresh.filter((q) => stepOf(q) === '2')[1]!)).toContain('The previous attempt failed its check');
    expect(fresh.some((q) => stepOf(q) === '3')).toBe(false);

    // The user fixes the check in plan.md; --resume runs steps 2 and 3 only.
    const md = join(cwd, '.pith', 'plan.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('- verify: command: exit 7', '- verify: none'));
    const mark = broken.requests.length;
    const resumed = await pith(['plan', '--resume', '--yes'], cwd, broken.url);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/resuming plan \S+ at "Add the agingMinutes setting" \(2 of 3 steps left\)/);
    const later = broken.requests.slice(mark).filter((q) => (q.body as { messages: Msg[] }).messages.length === 2).map(stepOf);
    expect(later).not.toContain('1');
    expect(later).toContain('3');
    expect(verify(t, cwd)).toBe(true);
  }, 60_000);
});
