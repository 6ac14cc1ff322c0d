import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createParsePool, workerScript } from '../../src/index/worker-pool.js';
import { refreshFiles } from '../../src/index/refresh.js';
import { SymbolTable } from '../../src/index/table.js';
import { tempProject } from './helpers.js';

const CRASHING = new URL('data:text/javascript,throw new Error("boom")');
const COMPILED = resolve('dist/src/index/worker.js');

describe('parse workers', () => {
  it('are not used from the TS sources (nothing Node can load as a worker)', () => {
    expect(workerScript()).toBeNull();
  });

  it('a crashing worker rejects its jobs and the build parses them in-process', async () => {
    const pool = createParsePool(CRASHING, 2);
    await expect(pool.parse('typescript', 'function f() {}')).rejects.toThrow();
    const root = tempProject({ 'a.ts': 'export function one() {}\n', 'b.py': 'def two():\n    pass\n' });
    const table = new SymbolTable();
    let parsed = 0;
    await refreshFiles(['a.ts', 'b.py'], { root, table, pool, force: false, onParsed: () => { parsed += 1; } });
    await pool.close();
    expect(parsed).toBe(2);
    expect([...table.entries.values()].flatMap((e) => e.defs.map((d) => `${d.path}:${d.name}`)).sort()).toEqual(['a.ts:one', 'b.py:two']);
  });

  // Needs `npm run build`; checks the compiled worker gives the same result as in-process parsing.
  it.skipIf(!existsSync(COMPILED))('the compiled worker parses like the main thread', async () => {
    const pool = createParsePool(pathToFileURL(COMPILED), 2);
    try {
      const text = readFileSync('test/fixtures/index/sample.rs', 'utf8');
      const [a, b] = await Promise.all([pool.parse('rust', text), pool.parse('python', readFileSync('test/fixtures/index/sample.py', 'utf8'))]);
      expect(a.defs.map((d) => d.name)).toContain('origin');
      expect(b.defs.map((d) => d.name)).toEqual(['MAX_RETRIES', 'load', 'Store', '__init__', 'size', 'get', 'fetch']);
      expect(a.refs.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});
