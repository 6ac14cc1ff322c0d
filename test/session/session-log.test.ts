import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession, resumeSession, loadSession, listSessions, resumeContext } from '../../src/session/index.js';
import { getTokenizer, type Tokenizer } from '../../src/tokens/index.js';

let tok: Tokenizer;
const dirs: string[] = [];
beforeAll(async () => {
  tok = await getTokenizer();
});
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempRoot(): string {
  const d = mkdtempSync(join(tmpdir(), 'pith-session-'));
  dirs.push(d);
  return d;
}
const opts = { cwd: '/proj', profile: 'local' };

async function turn(log: Awaited<ReturnType<typeof createSession>>, task: string, files: string[] = [], tokens = 1000) {
  await log.user(task);
  await log.run({ task, status: 'ok', tokens, costUsd: tokens / 1e6, files });
  await log.assistant(`done: ${task}`);
}

describe('session log', () => {
  it('appends one JSON line per record and loads the same state back', async () => {
    const root = tempRoot();
    const log = await createSession(root, opts);
    await turn(log, 'add a flag', ['src/cli.ts']);
    await turn(log, 'write tests', ['test/cli.test.ts', 'src/cli.ts']);
    const lines = readFileSync(log.path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).kind)).toEqual(['start', 'user', 'run', 'assistant', 'user', 'run', 'assistant']);
    const loaded = (await loadSession(root, log.id))!;
    expect(loaded.turns).toEqual(log.state().turns);
    expect(loaded).toMatchObject({ cwd: '/proj', profile: 'local', firstTask: 'add a flag', totalTokens: 2000, skippedLines: 0 });
    expect(loaded.turns[1]).toMatchObject({ task: 'write tests', answer: 'done: write tests', files: ['test/cli.test.ts', 'src/cli.ts'] });
  });

  it('resumes after a killed process: the torn last line is skipped and new records stay readable', async () => {
    const root = tempRoot();
    const log = await createSession(root, opts);
    await turn(log, 'first task');
    appendFileSync(log.path, '{"v":1,"kind":"user","ts":"2026-01-01T00:00:00Z","te'); // killed mid-write
    const torn = (await loadSession(root, log.id))!;
    expect(torn.turns.map((t) => t.task)).toEqual(['first task']);
    expect(torn.skippedLines).toBe(1);

    const resumed = await resumeSession(root, log.id, opts);
    await turn(resumed, 'second task');
    const back = (await loadSession(root, log.id))!;
    expect(back.turns.map((t) => t.task)).toEqual(['first task', 'second task']);
    expect(back.skippedLines).toBe(1); // the torn fragment did not swallow the next record
    expect(back.startedAt).toBe(torn.startedAt);
  });

  it('rollback is a branch point: dropped turns never come back, new turns after it are kept', async () => {
    const root = tempRoot();
    const log = await createSession(root, opts);
    await turn(log, 'one');
    await turn(log, 'two');
    await turn(log, 'three');
    expect(await log.rollback(2)).toBe(2);
    await turn(log, 'four');
    expect(log.state().turns.map((t) => t.task)).toEqual(['one', 'four']);

    const resumed = await resumeSession(root, log.id, opts);
    expect(resumed.state().turns.map((t) => t.task)).toEqual(['one', 'four']);
    expect(await resumed.rollback(1)).toBe(1);
    await turn(resumed, 'five');
    const final = (await loadSession(root, log.id))!;
    expect(final.turns.map((t) => t.task)).toEqual(['one', 'five']);
    expect(final.rolledBack).toBe(3);
    expect(final.totalTokens).toBe(5000); // what was spent stays counted
    expect(await resumed.rollback(10)).toBe(2); // clamped to what is visible
    expect((await loadSession(root, log.id))!.turns).toEqual([]);
    expect(resumeContext(final, 1000, (t) => tok.count(t))).not.toMatch(/two|three|"four"/);
  });

  it('lists sessions newest first with date, first task, turns and tokens', async () => {
    const root = tempRoot();
    let clock = Date.parse('2026-03-01T10:00:00Z');
    const now = () => new Date((clock += 1000));
    const a = await createSession(root, { ...opts, now });
    await turn(a, 'older session task', [], 300);
    clock += 86_400_000;
    const b = await createSession(root, { ...opts, now });
    await turn(b, 'newer session task', [], 700);
    await turn(b, 'more', [], 50);
    writeFileSync(join(root, '.pith/sessions/notes.txt'), 'not a session');
    const list = await listSessions(root);
    expect(list.map((s) => [s.id, s.firstTask, s.turns, s.tokens])).toEqual([
      [b.id, 'newer session task', 2, 750],
      [a.id, 'older session task', 1, 300],
    ]);
    expect(list[0]!.startedAt).toBe('2026-03-02T10:00:05.000Z');
    expect(await loadSession(root, '../../etc/passwd')).toBeNull();
  });
});

describe('resumeContext', () => {
  const count = (t: string) => tok.count(t);
  function manyTurns(n: number) {
    return Array.from({ length: n }, (_, i) => ({
      task: `task number ${i + 1}: ${'refactor the module and update its callers '.repeat(3)}`,
      answer: `Changed things for task ${i + 1}. `.repeat(10),
      runs: [{ task: `t${i}`, status: (i % 3 === 0 ? 'failed' : 'ok') as 'ok' | 'failed', tokens: 1500, costUsd: 0 }],
      tokens: 1500,
      costUsd: 0,
      files: [`src/mod${i}.ts`, `test/mod${i}.test.ts`],
    }));
  }

  it('summarises tasks, outcomes and files, not a replay', () => {
    const text = resumeContext({ turns: manyTurns(2) }, 2000, count);
    expect(text).toMatch(/^Earlier in this session \(2 turns, oldest first\):/);
    expect(text).toMatch(/1\. "task number 1: .*" -> failed; files: src\/mod0\.ts, test\/mod0\.test\.ts/);
    expect(text).toMatch(/2\. "task number 2: .*" -> ok/);
    expect(text).toMatch(/answer: Changed things for task 2\./);
  });

  it('respects its budget at every size, keeping the newest turns', () => {
    const turns = manyTurns(40);
    for (const budget of [0, 10, 40, 80, 150, 400, 1000, 5000]) {
      const text = resumeContext({ turns }, budget, count);
      expect(count(text)).toBeLessThanOrEqual(budget);
      if (budget >= 80 && budget <= 1000) {
        expect(text).toMatch(/40\. "task number 40/);
        expect(text).toMatch(/earlier turns? left out/);
      }
    }
    const roomy = resumeContext({ turns }, 100_000, count);
    expect(roomy).toMatch(/1\. "task number 1:/);
    expect(roomy).not.toMatch(/left out/);
  });
});
