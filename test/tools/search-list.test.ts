import { describe, it, expect } from 'vitest';
import { anchor, harness, tmp } from './helpers.js';

describe('search', () => {
  it('groups anchored matches by file, respects .gitignore, skips node_modules, .pith and binaries', async () => {
    const a = 'const target = 1;\nother\nuse(target);\n';
    const root = tmp({
      'src/a.ts': a,
      'src/b.ts': 'no match here\n',
      'lib/c.js': 'Target is capitalised\n',
      'node_modules/pkg/index.js': 'target\n',
      '.pith/snapshots/blobs/ab12': 'const target = 1;\n',
      'dist/out.js': 'target\n',
      '.gitignore': 'dist/\n*.log\n',
      'debug.log': 'target\n',
      'img.bin': Buffer.concat([Buffer.from('target'), Buffer.from([0, 1, 2])]),
    });
    const h = await harness(root);
    const r = await h.call('search', { pattern: 'target' });
    expect(r.forModel).toBe(['3 matches in 2 files', 'lib/c.js', '1:' + anchor('Target is capitalised\n', 1).split(':')[1] + '|Target is capitalised', 'src/a.ts', `${anchor(a, 1)}|const target = 1;`, `${anchor(a, 3)}|use(target);`].join('\n'));
    // The places it shows, as data for callers (the engine's pre-loading).
    expect(r.meta.hits).toEqual([{ path: 'lib/c.js', line: 1, text: 'Target is capitalised' }, { path: 'src/a.ts', line: 1, text: 'const target = 1;' }, { path: 'src/a.ts', line: 3, text: 'use(target);' }]);
    expect(r.meta.matches).toBe(3);
    const exact = await h.call('search', { pattern: 'Target' });
    expect(exact.forModel.split('\n')[0]).toBe('1 match in 1 file');
    const rx = await h.call('search', { pattern: 'use\\(\\w+\\)', regex: true, path: 'src' });
    expect(rx.forModel).toContain('src/a.ts\n3:');
    expect((await h.call('search', { pattern: '(', regex: true })).error?.type).toBe('bad_args');
    expect((await h.call('search', { pattern: 'zzz' })).forModel).toMatch(/^no matches for "zzz"/);
  });

  it('caps per file and overall, and counts what it left out', async () => {
    const files: Record<string, string> = {};
    for (let f = 1; f <= 12; f++) files[`f${String(f).padStart(2, '0')}.txt`] = Array.from({ length: 10 }, (_, i) => `hit ${i}`).join('\n') + '\n';
    const root = tmp(files);
    const h = await harness(root, { limits: { searchMaxMatches: 20, searchMaxPerFile: 8 } });
    const r = await h.call('search', { pattern: 'hit' });
    const rows = r.forModel.split('\n');
    expect(rows[0]).toBe('120 matches in 12 files');
    expect(rows).toContain('[+2 more in this file: search with path "f01.txt"]');
    expect(rows.filter((l) => /^\d+:[a-z]{2}\|hit/.test(l)).length).toBe(20);
    expect(rows[rows.length - 1]).toBe('[+90 more matches in 9 more files: narrow with path or a longer pattern]');
    expect(r.meta.truncated).toBe(true);
  });
});

describe('read on a directory', () => {
  it('prints a depth-limited tree with line counts, .gitignore respected', async () => {
    const root = tmp({ 'src/a.ts': 'a\nb\n', 'src/deep/x/y.ts': 'y\n', 'README.md': '# hi\n', '.gitignore': 'build/\n', 'build/out.js': 'x\n', 'pic.bin': Buffer.from([0, 1]) });
    const h = await harness(root);
    const r = await h.call('read', { path: '.' });
    expect(r.forModel).toBe(['./ (depth 2; files show line counts)', 'src/', '  deep/ (1 entries)', '  a.ts 2', '.gitignore 1', 'README.md 1', 'pic.bin bin'].join('\n'));
    const deep = await h.call('read', { path: 'src' });
    expect(deep.forModel).toContain('src/ (depth 2; files show line counts)\ndeep/\n  x/ (1 entries)\na.ts 2');
  });
});
