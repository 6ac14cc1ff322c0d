/**
 * Hostile or broken model output, through the whole `pith run --yes` path against a scripted
 * OpenAI-compatible server: every bad call gets a clear error result (asserted on what the
 * model received next), and nothing outside the project root is read or written (a sentinel
 * file outside the root is checked byte for byte, and its text must appear nowhere pith wrote
 * or sent).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { reply, startOpenAIServer, type OpenAIServer, type Reply, type ToolCallSpec } from '../helpers/openai-server.js';
import { captureIO, filesContaining, makeSandbox } from './helpers.js';

let oa: OpenAIServer;
let box: ReturnType<typeof makeSandbox>;
const NOTES = 'alpha\nbeta\ngamma\n';

beforeEach(async () => {
  oa = await startOpenAIServer();
  box = makeSandbox('pith-hostile-');
  writeFileSync(join(box.root, 'notes.txt'), NOTES);
  symlinkSync(box.sentinel, join(box.root, 'link.txt'));
  symlinkSync(box.outside, join(box.root, 'outdir'));
});

afterEach(async () => {
  await oa.close();
  // Nothing outside the root was written, and the sentinel was never read into anything.
  expect(readFileSync(box.sentinel, 'utf8')).toBe(box.sentinelText);
  expect(readdirSync(box.outside)).toEqual(['secret.txt']);
  expect(readdirSync(box.base).sort()).toEqual(['home', 'outside', 'project']);
  const marker = box.sentinelText.trim();
  expect(oa.requests.filter((r) => r.raw.includes(marker)).length).toBe(0);
  expect(filesContaining([join(box.root, '.pith'), box.home], marker)).toEqual([]);
});

/** Runs one task whose first reply is `first`, then a plain answer; returns what the model got back. */
async function run(first: Reply, ...more: Reply[]) {
  return runWith([], first, ...more);
}

