import { describe, it, expect } from 'vitest';
import { rmSync, existsSync, utimesSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createSymbolIndex } from '../../src/index/index.js';
import { createIndexCache } from '../../src/index/cache.js';
import { readForIndex, parseText, decode, withExtracted, withPacked, type FileEntry } from '../../src/index/entry.js';
import { packExtracted } from '../../src/index/pack.js';
import { tempProject, writeFiles } from './helpers.js';

const FILES = {
  'src/a.ts': 'export function alpha(): number {\n  return beta();\n}\n',
  'src/b.ts': 'export function beta(): number {\n  return 1;\n}\n',
  'lib/c.py': 'def gamma():\n    return 3\n',
};

describe('on-disk cache', () => {
  it('a warm start re-parses nothing and still answers queries', async () => {
    const root = tempProject(FILES);
    const cold = createSymbolIndex({ root });
    const s1 = await cold.build();
    expect(cold.parseCount).toBe(3);
    expect(s1).toMatchObject({ files: 3, symbols: 3, languages: { typescript: 2, python: 1 } });
    expect(existsSync(join(root, '.pith/index/meta.json'))).toBe(true);

    const warm = createSymbolIndex({ root });
    const s2 = await warm.build();
    expect(s2).toMatchObject({ files: 3, symbols: 3, parsed: 0 });
    expect((await warm.find('gamma'))[0]).toMatchObject({ name: 'gamma', path: 'lib/c.py', startLine: 1, endLine: 2 });
    expect(await warm.references('beta')).toEqual([{ path: 'src/a.ts', line: 2 }]);
    expect(warm.parseCount).toBe(0);
  });

  it('re-parses only a changed file and drops a deleted one', async () => {
    const root = tempProject(FILES);
    await createSymbolIndex({ root }).build();
    writeFiles(root, { 'src/b.ts': 'export function betaTwo(): number {\n  return 2;\n}\n' });
    rmSync(join(root, 'lib/c.py'));

    const next = createSymbolIndex({ root });
    const s = await next.build();
    expect(next.parseCount).toBe(1);
    expect(s).toMatchObject({ files: 2, symbols: 2 });
    expect(await next.find('gamma')).toEqual([]);
    expect((await next.outline('src/b.ts'))!.map((d) => d.name)).toEqual(['betaTwo']);
    expect(next.files()).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('a touched file with the same content is re-hashed, not re-parsed', async () => {
    const root = tempProject(FILES);
    await createSymbolIndex({ root }).build();
    utimesSync(join(root, 'src/a.ts'), new Date(), new Date(Date.now() + 5000));
    const next = createSymbolIndex({ root });
    await next.build();
    expect(next.parseCount).toBe(0);
  });

  it('update() re-indexes at once and the journal carries it to the next start', async () => {
    const root = tempProject(FILES);
    const index = createSymbolIndex({ root });
    await index.build();
    writeFiles(root, { 'src/a.ts': 'export function alphaRenamed(): number {\n  return 0;\n}\n', 'src/new.ts': 'export class Fresh {}\n' });
    rmSync(join(root, 'src/b.ts'));
    await index.update([join(root, 'src/a.ts'), 'src/new.ts', './src/b.ts']);
    expect(index.parseCount).toBe(5);
    expect((await index.find('alphaRenamed'))[0].path).toBe('src/a.ts');
    expect((await index.find('Fresh'))[0].kind).toBe('class');
    expect(await index.outline('src/b.ts')).toEqual([]);
    expect(readFileSync(join(root, '.pith/index/journal.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(4);

    const next = createSymbolIndex({ root });
    await next.build();
    expect(next.parseCount).toBe(0);
    expect((await next.find('Fresh'))[0].path).toBe('src/new.ts');
    expect(await next.find('beta', 5)).toEqual([]);
  });

  it('outline() notices a file edited behind its back', async () => {
    const root = tempProject(FILES);
    const index = createSymbolIndex({ root, cacheDir: null });
    await index.build();
    writeFiles(root, { 'src/b.ts': 'export const BETA = 1;\nexport function beta2() {}\n' });
    utimesSync(join(root, 'src/b.ts'), new Date(), new Date(Date.now() + 5000));
    expect((await index.outline('src/b.ts'))!.map((d) => d.name)).toEqual(['BETA', 'beta2']);
  });

  it('skips huge and minified files and counts them', async () => {
    const root = tempProject({
      ...FILES,
      'big.js': 'var x = 1;\n'.repeat(120_000),
      'min.js': 'function a(){' + 'var b=1;'.repeat(400) + '}\n',
    });
    const index = createSymbolIndex({ root, cacheDir: null });
    const s = await index.build();
    expect(s).toMatchObject({ files: 3, skipped: 2, skippedBy: { huge: 1, minified: 1 } });
    expect(await index.outline('min.js')).toEqual([]);
  });

  it('measures line length in characters, not bytes', async () => {
    const root = tempProject({
      'wide.js': `const s = "${'é'.repeat(1500)}";\nfunction wide() {}\n`,
      'long.js': `const s = "${'e'.repeat(2100)}";\nfunction long() {}\n`,
      'astral.js': `const s = "${'😀'.repeat(1000)}";\nfunction astral() {}\n`,
    });
    const index = createSymbolIndex({ root, cacheDir: null });
    expect(await index.build()).toMatchObject({ files: 1, skippedBy: { minified: 2 }, lines: 2 });
    expect(index.files()).toEqual(['wide.js']);
  });

  it('honours .gitignore in a git work tree; includeIgnored walks everything', async () => {
    const root = tempProject({ ...FILES, '.gitignore': 'generated/\n', 'generated/g.ts': 'export function hidden() {}\n', 'node_modules/m/i.js': 'function dep() {}\n' });
    execFileSync('git', ['init', '-q'], { cwd: root });
    const index = createSymbolIndex({ root, cacheDir: null });
    await index.build();
    expect(index.files()).toEqual(['lib/c.py', 'node_modules/m/i.js', 'src/a.ts', 'src/b.ts']);
    const all = createSymbolIndex({ root, cacheDir: null, includeIgnored: true });
    await all.build();
    expect(all.files()).toContain('generated/g.ts');
  });

  it('outside git the walker skips node_modules, dist and .git', async () => {
    const root = tempProject({ ...FILES, 'node_modules/m/i.js': 'function dep() {}\n', 'dist/out.js': 'function built() {}\n' });
    const index = createSymbolIndex({ root, cacheDir: null });
    await index.build();
    expect(index.files()).toEqual(['lib/c.py', 'src/a.ts', 'src/b.ts']);
  });

  it('a snapshot saved from packed worker replies reads back like one saved from objects', async () => {
    const root = tempProject({ ...FILES, 'src/q.ts': 'export const S = "x\\"y";\nexport class Q { run() { alpha(); } }\n' });
    const paths = ['lib/c.py', 'src/a.ts', 'src/b.ts', 'src/q.ts'];
    const entries = async (packed: boolean): Promise<FileEntry[]> => Promise.all(paths.map(async (p) => {
      const r = await readForIndex(root, p);
      if (r.kind !== 'parse') throw new Error(`unexpected ${r.kind}`);
      const ex = await parseText(r.entry.lang, decode(r.bytes));
      return packed ? withPacked(r.entry, packExtracted(ex)) : withExtracted(r.entry, ex);
    }));
    const fromObjects = await entries(false);
    const fromPacked = await entries(true);
    expect(fromPacked).toEqual(fromObjects);
    const read = async (list: FileEntry[], dir: string) => {
      const cache = createIndexCache(join(root, dir));
      await cache.save(list);
      return [await cache.load(), await cache.loadData(), readFileSync(join(root, dir, 'data.json'), 'utf8')] as const;
    };
    const [metaA, dataA, fileA] = await read(fromObjects, 'objects');
    const [metaB, dataB, fileB] = await read(fromPacked, 'packed');
    expect(fileB).toBe(fileA);
    expect(metaB).toEqual(metaA);
    expect(dataB).toEqual(dataA);
    expect(dataB.get('src/a.ts')!.defs[0]).toMatchObject({ name: 'alpha', path: 'src/a.ts' });
    expect(dataB.get('src/q.ts')!.defs[0]).toMatchObject({ name: 'S', signature: 'export const S = "x\\"y";' });
    // Saved once, the packed text is let go: a second save packs the objects again, identically.
    await createIndexCache(join(root, 'packed')).save(fromPacked);
    expect(readFileSync(join(root, 'packed', 'data.json'), 'utf8')).toBe(fileA);
  });
});
