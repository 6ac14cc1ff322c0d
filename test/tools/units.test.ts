import { describe, it, expect } from 'vitest';
import { isIgnored, parseGitignore } from '../../src/tools/gitignore.js';
import { fallbackOutline, initAnchors, parseAnchor, shapeOutput, stripAnchorPrefixes } from '../../src/tools/index.js';
import { parseDoc, docText, spliceDoc } from '../../src/tools/text-doc.js';
import { anchor, get, harness, numbered, tmp } from './helpers.js';

describe('gitignore matcher', () => {
  const rules = [...parseGitignore('# c\n*.log\n!keep.log\n/build\ndocs/*.tmp\ncache/\n**/gen/**\n', ''), ...parseGitignore('local.txt\n', 'pkg')];
  it.each([
    ['a.log', false, true],
    ['deep/x/a.log', false, true],
    ['keep.log', false, false],
    ['build', true, true],
    ['src/build', true, false],
    ['docs/a.tmp', false, true],
    ['docs/sub/a.tmp', false, false],
    ['cache', true, true],
    ['cache', false, false],
    ['src/gen/x.ts', false, true],
    ['pkg/local.txt', false, true],
    ['local.txt', false, false],
    ['src/main.ts', false, false],
  ])('%s (dir %s) ignored: %s', (rel, dir, want) => {
    expect(isIgnored(rules, rel, dir)).toBe(want);
  });
});

describe('small contracts', () => {
  it('parses anchors leniently and rejects junk', () => {
    expect(parseAnchor('12:ab')).toEqual({ line: 12, hash: 'ab' });
    expect(parseAnchor(' 7 ')).toEqual({ line: 7 });
    expect(parseAnchor('12:ab|const x = 1;')).toEqual({ line: 12, hash: 'ab' });
    for (const bad of ['', 'ab', '12:AB', '12:abc', '-1', '1.5']) expect(parseAnchor(bad)).toBeNull();
  });

  it('strips echoed anchors; a whole-file write keeps a document that quotes the format', () => {
    expect(stripAnchorPrefixes('3:ab|x\nnew')).toBe('x\nnew');
    expect(stripAnchorPrefixes('3|x\n4|y')).toBe('x\ny');
    expect(stripAnchorPrefixes('3|x\nplain')).toBe('3|x\nplain');
    expect(stripAnchorPrefixes('Rows look like:\n12:ab|text', 'all')).toBe('Rows look like:\n12:ab|text');
  });

  it('text docs round-trip byte for byte, mixed terminators included', () => {
    for (const t of ['', 'a', 'a\n', 'a\r\nb\nc', '\n\n', 'x\r\n\r\n', '\ufeffbom\n']) expect(docText(parseDoc(t))).toBe(t);
    expect(docText(spliceDoc(parseDoc('a\nb'), 2, 0, ['c']))).toBe('a\nb\nc');
    expect(docText(spliceDoc(parseDoc(''), 0, 0, ['x']))).toBe('x\n');
  });

  it('shapes long output: head, error lines from the middle, tail, gaps counted', () => {
    const text = Array.from({ length: 100 }, (_, i) => (i === 50 ? 'FATAL: disk' : `l${i}`)).join('\n');
    const s = shapeOutput(text, { headLines: 2, tailLines: 2, errorLines: 5, lineMaxChars: 100 });
    expect(s.text).toBe('l0\nl1\n[... 48 lines cut ...]\nFATAL: disk\n[... 47 lines cut ...]\nl98\nl99');
    expect(s.cutLines).toBe(95);
  });

  it('fallback outline: top level and members, not deeper', async () => {
    await initAnchors();
    const src = 'export class A {\n  run() {\n    const o = {\n      start() {\n      },\n    };\n  }\n}\nfunction b() {}\n';
    expect(fallbackOutline('a.ts', src.split('\n')).map((d) => `${d.startLine}-${d.endLine} ${d.container ?? ''}.${d.name}`)).toEqual(['1-8 .A', '2-7 A.run', '9-9 .b']);
  });
});

describe('edit edge cases', () => {
  it('refuses overlapping ops and after+to, file untouched', async () => {
    const text = numbered(10);
    const root = tmp({ 'a.txt': text });
    const h = await harness(root);
    const o = await h.call('edit', { path: 'a.txt', edits: [{ from: anchor(text, 2), to: anchor(text, 5), text: 'x' }, { from: anchor(text, 4), text: 'y' }] });
    expect(o.error?.type).toBe('bad_args');
    expect(o.forModel).toContain('overlap');
    const i = await h.call('edit', { path: 'a.txt', edits: [{ from: anchor(text, 2), to: anchor(text, 5), text: 'x' }, { after: anchor(text, 3), text: 'y' }] });
    expect(i.error?.type).toBe('bad_args');
    const t = await h.call('edit', { path: 'a.txt', edits: [{ after: anchor(text, 2), to: anchor(text, 3), text: 'y' }] });
    expect(t.forModel).toContain('has after and to');
    expect(get(root, 'a.txt')).toBe(text);
  });

  it('inserting after the last line of a replaced block keeps both in order', async () => {
    const text = numbered(4);
    const root = tmp({ 'a.txt': text });
    const h = await harness(root);
    const r = await h.call('edit', { path: 'a.txt', edits: [{ after: anchor(text, 3), text: 'after3' }, { from: anchor(text, 2), to: anchor(text, 3), text: 'X' }, { after: anchor(text, 1), text: 'after1' }] });
    expect(r.error).toBeUndefined();
    expect(get(root, 'a.txt')).toBe('line 1\nafter1\nX\nafter3\nline 4\n');
  });

  it('off mode: old/new only, schema without edits, no anchor stripping', async () => {
    const root = tmp({ 'doc.md': 'Rows:\nTODO\n' });
    const h = await harness(root, { anchors: 'off' });
    expect(Object.keys((h.ts.get('edit')!.params as { properties: object }).properties)).toEqual(['path', 'old', 'new']);
    const r = await h.call('edit', { path: 'doc.md', old: 'TODO', new: '12:ab|text' });
    expect(r.error).toBeUndefined();
    expect(get(root, 'doc.md')).toBe('Rows:\n12:ab|text\n');
    expect(r.forModel).toBe('edited doc.md: 1 op, now 2 lines\n12:ab|text');
  });
});
