import { describe, it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { anchor, get, tmp } from './helpers.js';

function fakeIO(cwd: string): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (c) => (o += String(c)));
  stderr.on('data', (c) => (e += String(c)));
  const io: CliIO = { stdout, stderr, stdin: new PassThrough(), env: {}, cwd, isTTY: false, signal: new AbortController().signal };
  return { io, out: () => o, err: () => e };
}

describe('pith tool', () => {
  it('runs one tool and prints exactly what the model sees', async () => {
    const text = 'one\ntwo\n';
    const root = tmp({ 'a.txt': text });
    const f = fakeIO('/');
    expect(await main(['tool', 'read', '{"path":"a.txt"}', '--root', root], f.io)).toBe(0);
    expect(f.out()).toBe(`a.txt lines 1-2 of 2\n${anchor(text, 1)}|one\n${anchor(text, 2)}|two\n`);
  });

  it('writes without asking (running it is consent) and honours --anchors', async () => {
    const root = tmp({ 'a.txt': 'one\ntwo\n' });
    const f = fakeIO(root);
    expect(await main(['tool', 'edit', '{"path":"a.txt","edits":[{"from":"2","text":"TWO"}]}', '--anchors', 'line'], f.io)).toBe(1);
    expect(f.out()).toContain('not shown to you yet');
    const g = fakeIO(root);
    expect(await main(['tool', 'edit', '{"path":"a.txt","old":"two","new":"TWO"}', '--anchors', 'line'], g.io)).toBe(0);
    expect(g.out()).toBe('edited a.txt: 1 op, now 2 lines\n2|TWO\n');
    expect(get(root, 'a.txt')).toBe('one\nTWO\n');
  });

  it('exits 1 on an error result and 2 on usage errors', async () => {
    const root = tmp();
    const f = fakeIO(root);
    expect(await main(['tool', 'read', '{"path":"../x"}'], f.io)).toBe(1);
    expect(f.out()).toMatch(/^error: \.\.\/x is outside the project root/);
    const u = fakeIO(root);
    expect(await main(['tool', 'nope'], u.io)).toBe(1);
    expect(u.out()).toContain('no tool named "nope"');
    const bad = fakeIO(root);
    expect(await main(['tool', 'read', '--anchors', 'weird'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--anchors must be one of hash, line, off');
  });

  it('--list shows every tool with its token count and the total; --json is machine-readable', async () => {
    const root = tmp();
    const f = fakeIO(root);
    expect(await main(['tool', '--list'], f.io)).toBe(0);
    for (const name of ['read', 'edit', 'write', 'search', 'bash', 'recall', 'symbols']) expect(f.out()).toMatch(new RegExp(`^${name} +\\d+ tokens`, 'm'));
    expect(f.out()).toMatch(/^total: \d+ tokens for 7 tools as sent \(anchors: hash\)$/m);
    const j = fakeIO(root);
    expect(await main(['tool', '--list', '--json'], j.io)).toBe(0);
    const parsed = JSON.parse(j.out()) as { tools: Array<{ name: string; tokens: number; parameters: unknown }>; total: number };
    expect(parsed.tools).toHaveLength(7);
    expect(parsed.total).toBeLessThan(900);
    expect(parsed.tools.reduce((a, t) => a + t.tokens, 0)).toBeGreaterThanOrEqual(parsed.total);
  });
});
