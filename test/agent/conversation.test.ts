import { describe, expect, it } from 'vitest';
import { Conversation, type StubFor } from '../../src/agent/conversation.js';
import { getTokenizer } from '../../src/tokens/index.js';

const big = (tag: string) => Array.from({ length: 40 }, (_, i) => `${tag} row ${i} of some file text`).join('\n');

describe('Conversation.stubOlderThan', () => {
  it('prunes recalled text about a file once the model has moved on from that file, like any read', async () => {
    const tok = await getTokenizer();
    let n = 0;
    const stubFor: StubFor = (name, path) => ({ id: `k${++n}`, stub: `[${name} ${path ?? ''} pruned k${n}]` });
    const conv = new Conversation('sys', 'task', '');
    const turn = (name: string, args: Record<string, unknown>, out: string, path: string | null) => {
      const call = { id: `c${n}`, name, arguments: JSON.stringify(args) };
      conv.addAssistant('', [call]);
      conv.addToolResult(call, out, path, false);
    };
    turn('read', { path: 'a.ts' }, big('a'), 'a.ts');
    turn('read', { path: 'b.ts' }, big('b'), 'b.ts');
    turn('read', { path: 'c.ts' }, big('c'), 'c.ts');
    expect(conv.stubOlderThan(tok, 2, stubFor).paths).toEqual(['a.ts']);
    // The model recalls a.ts (id k1): the recall's output is about a.ts ...
    turn('recall', { id: 'k1' }, big('a'), null);
    turn('read', { path: 'd.ts' }, big('d'), 'd.ts');
    turn('read', { path: 'e.ts' }, big('e'), 'e.ts');
    // ... so once two turns passed without a.ts, it goes again, with its path.
    const again = conv.stubOlderThan(tok, 2, stubFor);
    expect(again.paths).toContain('a.ts');
    expect(conv.messages().filter((m) => m.role === 'tool' && m.content.startsWith('a row 0'))).toHaveLength(0);
  });

  it('keeps recalled text about no file (a command output): pruning it again would only cause another recall', async () => {
    const tok = await getTokenizer();
    const stubFor: StubFor = () => ({ id: 'k9', stub: '[pruned]' });
    const conv = new Conversation('sys', 'task', '');
    const call = (i: number, name: string, args: object) => ({ id: `c${i}`, name, arguments: JSON.stringify(args) });
    conv.addAssistant('', [call(1, 'recall', { id: 'unknown' })]);
    conv.addToolResult(call(1, 'recall', { id: 'unknown' }), big('log'), null, false);
    for (let i = 2; i < 5; i++) {
      conv.addAssistant('', [call(i, 'read', { path: `f${i}` })]);
      conv.addToolResult(call(i, 'read', { path: `f${i}` }), big(`f${i}`), `f${i}`, false);
    }
    conv.stubOlderThan(tok, 2, stubFor);
    expect(conv.messages().some((m) => m.role === 'tool' && m.content.startsWith('log row 0'))).toBe(true);
  });
});

describe('Conversation: pre-loaded excerpts', () => {
  const setup = async () => {
    const tok = await getTokenizer();
    let n = 0;
    const stubFor: StubFor = (name, path) => ({ id: `k${++n}`, stub: `[${name} ${path ?? ''} pruned k${n}]` });
    const conv = new Conversation('sys', 'the task', '', [
      { path: 'a.ts', text: big('a-sym') },
      { path: 'b.ts', text: big('b') },
      { path: 'a.ts', text: big('a-use') },
    ]);
    let i = 0;
    const turn = (path: string) => {
      const call = { id: `c${++i}`, name: 'read', arguments: JSON.stringify({ path }) };
      conv.addAssistant('', [call]);
      conv.addToolResult(call, big(path), path, false);
    };
    return { tok, stubFor, conv, turn };
  };

  it('sends them after the task, one piece per file, counted as excerpts', async () => {
    const { tok, conv } = await setup();
    const user = conv.messages()[1]!.content;
    expect(user.startsWith('the task\n\n')).toBe(true);
    // Both a.ts excerpts sit together, before b.ts's.
    expect(user.indexOf('a-use row 0')).toBeLessThan(user.indexOf('b row 0'));
    const { breakdown } = conv.breakdown(tok, []);
    expect(breakdown.excerpts).toBe(tok.count(big('a-sym') + '\n\n' + big('a-use')) + tok.count(big('b')));
    expect(breakdown.history).toBe(0);
  });

  it('keeps an excerpt until the model has worked on its file and moved on, then prunes it like a read', async () => {
    const { tok, stubFor, conv, turn } = await setup();
    turn('x.ts');
    turn('y.ts');
    turn('z.ts');
    // Three turns in, but nothing touched a.ts or b.ts yet: they stay (only x.ts goes).
    expect(conv.stubOlderThan(tok, 2, stubFor).paths).toEqual(['x.ts']);
    expect(conv.messages()[1]!.content).toContain('a-sym row 0');
    turn('a.ts');
    turn('q.ts');
    turn('r.ts');
    const pruned = conv.stubOlderThan(tok, 2, stubFor);
    expect(pruned.paths).toContain('a.ts');
    expect(pruned.paths).not.toContain('b.ts');
    const user = conv.messages()[1]!.content;
    expect(user).not.toContain('a-sym row 0');
    expect(user).toContain('[read a.ts pruned');
    expect(user).toContain('b row 0');
    expect(user.startsWith('the task\n\n')).toBe(true);
  });

  it('lets the context window limit prune an excerpt the model never got to', async () => {
    const { tok, stubFor, conv, turn } = await setup();
    turn('x.ts');
    turn('y.ts');
    const before = conv.breakdown(tok, []).total;
    const r = conv.shrink(tok, [], before - 200, stubFor);
    expect(r.stubbed).toBeGreaterThan(0);
    expect(conv.breakdown(tok, []).total).toBeLessThanOrEqual(before - 200);
  });
});
