import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApprovalMode, Decision } from '../../src/core/index.js';
import { createApprovalPolicy } from '../../src/tools/index.js';
import { harness, tmp } from './helpers.js';

const write = { kind: 'write' as const, tool: 'edit', summary: 'edit a.ts' };
const command = { kind: 'command' as const, tool: 'bash', summary: 'run: ls' };

async function outcome(mode: ApprovalMode, req: typeof write | typeof command, answer: Decision = 'allow') {
  const policy = createApprovalPolicy(mode);
  let asked = 0;
  const d = await policy.decide(req, async () => {
    asked++;
    return answer;
  });
  return { d, asked };
}

describe('approval modes', () => {
  it('ask asks for writes and commands; accept-edits asks only for commands', async () => {
    expect(await outcome('ask', write)).toEqual({ d: 'allow', asked: 1 });
    expect(await outcome('ask', command, 'deny')).toEqual({ d: 'deny', asked: 1 });
    expect(await outcome('accept-edits', write)).toEqual({ d: 'allow', asked: 0 });
    expect(await outcome('accept-edits', command)).toEqual({ d: 'allow', asked: 1 });
  });

  it('read-only denies every write and command without asking, even against an allow rule', async () => {
    expect(await outcome('read-only', write)).toEqual({ d: 'deny', asked: 0 });
    const p = createApprovalPolicy('read-only', { bash: 'allow' });
    expect(await p.decide(command, async () => 'allow')).toBe('deny');
    expect(p.reasonFor(command)).toContain('read-only');
  });

  it('trust asks nothing; per-tool rules override the mode', async () => {
    expect(await outcome('trust', command)).toEqual({ d: 'allow', asked: 0 });
    const p = createApprovalPolicy('trust', { bash: 'deny', write: 'ask' });
    expect(await p.decide(command, async () => 'allow')).toBe('deny');
    let asked = 0;
    await p.decide({ kind: 'write', tool: 'write', summary: 'create x' }, async () => (asked++, 'allow'));
    expect(asked).toBe(1);
    const q = createApprovalPolicy('ask', { bash: 'allow' });
    expect(await q.decide(command, async () => 'deny')).toBe('allow');
  });

  it("'always' allows that tool for the rest of the session without asking again", async () => {
    const p = createApprovalPolicy('ask');
    let asked = 0;
    const ask = async (): Promise<Decision> => (asked++, 'always');
    expect(await p.decide(command, ask)).toBe('allow');
    expect(await p.decide(command, ask)).toBe('allow');
    expect(asked).toBe(1);
    expect(await p.decide(write, async () => 'deny')).toBe('deny');
  });

  it('through the toolset: a denied write leaves no file and tells the model why', async () => {
    const root = tmp();
    const h = await harness(root, { approval: { mode: 'ask' }, approve: async () => 'deny' });
    const r = await h.call('write', { path: 'x.txt', content: 'x' });
    expect(r.error?.type).toBe('denied');
    expect(r.forModel).toContain('the user declined');
    expect(existsSync(join(root, 'x.txt'))).toBe(false);
    const ro = await harness(root, { approval: { mode: 'read-only' } });
    const b = await ro.call('bash', { command: 'touch made.txt' });
    expect(b.error?.type).toBe('denied');
    expect(existsSync(join(root, 'made.txt'))).toBe(false);
    expect(ro.asked).toEqual([]);
    // Reads need no approval in any mode.
    expect((await ro.call('read', { path: '.' })).error).toBeUndefined();
  });
});
