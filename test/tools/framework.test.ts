import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { countTools, getTokenizer } from '../../src/tokens/index.js';
import { CORE_TOOL_NAMES, validateArgs, type ToolDef } from '../../src/tools/index.js';
import type { ToolSpec } from '../../src/core/index.js';
import type { SymbolIndex } from '../../src/index/types.js';
import { get, harness, numbered, tmp } from './helpers.js';

describe('tool framework', () => {
  it('offers the core tools with schemas under 900 tokens together, in every anchor mode', async () => {
    const tok = await getTokenizer();
    for (const anchors of ['hash', 'line', 'off'] as const) {
      const h = await harness(tmp(), { anchors });
      expect(h.ts.tools.map((t) => t.name)).toEqual([...CORE_TOOL_NAMES]);
      expect(countTools(tok, h.ts.schemas())).toBeLessThan(900);
    }
  });

  it('unknown tools and unreadable JSON come back as results, not throws', async () => {
    const h = await harness(tmp());
    const u = await h.ts.run('cat', '{}', new AbortController().signal);
    expect(u.error?.type).toBe('unknown_tool');
    expect(u.forModel).toContain('tools: read, edit, write');
    const j = await h.ts.run('read', '{"path": "a.ts",', new AbortController().signal);
    expect(j.error?.type).toBe('bad_args');
    expect(j.forModel).toContain('not valid JSON');
    expect(j.forModel).toContain('Example: {"path":"src/app.ts","lines":"1-80"}');
    expect(j.meta.tokens).toBeGreaterThan(5);
  });

  it('bad arguments name the field, what was expected and an example, in one line', async () => {
    const h = await harness(tmp({ 'a.txt': 'x\n' }));
    const missing = await h.call('read', {});
    expect(missing.forModel).toBe('error: read: path: expected a string, got nothing (it is required). Example: {"path":"src/app.ts","lines":"1-80"}');
    const unknown = await h.call('read', { file: 'a.txt' });
    expect(unknown.forModel).toContain('read: file: expected one of the fields path, lines, symbol, got an unknown field');
    const wrong = await h.call('bash', { command: 'true', timeout_s: 'soon' });
    expect(wrong.forModel).toContain('timeout_s: expected whole seconds, 1-600, got "soon"');
    expect(wrong.forModel.split('\n').length).toBe(1);
  });

  it('is lenient where intent is clear: null optional fields, numeric strings, arrays sent as JSON text', () => {
    const schema = { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'string' }, c: { type: 'array', items: { type: 'string' } } }, required: ['a'] };
    expect(validateArgs(schema, { a: '3', b: null, c: '["x"]' })).toEqual({ ok: true, value: { a: 3, c: ['x'] } });
    expect(validateArgs(schema, { a: 1.5 }).ok).toBe(false);
  });

  it('cuts an oversized result, says how to get the rest, and recall returns it whole', async () => {
    const text = Array.from({ length: 120 }, (_, i) => `row ${i} ${'word '.repeat(12)}`).join('\n') + '\n';
    const h = await harness(tmp({ 'wide.txt': text }), { limits: { maxResultTokens: 500, smallFileChars: 100_000 } });
    const r = await h.call('read', { path: 'wide.txt' });
    expect(r.meta.truncated).toBe(true);
    expect(r.meta.tokens).toBeLessThan(560);
    expect(r.forModel.split('\n')[0]).toBe('wide.txt lines 1-120 of 120');
    expect(r.forModel).toMatch(/\[\d+ lines cut; recall \{"id":"r\d+"\} shows all\]/);
    expect(r.forModel).toContain('|row 119 word');
    const full = await h.call('recall', { id: r.meta.recallId });
    expect(full.forModel.split('\n')).toHaveLength(121);
    expect(full.forModel).toContain('|row 60 word');
    expect(full.meta.truncated).toBe(false);
  });

  it('turns a throwing tool into a failed result and applies the policy to extra (MCP) tools', async () => {
    let asked = 0;
    const boom: ToolSpec = {
      name: 'boom',
      description: 'x',
      params: { type: 'object', properties: {} },
      effect: 'command',
      async execute(_a, ctx) {
        const d = await ctx.approve({ kind: 'mcp', tool: 'boom', summary: 'boom' });
        if (d === 'deny') return { forModel: 'denied', meta: { tokens: 1, truncated: false }, error: { type: 'denied', message: 'denied' } };
        throw new Error('kaput');
      },
    };
    const h = await harness(tmp(), { extraTools: [boom], approval: { mode: 'read-only' }, approve: async () => (asked++, 'allow') });
    expect((await h.call('boom', {})).error?.type).toBe('denied');
    expect(asked).toBe(0);
    const t = await harness(tmp(), { extraTools: [boom] });
    const r = await t.call('boom', {});
    expect(r.error).toEqual({ type: 'failed', message: 'boom failed: kaput' });
  });

  it('an aborted signal stops a tool before it runs', async () => {
    const h = await harness(tmp({ 'a.txt': 'x\n' }));
    const ac = new AbortController();
    ac.abort();
    expect((await h.call('read', { path: 'a.txt' }, ac.signal)).error?.type).toBe('aborted');
  });
});

describe('write and symbols', () => {
  it('write creates parents, overwrites explicitly, and is atomic (no temp files left)', async () => {
    const root = tmp({ 'old.txt': 'a\nb\n' });
    const h = await harness(root);
    const c = await h.call('write', { path: 'src/new/x.ts', content: 'export const x = 1;\n' });
    expect(c.forModel).toBe('created src/new/x.ts: 1 lines');
    expect(c.meta.changedFiles).toEqual(['src/new/x.ts']);
    const o = await h.call('write', { path: 'old.txt', content: 'c\n' });
    expect(o.forModel).toBe('overwrote old.txt: 1 lines (was 2 lines)');
    expect(get(root, 'old.txt')).toBe('c\n');
    const list = await h.call('read', { path: 'src' });
    expect(list.forModel).not.toMatch(/\.tmp/);
    expect(existsSync(join(root, 'src/new/x.ts'))).toBe(true);
  });

  it('symbols outlines a file and finds by name, with or without an index', async () => {
    const root = tmp({ 'src/a.ts': 'export class Parser {\n  parseArgs(x: string) {\n    return x;\n  }\n}\n\nexport function parseAll() {\n  return 1;\n}\n', 'src/b.py': 'def parse_args():\n    pass\n' });
    const h = await harness(root);
    const o = await h.call('symbols', { path: 'src/a.ts' });
    expect(o.forModel).toBe('src/a.ts: 3 definitions\n1-5 class Parser\n2-4 method Parser.parseArgs\n7-9 function parseAll');
    const q = await h.call('symbols', { query: 'parseargs' });
    expect(q.forModel.split('\n')).toEqual(['src/a.ts:2-4 method Parser.parseArgs']);
    const index = { find: async () => [{ name: 'Z', kind: 'class', path: 'z.ts', startLine: 1, endLine: 9, signature: 'class Z' }] } as unknown as SymbolIndex;
    const withIndex = await harness(root, { index });
    expect((await withIndex.call('symbols', { query: 'Z' })).forModel).toBe('z.ts:1-9 class Z');
    expect((await h.call('symbols', {})).error?.type).toBe('bad_args');
  });

  it('ToolDef is the factory contract', () => {
    const def: ToolDef<{ a: string }> = { name: 'n', description: 'd', params: {}, effect: 'read', example: '{}', run: async () => ({ text: numbered(1) }) };
    expect(def.name).toBe('n');
  });
});
