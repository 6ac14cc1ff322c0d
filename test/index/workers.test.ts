import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createParsePool, workerScript, BATCH } from '../../src/index/worker-pool.js';
import { refreshFiles } from '../../src/index/refresh.js';
import { parseText } from '../../src/index/entry.js';
import { packExtracted } from '../../src/index/pack.js';
import { SymbolTable } from '../../src/index/table.js';
import { tempProject } from './helpers.js';

const CRASHING = new URL('data:text/javascript,throw new Error("boom")');
const COMPILED = resolve('dist/src/index/worker.js');
const fixture = (name: string) => readFileSync(`test/fixtures/index/${name}`, 'utf8');

describe('parse workers', () => {
  it('are not used from the TS sources (nothing Node can load as a worker)', () => {
    expect(workerScript()).toBeNull();
  });

  it('a crashing worker rejects its jobs and the build parses them in-process', async () => {
    const pool = createParsePool(CRASHING, 2);
    await expect(pool.parse('typescript', Buffer.from('function f() {}'))).rejects.toThrow();
    const root = tempProject({ 'a.ts': 'export function one() {}\n', 'b.py': 'def two():\n    pass\n' });
    const table = new SymbolTable();
    let parsed = 0;
    await refreshFiles(['a.ts', 'b.py'], { root, table, pool, force: false, onParsed: () => { parsed += 1; } });
    await pool.close();
    expect(parsed).toBe(2);
    expect([...table.entries.values()].flatMap((e) => e.defs.map((d) => `${d.path}:${d.name}`)).sort()).toEqual(['a.ts:one', 'b.py:two']);
  });

  // Needs `npm run build`: the compiled worker must give exactly what in-process parsing gives.
  it.skipIf(!existsSync(COMPILED))('the compiled worker parses like the main thread, over many batches', async () => {
    const pool = createParsePool(pathToFileURL(COMPILED), 2, ['rust']);
    try {
      const jobs: Array<['rust' | 'python' | 'typescript', string]> = [];
      for (let i = 0; i < 5 * BATCH + 3; i++) {
        jobs.push(['rust', fixture('sample.rs')], ['python', fixture('sample.py')], ['typescript', `export function f${i}() {}\n`]);
      }
      // Small Buffers are views into Node's shared pool: each must still reach the worker intact.
      const got = await Promise.all(jobs.map(([lang, text]) => pool.parse(lang, Buffer.from(text))));
      const want = await Promise.all(jobs.map(async ([lang, text]) => packExtracted(await parseText(lang, text))));
      expect(got).toEqual(want);
      expect(JSON.parse(got[1])[0].map((d: unknown[]) => d[0])).toEqual(['MAX_RETRIES', 'load', 'Store', '__init__', 'size', 'get', 'fetch']);
    } finally {
      await pool.close();
    }
  });

  it.skipIf(!existsSync(COMPILED))('refreshing through the compiled workers fills the table as in-process parsing does', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`src/m${i}.ts`] = `export class C${i} {\n  run(): number {\n    return helper${i % 3}();\n  }\n}\n`;
    files['src/same-a.py'] = fixture('sample.py');
    files['src/same-b.py'] = fixture('sample.py');
    const root = tempProject(files);
    const paths = Object.keys(files);
    const pool = createParsePool(pathToFileURL(COMPILED), 2);
    const viaPool = new SymbolTable();
    const inProcess = new SymbolTable();
    try {
      await refreshFiles(paths, { root, table: viaPool, pool, force: false });
    } finally {
      await pool.close();
    }
    await refreshFiles(paths, { root, table: inProcess, pool: null, force: false });
    const dump = (t: SymbolTable) => paths.map((p) => {
      const e = t.entries.get(p)!;
      return { path: p, defs: e.defs, refs: e.refs, hash: e.hash, lines: e.lines };
    });
    expect(dump(viaPool)).toEqual(dump(inProcess));
    expect(viaPool.entries.get('src/same-b.py')!.defs[0].path).toBe('src/same-b.py');
  });
});
