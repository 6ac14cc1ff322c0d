import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SymbolIndex } from '../../src/index/types.js';
import { anchor, harness, numbered, tmp } from './helpers.js';
import { symbolSpan } from '../../src/tools/read.js';

function bigTs(fns: number): string {
  const out: string[] = ['// big file', "import { x } from './x.js';", ''];
  for (let i = 1; i <= fns; i++) out.push(`export function fn${i}(a: number): number {`, `  const v = a + ${i};`, '  return v * 2;', '}', '');
  return out.join('\n');
}

describe('read', () => {
  it('shows a small file whole: header, then anchored rows', async () => {
    const text = 'alpha\nbeta\ngamma\n';
    const root = tmp({ 'a.txt': text });
    const h = await harness(root);
    const r = await h.call('read', { path: 'a.txt' });
    expect(r.forModel).toBe(`a.txt lines 1-3 of 3\n${anchor(text, 1)}|alpha\n${anchor(text, 2)}|beta\n${anchor(text, 3)}|gamma`);
    expect(r.meta.truncated).toBe(false);
  });

  it('line and off modes', async () => {
    const root = tmp({ 'a.txt': 'alpha\nbeta\n' });
    expect((await (await harness(root, { anchors: 'line' })).call('read', { path: 'a.txt' })).forModel).toBe('a.txt lines 1-2 of 2\n1|alpha\n2|beta');
    expect((await (await harness(root, { anchors: 'off' })).call('read', { path: 'a.txt' })).forModel).toBe('a.txt lines 1-2 of 2\nalpha\nbeta');
  });

  it('shows a large file as outline + head, with how to get the rest', async () => {
    const text = bigTs(60);
    const root = tmp({ 'big.ts': text });
    const h = await harness(root);
    const r = await h.call('read', { path: 'big.ts' });
    const total = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    expect(total).toBeGreaterThan(150);
    expect(r.forModel.split('\n')[0]).toBe(`big.ts lines 1-40 of ${total}; outline first`);
    expect(r.forModel).toContain('4-7 function fn1');
    expect(r.forModel).toContain('299-302 function fn60');
    expect(r.forModel).toContain(`${anchor(text, 40)}|`);
    expect(r.forModel).not.toContain(`${anchor(text, 41)}|`);
    expect(r.forModel).toContain('[lines 41-');
    expect(r.forModel).toContain('"lines":"41-190"');
    expect(r.meta.truncated).toBe(true);
  });

  it('shows a file of few but long lines as outline + head too (150 lines can be 3,000 tokens)', async () => {
    const long = (i: number) => `export const row${i} = ${JSON.stringify('x'.repeat(90))};`;
    const text = Array.from({ length: 100 }, (_, i) => long(i + 1)).join('\n') + '\n';
    const h = await harness(tmp({ 'wide.ts': text, 'narrow.ts': numbered(100) }));
    const r = await h.call('read', { path: 'wide.ts' });
    expect(r.forModel.split('\n')[0]).toBe('wide.ts lines 1-40 of 100; outline first');
    expect(r.forModel).toContain('[lines 41-');
    expect((await h.call('read', { path: 'narrow.ts' })).forModel.split('\n')[0]).toBe('narrow.ts lines 1-100 of 100');
  });

  it('uses the injected index outline when it has one', async () => {
    const text = bigTs(40);
    const root = tmp({ 'big.ts': text });
    const index = {
      outline: async () => [{ name: 'Special', kind: 'class', path: 'big.ts', startLine: 10, endLine: 20, signature: 'class Special' }],
    } as unknown as SymbolIndex;
    const h = await harness(root, { index });
    const r = await h.call('read', { path: 'big.ts' });
    expect(r.forModel).toContain('10-20 class Special');
    expect(r.forModel).not.toContain('4-7 function fn1');
  });

  it('reads a range, capped at 150 lines with the next range named', async () => {
    const text = numbered(400);
    const root = tmp({ 'n.txt': text });
    const h = await harness(root);
    const small = await h.call('read', { path: 'n.txt', lines: '10-12' });
    expect(small.forModel).toBe(`n.txt lines 10-12 of 400\n${anchor(text, 10)}|line 10\n${anchor(text, 11)}|line 11\n${anchor(text, 12)}|line 12`);
    const big = await h.call('read', { path: 'n.txt', lines: '100-390' });
    const rows = big.forModel.split('\n');
    expect(rows[0]).toBe('n.txt lines 100-249 of 400');
    expect(rows.length).toBe(1 + 150 + 1);
    expect(rows[rows.length - 1]).toBe('[lines 250-390 not shown: read {"path":"n.txt","lines":"250-390"}]');
    expect((await h.call('read', { path: 'n.txt', lines: '500-510' })).error?.type).toBe('bad_args');
  });

  it('returns a symbol whole with its range', async () => {
    const text = bigTs(60);
    const root = tmp({ 'big.ts': text });
    const h = await harness(root);
    const r = await h.call('read', { path: 'big.ts', symbol: 'fn30' });
    expect(r.forModel.split('\n')).toEqual([
      // four lines: one neighbour comes along, so the definition is seen in place
      `big.ts lines 148-152 of ${text.split('\n').length - 1}`,
      `${anchor(text, 148)}|`,
      `${anchor(text, 149)}|export function fn30(a: number): number {`,
      `${anchor(text, 150)}|  const v = a + 30;`,
      `${anchor(text, 151)}|  return v * 2;`,
      `${anchor(text, 152)}|}`,
    ]);
    const miss = await h.call('read', { path: 'big.ts', symbol: 'nope' });
    expect(miss.error?.type).toBe('not_found');
    expect(miss.forModel).toContain('fn1, fn2');
  });

  it('answers a symbol read of a name the file only uses with the lines around its first uses', async () => {
    const text = ['import { formatMoney } from "./money.js";', ...Array.from({ length: 20 }, (_, i) => `// line ${i + 2}`), 'export function total(x: number) {', '  return formatMoney(x) + formatMoney(0);', '}', '', 'const y = formatMoneyWide(1);', ''].join('\n');
    const root = tmp({ 'a.ts': text });
    const h = await harness(root);
    const r = await h.call('read', { path: 'a.ts', symbol: 'formatMoney' });
    expect(r.error).toBeUndefined();
    const rows = r.forModel.split('\n');
    // formatMoneyWide (line 26) is another name: not a use.
    expect(rows[0]).toBe('a.ts defines no formatMoney; it is used on lines 1, 23:');
    expect(rows[1]).toBe('a.ts lines 1-3 of 26');
    expect(rows[2]).toBe(`${anchor(text, 1)}|import { formatMoney } from "./money.js";`);
    expect(rows[5]).toBe('a.ts lines 21-25 of 26');
    expect(rows).toContain(`${anchor(text, 23)}|  return formatMoney(x) + formatMoney(0);`);
    expect(rows).toHaveLength(11);
    // Those lines count as shown: a repeat of the range is one line.
    expect((await h.call('read', { path: 'a.ts', lines: '21-25' })).forModel).toContain('unchanged since you read it');
  });

  it('answers a repeat of an unchanged range in one line, in full again after a change or forgetShown', async () => {
    const text = numbered(20);
    const root = tmp({ 'n.txt': text });
    const h = await harness(root);
    const first = await h.call('read', { path: 'n.txt', lines: '1-10' });
    const again = await h.call('read', { path: 'n.txt', lines: '3-8' });
    expect(again.forModel).toBe('n.txt lines 3-8 of 20: unchanged since you read it; it is still above');
    expect(again.meta.cached).toBe(true);
    expect(again.meta.tokens).toBeLessThan(first.meta.tokens / 3);
    h.ts.forgetShown('n.txt');
    expect((await h.call('read', { path: 'n.txt', lines: '3-8' })).forModel).toContain('|line 3');
    writeFileSync(join(root, 'n.txt'), text.replace('line 5', 'line five'));
    expect((await h.call('read', { path: 'n.txt', lines: '3-8' })).forModel).toContain('|line five');
    h.ts.forgetShown();
    expect((await h.call('read', { path: 'n.txt', lines: '3-8' })).forModel).toContain('|line five');
  });

  it('reports missing, binary and empty files plainly', async () => {
    const root = tmp({ 'e.txt': '', 'b.bin': Buffer.from([1, 0, 2]) });
    const h = await harness(root);
    expect((await h.call('read', { path: 'nope.ts' })).error?.type).toBe('not_found');
    expect((await h.call('read', { path: 'b.bin' })).error?.type).toBe('binary');
    expect((await h.call('read', { path: 'e.txt' })).forModel).toBe('e.txt: empty file (0 lines)');
  });
});

describe('symbolSpan', () => {
  it('takes the attributes above a definition, and gives a tiny one its neighbours', () => {
    const lines = ['use x;', '', '/// Docs.', '#[test]', 'fn a() {', '    x();', '}', '', 'fn b() {}', 'fn c() {}', ''];
    expect(symbolSpan(lines, 5, 7)).toEqual({ start: 3, end: 7 });
    expect(symbolSpan(lines, 9, 9)).toEqual({ start: 7, end: 11 });
    expect(symbolSpan(lines, 1, 1)).toEqual({ start: 1, end: 5 });
    const long = ['fn big() {', ...Array.from({ length: 10 }, () => '  x();'), '}'];
    expect(symbolSpan(long, 1, 12)).toEqual({ start: 1, end: 12 });
  });
});
