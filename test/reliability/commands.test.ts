/**
 * Commands: in `ask` and `accept-edits` no command runs without approval; `read-only` refuses
 * writes and commands (plan verify commands too); the commands a plan will run (step verifies,
 * hooks after edits) are shown at plan review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { ApprovalRequest } from '../../src/core/index.js';
import { createToolset } from '../../src/tools/index.js';
import { copyRepo, loadTasks, startScriptedModel, type ScriptedModel } from '../../bench/scripted-model/index.js';
import { FIXTURES } from '../../bench/reliability/fault-runner.js';
import { reply, startOpenAIServer, type OpenAIServer, type Reply } from '../helpers/openai-server.js';
import { captureIO, makeSandbox, writeUserConfig } from './helpers.js';

let oa: OpenAIServer;
beforeAll(async () => { oa = await startOpenAIServer(); });
afterAll(async () => { await oa.close(); });

const tool = (id: string, name: string, args: unknown) => ({ id, name, arguments: JSON.stringify(args) });

/** One run in `mode` whose model writes a file, edits one and runs a command; returns what happened. */
async function runInMode(mode: string, extraToml = '') {
  const box = makeSandbox('pith-cmd-');
  writeFileSync(join(box.root, 'notes.txt'), 'alpha\n');
  writeUserConfig(box.home, `[approval]\nmode = "${mode}"\n${extraToml}[hooks]\non_edit = "off"\n`);
  const first: Reply = reply.toolCalls([
    tool('w', 'write', { path: 'new.txt', content: 'hi\n' }),
    tool('e', 'edit', { path: 'notes.txt', old: 'alpha', new: 'omega' }),
    tool('b', 'bash', { command: 'touch ran-by-model.txt' }),
  ]);
  oa.enqueue(first, reply.text('done'));
  const { io, out } = captureIO(box.root, { HOME: box.home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' });
  const code = await main(['run', 'do it'], io);
  const msgs = oa.chatRequests().at(-1)!.body.messages as Array<{ role: string; tool_call_id?: string; content: string }>;
  const result = (id: string) => msgs.find((m) => m.role === 'tool' && m.tool_call_id === id)?.content ?? '';
  return {
    code, out, result,
    wrote: existsSync(join(box.root, 'new.txt')),
    edited: readFileSync(join(box.root, 'notes.txt'), 'utf8') !== 'alpha\n',
    ran: existsSync(join(box.root, 'ran-by-model.txt')),
  };
}

describe('approval modes through pith run (no terminal to ask)', () => {
  it('ask: nothing is written and no command runs; the model is told it was denied', async () => {
    const r = await runInMode('ask');
    expect(r.code).toBe(0);
    expect([r.wrote, r.edited, r.ran]).toEqual([false, false, false]);
    expect(r.result('b')).toMatch(/^error: run: touch ran-by-model\.txt: denied/);
    expect(r.result('w')).toMatch(/^error: create new\.txt .*denied/);
    expect(r.out.stderr).toMatch(/denied run: touch ran-by-model\.txt \(no terminal to ask; pass --yes or set \[approval\] mode\)/);
  });

  it('accept-edits: edits go through, the command does not', async () => {
    const r = await runInMode('accept-edits');
    expect([r.wrote, r.edited, r.ran]).toEqual([true, true, false]);
    expect(r.result('b')).toMatch(/denied/);
  });

  it('read-only: writes and commands are refused, and no rule lifts it', async () => {
    const r = await runInMode('read-only', '[approval.rules]\nbash = "allow"\nwrite = "allow"\n');
    expect([r.wrote, r.edited, r.ran]).toEqual([false, false, false]);
    for (const id of ['w', 'e', 'b']) expect(r.result(id)).toMatch(/denied \(the session is read-only: writes and commands are off\)/);
  });

  it('trust (--yes) runs them: the same script really does write and run', async () => {
    const r = await runInMode('trust');
    expect([r.wrote, r.edited, r.ran]).toEqual([true, true, true]);
  });
});

describe('the human is asked before every command in ask and accept-edits', () => {
  for (const mode of ['ask', 'accept-edits'] as const) {
    it(`${mode}: approve() is asked once per command; deny = not run, allow = run`, async () => {
      const box = makeSandbox('pith-cmd-');
      const asked: ApprovalRequest[] = [];
      let answer: 'allow' | 'deny' = 'deny';
      const ts = await createToolset({ root: box.root, approval: { mode }, approve: async (req) => (asked.push(req), answer) });
      const signal = new AbortController().signal;
      const denied = await ts.run('bash', JSON.stringify({ command: 'touch denied.txt' }), signal);
      expect(denied.error?.type).toBe('denied');
      expect(existsSync(join(box.root, 'denied.txt'))).toBe(false);
      answer = 'allow';
      const allowed = await ts.run('bash', JSON.stringify({ command: 'touch allowed.txt' }), signal);
      expect(allowed.error).toBeUndefined();
      expect(existsSync(join(box.root, 'allowed.txt'))).toBe(true);
      expect(asked.filter((a) => a.kind === 'command').map((a) => a.summary)).toEqual(['run: touch denied.txt', 'run: touch allowed.txt']);
      // A write asks in ask mode only.
      await ts.run('write', JSON.stringify({ path: 'w.txt', content: 'x\n' }), signal);
      expect(asked.some((a) => a.kind === 'write')).toBe(mode === 'ask');
    });
  }
});

describe('plan review shows every command the plan will run', () => {
  let model: ScriptedModel;
  beforeAll(async () => { model = await startScriptedModel({ tasks: loadTasks(join(FIXTURES, 'tasks')) }); });
  afterAll(async () => { await model.close(); });
  const task = () => loadTasks(join(FIXTURES, 'tasks')).find((t) => t.id === 'js-plan-priority-aging')!;

  function project(mode: string) {
    const box = makeSandbox('pith-review-');
    const root = copyRepo(FIXTURES, 'taskq-js', box.base);
    writeFileSync(join(root, '.gitkeep'), '');
    writeUserConfig(box.home, `[approval]\nmode = "${mode}"\n[hooks]\non_edit = ["node --check src/index.js"]\n`);
    const env = { HOME: box.home, PITH_ENDPOINT: model.url, PITH_MODEL: 'scripted' };
    return { root, env };
  }

  it('without --yes and without a terminal: the plan with each verify and hook command is printed, nothing runs, exit 2', async () => {
    const { root, env } = project('ask');
    const before = readFileSync(join(root, 'src', 'queue', 'priority.js'), 'utf8');
    const c = captureIO(root, env);
    expect(await main(['plan', task().prompt], c.io)).toBe(2);
    for (const step of task().plan!.steps) {
      if (typeof step.verify === 'object' && 'command' in step.verify) expect(c.out.stdout).toContain(`verify: command: ${step.verify.command}`);
    }
    expect(c.out.stdout).toContain('After each edit pith runs: `node --check src/index.js`');
    expect(c.out.stderr).toMatch(/not approved \(no terminal to ask\)/);
    expect(readFileSync(join(root, 'src', 'queue', 'priority.js'), 'utf8')).toBe(before);
  });

  it('read-only: --resume runs no verify command either (they come from the model)', async () => {
    const { root, env } = project('read-only');
    const c = captureIO(root, env);
    expect(await main(['plan', task().prompt], c.io)).toBe(2);
    // Make the first step's verify a command with a visible effect.
    const plans = join(root, '.pith', 'plans');
    const file = join(plans, readdirSync(plans)[0]!);
    const plan = JSON.parse(readFileSync(file, 'utf8'));
    plan.steps[0].verify = { command: 'touch verify-ran.txt' };
    writeFileSync(file, JSON.stringify(plan));
    rmSync(join(root, '.pith', 'plan.md'));
    const r = captureIO(root, env);
    const code = await main(['plan', '--resume'], r.io);
    expect(r.out.stdout).toContain("verify: command: touch verify-ran.txt"); // shown before resuming
    expect(existsSync(join(root, 'verify-ran.txt'))).toBe(false);
    expect(code).toBe(1); // the step cannot pass: its check was not run
    expect(r.out.stdout).toMatch(/read-only/);
  });
});
