import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePath } from '../../src/tools/index.js';
import { get, harness, tmp } from './helpers.js';

describe('path guard', () => {
  it('refuses ../ that climbs out and absolute paths outside the root', async () => {
    const outside = tmp({ 'secret.txt': 'secret\n' });
    const root = tmp({ 'a.txt': 'a\n' });
    const h = await harness(root);
    for (const p of ['../secret.txt', `../${outside.split('/').pop()}/secret.txt`, join(outside, 'secret.txt'), '/etc/passwd']) {
      const r = await h.call('read', { path: p });
      expect(r.error?.type, p).toBe('outside_root');
      expect(r.forModel).not.toContain('secret\n');
    }
    const w = await h.call('write', { path: '../evil.txt', content: 'x' });
    expect(w.error?.type).toBe('outside_root');
    // Inside is fine, also spelled absolute or with a harmless ..
    expect((await h.call('read', { path: join(root, 'a.txt') })).error).toBeUndefined();
    expect((await h.call('read', { path: 'sub/../a.txt' })).error).toBeUndefined();
  });

  it('refuses symlinks that escape, for reading and writing', async () => {
    const outside = tmp({ 'secret.txt': 'secret\n' });
    const root = tmp({ 'a.txt': 'a\n' });
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
    symlinkSync(outside, join(root, 'linkdir'));
    const h = await harness(root);
    expect((await h.call('read', { path: 'link.txt' })).error?.type).toBe('outside_root');
    expect((await h.call('edit', { path: 'link.txt', old: 'secret', new: 'pwned' })).error?.type).toBe('outside_root');
    expect((await h.call('write', { path: 'linkdir/new.txt', content: 'x' })).error?.type).toBe('outside_root');
    expect(get(outside, 'secret.txt')).toBe('secret\n');
    expect(existsSync(join(outside, 'new.txt'))).toBe(false);
  });

  it('follows a symlink that stays inside and writes the target, not the link', async () => {
    const root = tmp({ 'real.txt': 'one\n' });
    symlinkSync(join(root, 'real.txt'), join(root, 'alias.txt'));
    const h = await harness(root);
    const r = await h.call('edit', { path: 'alias.txt', old: 'one', new: 'two' });
    expect(r.error).toBeUndefined();
    expect(get(root, 'real.txt')).toBe('two\n');
  });

  it('never writes under .git/ but may read there', async () => {
    const root = tmp({ '.git/config': '[core]\n' });
    const h = await harness(root);
    for (const p of ['.git/config', '.git/hooks/pre-commit', 'sub/.git/x']) {
      const r = await h.call('write', { path: p, content: 'x' });
      expect(r.error?.type, p).toBe('denied');
      expect(r.forModel).toContain('.git/');
    }
    expect((await h.call('edit', { path: '.git/config', old: '[core]', new: 'x' })).error?.type).toBe('denied');
    expect(get(root, '.git/config')).toBe('[core]\n');
    expect((await h.call('read', { path: '.git/config' })).error).toBeUndefined();
  });

  it('resolves new paths under real ancestors and reports project-relative paths', async () => {
    const root = tmp();
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/x.ts'), '');
    const r = await resolvePath(root, 'src/deep/new.ts', 'write');
    expect(r).toEqual({ ok: true, abs: join(root, 'src/deep/new.ts'), rel: 'src/deep/new.ts' });
    expect((await resolvePath(root, '', 'read')).ok).toBe(false);
  });
});