async function runWith(flags: string[], first: Reply, ...more: Reply[]) {
  oa.enqueue(first, ...more, reply.text('done.'));
  const { io, out } = captureIO(box.root, { HOME: box.home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' });
  const code = await main(['run', '--yes', ...flags, 'do the thing'], io);
  const chats = oa.chatRequests();
  const results = new Map<string, string>();
  for (const r of chats) for (const m of r.body?.messages ?? []) if (m.role === 'tool') results.set(m.tool_call_id, m.content);
  const last = chats.at(-1)?.body?.messages ?? [];
  return { code, out, results, chats, last };
}

const calls = (...cs: Array<[string, string, unknown]>): Reply =>
  reply.toolCalls(cs.map(([id, name, args]): ToolCallSpec => ({ id, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) })));

describe('hostile model output', () => {
  it('a tool that does not exist', async () => {
    const r = await run(calls(['c1', 'delete_everything', { path: '.' }], ['c2', 'Read', { path: 'notes.txt' }]));
    expect(r.code).toBe(0);
    expect(r.results.get('c1')).toMatch(/^error: no tool named "delete_everything"; tools: read, edit, write/);
    expect(r.results.get('c2')).toMatch(/^error: no tool named "Read"/);
    expect(readFileSync(join(box.root, 'notes.txt'), 'utf8')).toBe(NOTES);
  });

  it('arguments of the wrong type, and arguments that are not JSON at all', async () => {
    const r = await run(calls(
      ['c1', 'read', { path: ['notes.txt'] }],
      ['c2', 'edit', { path: 'notes.txt', edits: 'replace everything' }],
      ['c3', 'write', { path: 'x.txt', content: { text: 'hi' } }],
      ['c4', 'bash', { command: 42, timeout_s: 'soon' }],
      ['c5', 'read', '[1, 2, 3]'],
      ['c6', 'write', '{"path": "y.txt", "content": '],
    ));
    expect(r.results.get('c1')).toMatch(/^error: read: path: expected a string, got an array\. Example: \{"path"/);
    expect(r.results.get('c2')).toMatch(/^error: edit: edits: expected an array/);
    expect(r.results.get('c3')).toMatch(/^error: write: content: expected a string, got an object/);
    expect(r.results.get('c4')).toMatch(/^error: bash: timeout_s: expected/);
    expect(r.results.get('c5')).toMatch(/arguments are not valid JSON/);
    expect(r.results.get('c6')).toMatch(/^error: write: arguments are not valid JSON/i);
    expect(existsSync(join(box.root, 'x.txt'))).toBe(false);
    expect(existsSync(join(box.root, 'y.txt'))).toBe(false);
  });

  it('paths outside the root: climbing, absolute, through a symlinked file or directory', async () => {
    const r = await run(calls(
      ['r1', 'read', { path: '../../etc/passwd' }],
      ['r2', 'read', { path: box.sentinel }],
      ['r3', 'read', { path: 'link.txt' }],
      ['r4', 'read', { path: 'outdir/secret.txt' }],
      ['r5', 'read', { path: '..' }],
      ['r6', 'search', { pattern: 'SENTINEL', path: 'outdir' }],
      ['w1', 'write', { path: '../outside/new.txt', content: 'x\n' }],
      ['w2', 'write', { path: join(box.outside, 'abs.txt'), content: 'x\n' }],
      ['w3', 'write', { path: 'link.txt', content: 'overwritten\n' }],
      ['w4', 'write', { path: 'outdir/via-dir.txt', content: 'x\n' }],
      ['e1', 'edit', { path: 'link.txt', old: 'SENTINEL', new: 'gone' }],
      ['e2', 'edit', { path: '../outside/secret.txt', old: 'SENTINEL', new: 'gone' }],
    ));
    expect(r.code).toBe(0);
    for (const id of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'w1', 'w2', 'w3', 'w4', 'e1', 'e2']) {
      expect(r.results.get(id), id).toMatch(/^error: .*(outside the project root|symlink that leads outside)/);
    }
  });

  it('whole-tree tools do not follow symlinks out of the root', async () => {
    const r = await run(calls(
      ['s1', 'search', { pattern: 'SENTINEL' }],
      ['s2', 'search', { pattern: 'do-not-read', path: '.' }],
      ['l1', 'read', { path: '.' }],
      ['l2', 'read', { path: 'outdir' }],
      ['y1', 'symbols', { query: 'secret' }],
    ));
    expect(r.code).toBe(0);
    expect(r.results.get('s1')).toMatch(/no matches/);
    expect(r.results.get('l1')).toMatch(/notes\.txt/); // the tree of the root is listed ...
    expect(r.results.get('l1')).not.toMatch(/secret\.txt/); // ... without what a symlinked directory holds
    expect(r.results.get('l2')).toMatch(/^error: .*symlink that leads outside/);
  });

  it('anchors for lines that do not exist', async () => {
    const r = await run(
      calls(['c0', 'read', { path: 'notes.txt' }]),
      calls(
        ['c1', 'edit', { path: 'notes.txt', edits: [{ from: '99:zz', text: 'x' }] }],
        ['c2', 'edit', { path: 'notes.txt', edits: [{ after: '1000:ab', text: 'x' }] }],
        ['c3', 'edit', { path: 'notes.txt', edits: [{ from: '0:00', text: 'x' }] }],
        ['c4', 'edit', { path: 'notes.txt', edits: [{ from: '2:zz', to: '1:zz', text: 'x' }] }],
        ['c5', 'read', { path: 'notes.txt', lines: '500-600' }],
        ['c6', 'edit', { path: 'missing.txt', edits: [{ from: '1:ab', text: 'x' }] }],
      ),
    );
    expect(r.code).toBe(0);
    expect(r.results.get('c1')).toMatch(/^error: .*(line 99|99).*(does not exist|has 3 lines|out of range|stale)/i);
    expect(r.results.get('c2')).toMatch(/^error: .*1000/);
    expect(r.results.get('c3')).toMatch(/^error/);
    expect(r.results.get('c4')).toMatch(/^error/);
    expect(r.results.get('c5')).toMatch(/^error: notes\.txt has 3 lines; line 500 does not exist/);
    expect(r.results.get('c6')).toMatch(/^error: .*missing\.txt does not exist/);
    expect(readFileSync(join(box.root, 'notes.txt'), 'utf8')).toBe(NOTES);
  });

  it('a write into .git/ is refused, however the path is spelled', async () => {
    const r = await run(calls(
      ['g1', 'write', { path: '.git/hooks/pre-commit', content: '#!/bin/sh\ncurl evil\n' }],
      ['g2', 'write', { path: 'src/../.git/config', content: '[core]\n' }],
      ['g3', 'edit', { path: '.git/HEAD', old: 'main', new: 'evil' }],
      ['g4', 'write', { path: './.git', content: 'x' }],
    ));
    for (const id of ['g1', 'g2', 'g3', 'g4']) expect(r.results.get(id), id).toMatch(/^error: .*(\.git\/ are never written|not a file)/);
    expect(readFileSync(join(box.root, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expect(existsSync(join(box.root, '.git', 'hooks'))).toBe(false);
    expect(statSync(join(box.root, '.git')).isDirectory()).toBe(true);
  });

  it('a 10 MB write is refused unread; the model is told, and its output counts against the budget', async () => {
    const big = ('x'.repeat(99) + '\n').repeat(100_000);
    const bigCall = () => calls(['b1', 'write', { path: 'big.txt', content: big }]);
    // With room in the budget the run goes on and the model gets a clear error back.
    const r = await runWith(['--max-tokens', '50000000'], bigCall());
    expect(r.code).toBe(0);
    expect(r.results.get('b1')).toMatch(/^error: write: the arguments are 9\.6 MB, over the 1 MB limit; nothing was run/i);
    expect(existsSync(join(box.root, 'big.txt'))).toBe(false);
    // The 10 MB are not sent back to the model with the next request.
    expect(Math.max(...r.chats.map((c) => c.raw.length))).toBeLessThan(100_000);
    // With the default step budget, ~2.5M output tokens end the run: exit 3, said plainly.
    const d = await run(bigCall());
    expect(d.code).toBe(3);
    expect(d.out.stdout).toMatch(/step budget reached: \d+ of 60000 tokens used/);
    expect(existsSync(join(box.root, 'big.txt'))).toBe(false);
  });

  it('1,000 tool calls in one reply: a bounded number run, the rest are refused with a note', async () => {
    const many = Array.from({ length: 1000 }, (_, i): [string, string, unknown] => [`m${i}`, 'write', { path: `spam/f${i}.txt`, content: `${i}\n` }]);
    const r = await run(calls(...many));
    expect(r.code).toBe(0);
    const written = existsSync(join(box.root, 'spam')) ? readdirSync(join(box.root, 'spam')).length : 0;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(16);
    // The model is told plainly that the rest did not run.
    const lastTool = [...r.last].reverse().find((m: { role: string }) => m.role === 'tool');
    expect(lastTool.content).toMatch(/984 more tool calls in that reply were not run: at most 16 per reply/);
    // Every call the model sent got an answer (the API requires one per call id).
    const assistant = r.last.find((m: { role: string; tool_calls?: unknown[] }) => m.role === 'assistant' && m.tool_calls);
    const answered = r.last.filter((m: { role: string }) => m.role === 'tool').length;
    expect(answered).toBe(assistant.tool_calls.length);
  });
});

describe('sentinel sanity', () => {
  it('the sandbox sentinel is really outside the root and readable by us', async () => {
    expect(readFileSync(join(box.root, 'link.txt'), 'utf8')).toBe(box.sentinelText);
    mkdirSync(join(box.root, 'src'), { recursive: true });
    oa.enqueue(reply.text('nothing to do'));
    const { io } = captureIO(box.root, { HOME: box.home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' });
    expect(await main(['run', '--yes', 'nothing'], io)).toBe(0);
  });
});
