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
