import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { anchor, get, harness, numbered, tmp } from './helpers.js';

describe('edit with anchors', () => {
  it('replaces a range, and echoes only the changed lines with fresh anchors', async () => {
    const text = numbered(10);
    const root = tmp({ 'a.txt': text });
    const h = await harness(root);
    const r = await h.call('edit', { path: 'a.txt', edits: [{ from: anchor(text, 3), to: anchor(text, 5), text: 'three\nfour' }] });
    expect(r.error).toBeUndefined();
    expect(get(root, 'a.txt')).toBe('line 1\nline 2\nthree\nfour\nline 6\nline 7\nline 8\nline 9\nline 10\n');
    const after = get(root, 'a.txt');
    expect(r.forModel.split('\n').slice(1)).toEqual([`${anchor(after, 3)}|three`, `${anchor(after, 4)}|four`]);
    expect(r.meta.changedFiles).toEqual(['a.txt']);
    expect(r.meta.tokens).toBeGreaterThan(5);
  });

  it('inserts below a line, at the top with after "0", and deletes with empty text', async () => {
    const text = numbered(4);
    const root = tmp({ 'a.txt': text });
    const h = await harness(root);
    expect((await h.call('edit', { path: 'a.txt', edits: [{ after: anchor(text, 2), text: 'new' }] })).error).toBeUndefined();
    expect(get(root, 'a.txt')).toBe('line 1\nline 2\nnew\nline 3\nline 4\n');
    expect((await h.call('edit', { path: 'a.txt', edits: [{ after: '0', text: 'top' }] })).error).toBeUndefined();
    expect(get(root, 'a.txt')).toBe('top\nline 1\nline 2\nnew\nline 3\nline 4\n');
    const cur = get(root, 'a.txt');
    const del = await h.call('edit', { path: 'a.txt', edits: [{ from: anchor(cur, 4), text: '' }] });
    expect(del.error).toBeUndefined();
    expect(get(root, 'a.txt')).toBe('top\nline 1\nline 2\nline 3\nline 4\n');
    // A deletion echoes its two neighbours so the model has fresh anchors there.
    expect(del.forModel).toContain('|line 2');
    expect(del.forModel).toContain('|line 3');
  });

  it('applies several ops in one call, all in the coordinates the model saw', async () => {
    const text = numbered(8);
    const root = tmp({ 'a.txt': text });
    const h = await harness(root);
    const r = await h.call('edit', {
      path: 'a.txt',
      edits: [
        { from: anchor(text, 2), text: 'TWO\nTWO-B' },
        { after: anchor(text, 4), text: 'after four' },
        { from: anchor(text, 6), to: anchor(text, 7), text: '' },
        { after: '0', text: 'head' },
      ],
    });
    expect(r.error).toBeUndefined();
    expect(get(root, 'a.txt')).toBe('head\nline 1\nTWO\nTWO-B\nline 3\nline 4\nafter four\nline 5\nline 8\n');
  });

  it('refuses a stale anchor after the file changed on disk: file untouched, fresh excerpt returned', async () => {
    const text = numbered(10);
    const root = tmp({ 'a.txt': text });
    const h = await harness(root);
    const old = anchor(text, 5);
    const changed = text.replace('line 5\n', 'line five (changed by someone else)\n');
    writeFileSync(join(root, 'a.txt'), changed);
    const r = await h.call('edit', { path: 'a.txt', edits: [{ from: anchor(text, 2), text: 'x' }, { from: old, text: 'mine' }] });
    expect(r.error?.type).toBe('stale');
    expect(get(root, 'a.txt')).toBe(changed);
    expect(r.forModel).toContain(`${anchor(changed, 5)}|line five (changed by someone else)`);
    expect(r.forModel).toContain('a.txt lines 2-8 of 10');
    // The fresh anchor from the excerpt works.
    const ok = await h.call('edit', { path: 'a.txt', edits: [{ from: anchor(changed, 5), text: 'mine' }] });
    expect(ok.error).toBeUndefined();
    expect(get(root, 'a.txt')).toContain('line 4\nmine\nline 6');
  });

  it('relocates an anchor that only shifted because of an earlier edit of ours', async () => {
    const text = numbered(30);
    const root = tmp({ 'a.txt': text });
    const h = await harness(root);
    await h.call('edit', { path: 'a.txt', edits: [{ after: anchor(text, 3), text: 'a\nb\nc' }] });
    await h.call('edit', { path: 'a.txt', edits: [{ from: anchor(text, 1), text: 'first' }] });
    // Anchor of line 20 from the original read: it is line 23 now.
    const r = await h.call('edit', { path: 'a.txt', edits: [{ from: anchor(text, 20), text: 'twenty' }] });
    expect(r.error).toBeUndefined();
    expect(r.forModel).toContain('relocated');
    const lines = get(root, 'a.txt').split('\n');
    expect(lines[22]).toBe('twenty');
    expect(lines).toContain('line 19');
    expect(lines).toContain('line 21');
  });

  it('does not relocate when the shift came from outside (someone else inserted lines)', async () => {
    const text = numbered(30);
    const root = tmp({ 'a.txt': text });
    const h = await harness(root);
    writeFileSync(join(root, 'a.txt'), 'inserted\n' + text);
    const r = await h.call('edit', { path: 'a.txt', edits: [{ from: anchor(text, 20), text: 'twenty' }] });
    expect(r.error?.type).toBe('stale');
    expect(get(root, 'a.txt')).toBe('inserted\n' + text);
  });

  it('strips anchor prefixes the model echoed back into the new text', async () => {
    const text = 'const a = 1;\nconst b = 2;\n';
    const root = tmp({ 'a.ts': text });
    const h = await harness(root);
    const r = await h.call('edit', { path: 'a.ts', edits: [{ from: anchor(text, 2), text: `${anchor(text, 2)}|const b = 3;\n3:zz|const c = 4;` }] });
    expect(r.error).toBeUndefined();
    expect(get(root, 'a.ts')).toBe('const a = 1;\nconst b = 3;\nconst c = 4;\n');
  });

  it('keeps CRLF files CRLF and a missing final newline missing', async () => {
    const crlf = 'one\r\ntwo\r\nthree\r\n';
    const bare = 'one\ntwo\nthree';
    const root = tmp({ 'crlf.txt': crlf, 'bare.txt': bare });
    const h = await harness(root);
    await h.call('edit', { path: 'crlf.txt', edits: [{ from: anchor(crlf, 2), text: 'TWO\nTWO-B' }, { after: anchor(crlf, 3), text: 'four' }] });
    expect(get(root, 'crlf.txt')).toBe('one\r\nTWO\r\nTWO-B\r\nthree\r\nfour\r\n');
    await h.call('edit', { path: 'bare.txt', edits: [{ after: anchor(bare, 3), text: 'four' }] });
    expect(get(root, 'bare.txt')).toBe('one\ntwo\nthree\nfour');
    const cur = get(root, 'bare.txt');
    await h.call('edit', { path: 'bare.txt', edits: [{ from: anchor(cur, 4), text: '' }] });
    expect(get(root, 'bare.txt')).toBe('one\ntwo\nthree');
  });

  it('refuses binary and non-UTF-8 files without touching them', async () => {
    const bin = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x0a]);
    const latin1 = Buffer.from('caf\xe9\n', 'latin1');
    const root = tmp({ 'x.bin': bin, 'l1.txt': latin1 });
    const h = await harness(root);
    for (const p of ['x.bin', 'l1.txt']) {
      const r = await h.call('edit', { path: p, edits: [{ from: '1', text: 'x' }] });
      expect(r.error?.type).toBe('binary');
      expect((await h.call('edit', { path: p, old: 'caf', new: 'x' })).error?.type).toBe('binary');
    }
    expect(readFileSync(join(root, 'x.bin')).equals(bin)).toBe(true);
    expect(readFileSync(join(root, 'l1.txt')).equals(latin1)).toBe(true);
  });

  it('old/new: replaces a unique match, reports several matches and the closest region of a near miss', async () => {
    const text = 'function a() {\n  return 1;\n}\nfunction b() {\n  return 1;\n}\n';
    const root = tmp({ 'f.ts': text });
    const h = await harness(root);
    const many = await h.call('edit', { path: 'f.ts', old: 'return 1;', new: 'return 2;' });
    expect(many.error?.type).toBe('no_match');
    expect(many.forModel).toContain('lines 2, 5');
    const near = await h.call('edit', { path: 'f.ts', old: 'function b() {\n    return 1;\n}', new: 'x' });
    expect(near.error?.type).toBe('no_match');
    expect(near.forModel).toMatch(/closest region is lines 4-6/);
    expect(get(root, 'f.ts')).toBe(text);
    const ok = await h.call('edit', { path: 'f.ts', old: 'function b() {\n  return 1;', new: 'function b() {\n  return 2;' });
    expect(ok.error).toBeUndefined();
    expect(get(root, 'f.ts')).toBe(text.replace('b() {\n  return 1;', 'b() {\n  return 2;'));
  });

  it('line mode: bare numbers are checked against what was shown', async () => {
    const text = numbered(6);
    const root = tmp({ 'a.txt': text });
    const h = await harness(root, { anchors: 'line' });
    const unseen = await h.call('edit', { path: 'a.txt', edits: [{ from: '3', text: 'x' }] });
    expect(unseen.error?.type).toBe('stale');
    expect(unseen.forModel).toContain('3|line 3');
    const ok = await h.call('edit', { path: 'a.txt', edits: [{ from: '3', text: 'three' }] });
    expect(ok.error).toBeUndefined();
    expect(ok.forModel).toContain('3|three');
    writeFileSync(join(root, 'a.txt'), get(root, 'a.txt').replace('line 4', 'line FOUR'));
    const stale = await h.call('edit', { path: 'a.txt', edits: [{ from: '4', text: 'y' }] });
    expect(stale.error?.type).toBe('stale');
    expect(get(root, 'a.txt')).toContain('line FOUR');
  });

  it('gives a model-friendly bad_args for a malformed op', async () => {
    const root = tmp({ 'a.txt': 'x\n' });
    const h = await harness(root);
    const r = await h.call('edit', { path: 'a.txt', edits: [{ from: 'twelve', text: 'x' }] });
    expect(r.error?.type).toBe('bad_args');
    expect(r.forModel).toMatch(/edits\[0\]\.from: expected an anchor like "12:[a-z]{2}", got "twelve"/);
    const both = await h.call('edit', { path: 'a.txt', edits: [{ text: 'x' }] });
    expect(both.forModel).toContain('exactly one of from (replace) or after (insert)');
    expect(get(root, 'a.txt')).toBe('x\n');
  });
});
