import { describe, it, expect } from 'vitest';
import { Writable, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { getTokenizer } from '../../src/tokens/index.js';
import { tempProject } from './helpers.js';

function fakeIO(cwd: string): { io: CliIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { add(String(chunk)); cb(); } });
  const io: CliIO = {
    stdout: sink((s) => { out += s; }),
    stderr: sink((s) => { err += s; }),
    stdin: Readable.from([]),
    env: {},
    cwd,
    isTTY: false,
    signal: new AbortController().signal,
  };
  return { io, out: () => out, err: () => err };
}

const FILES = {
  'src/shapes.ts': 'export class Circle {\n  area(): number {\n    return 1;\n  }\n}\n\nexport function makeCircle(): Circle {\n  return new Circle();\n}\n',
  'src/app.py': 'from shapes import make\n\ndef run_app():\n    make()\n',
};

describe('pith index / symbols / map', () => {
  it('index --json reports files, symbols, languages, skipped, ms; a second run parses nothing', async () => {
    const root = tempProject(FILES);
    const a = fakeIO(root);
    expect(await main(['index', '--json'], a.io)).toBe(0);
    const s = JSON.parse(a.out());
    expect(s).toMatchObject({ files: 2, symbols: 4, languages: { typescript: 1, python: 1 }, skipped: 0, parsed: 2 });
    expect(typeof s.ms).toBe('number');
    const b = fakeIO('/');
    expect(await main(['index', '--json', '--root', root], b.io)).toBe(0);
    expect(JSON.parse(b.out())).toMatchObject({ files: 2, parsed: 0 });
  });

  it('index prints a readable summary', async () => {
    const c = fakeIO(tempProject(FILES));
    expect(await main(['index'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^files\s+2 \(.*python 1.*\)\nsymbols\s+4\nlanguages\s+2\nskipped\s+0 \(huge 0, minified 0\)\nparsed\s+2\nms\s+\d+\n$/);
  });

  it('symbols finds definitions, as text and JSON, and exits 1 on no match', async () => {
    const root = tempProject(FILES);
    const a = fakeIO(root);
    expect(await main(['symbols', 'circle'], a.io)).toBe(0);
    expect(a.out().split('\n').slice(0, 2)).toEqual(['src/shapes.ts:1-5  class Circle', '    export class Circle {']);
    const b = fakeIO(root);
    expect(await main(['symbols', 'Circle.area', '--json'], b.io)).toBe(0);
    expect(JSON.parse(b.out())).toEqual([{ name: 'area', kind: 'method', path: 'src/shapes.ts', startLine: 2, endLine: 4, signature: 'area(): number {', container: 'Circle' }]);
    const c = fakeIO(root);
    expect(await main(['symbols', 'qqqq'], c.io)).toBe(1);
    expect(c.err()).toContain("no definitions match 'qqqq'");
  });

  it('map stays within --tokens and follows --task', async () => {
    const root = tempProject(FILES);
    const a = fakeIO(root);
    expect(await main(['map', '--tokens', '40', '--task', 'make run_app faster'], a.io)).toBe(0);
    expect(a.out().split('\n')[0]).toBe('src/app.py');
    expect((await getTokenizer()).count(a.out())).toBeLessThanOrEqual(40);
  });

  it('each command has a truthful --help and rejects bad options', async () => {
    for (const [cmd, mentions] of [['index', ['--json', '--root']], ['symbols', ['QUERY', '--json', '--limit']], ['map', ['--tokens', '--task', '--focus']]] as const) {
      const h = fakeIO('/');
      expect(await main([cmd, '--help'], h.io)).toBe(0);
      for (const m of mentions) expect(h.out()).toContain(m);
      const bad = fakeIO('/');
      expect(await main([cmd, '--bogus'], bad.io)).toBe(2);
      expect(bad.err()).toContain("unknown option '--bogus'");
    }
    const t = fakeIO('/');
    expect(await main(['map', '--tokens', 'lots'], t.io)).toBe(2);
    const q = fakeIO('/');
    expect(await main(['symbols'], q.io)).toBe(2);
  });
});
