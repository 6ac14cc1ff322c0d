import { describe, it, expect, beforeAll } from 'vitest';
import { getTokenizer } from '../../src/tokens/index.js';
import { createSymbolIndex, type PithSymbolIndex } from '../../src/index/index.js';
import { tempProject } from './helpers.js';

/** A project of 40 modules that all use `core/util.ts`, plus one obscure module. */
function project(): Record<string, string> {
  const files: Record<string, string> = {
    'core/util.ts': 'export function formatValue(v: number): string {\n  return String(v);\n}\n\nexport class Registry {\n  add(name: string): void {}\n}\n',
    'misc/obscure.ts': 'export function renderInvoiceTotals(lines: number[]): number {\n  return lines.length;\n}\n',
    'misc/caller.ts': 'export function printInvoice(): void {\n  renderInvoiceTotals([1]);\n}\n',
  };
  for (let i = 0; i < 40; i++) {
    files[`feature/mod${i}.ts`] = [
      `import { formatValue, Registry } from '../core/util';`,
      `export interface Options${i} {`,
      `  size: number;`,
      `}`,
      `export function feature${i}Handler(opts: Options${i}): string {`,
      `  new Registry().add('f${i}');`,
      `  return formatValue(opts.size) + helper${i}();`,
      `}`,
      `function helper${i}(): string {`,
      `  return 'x'.repeat(${i});`,
      `}`,
      '',
    ].join('\n');
  }
  return files;
}

describe('repo map', () => {
  let index: PithSymbolIndex;
  beforeAll(async () => {
    index = createSymbolIndex({ root: tempProject(project()), cacheDir: null });
    await index.build();
  });

  it('is never over budget, from 200 to 8,000 tokens, and grows with it', async () => {
    const tok = await getTokenizer();
    let last = 0;
    for (const tokens of [200, 300, 500, 800, 1000, 1500, 2000, 3000, 4000, 6000, 8000]) {
      for (const task of [undefined, 'fix renderInvoiceTotals rounding']) {
        const map = await index.repoMap({ tokens, task });
        const used = tok.count(map);
        expect(used).toBeLessThanOrEqual(tokens);
        if (!task) {
          expect(used).toBeGreaterThanOrEqual(last);
          last = used;
        }
      }
    }
    expect(await index.repoMap({ tokens: 3 })).toBe('');
  });

  it('ranks the most used definitions first without a task', async () => {
    const map = await index.repoMap({ tokens: 200 });
    expect(map.split('\n').slice(0, 4)).toEqual([
      'core/util.ts',
      '  1: export function formatValue(v: number): string',
      '  5: export class Registry',
      '    6: add(name: string): void {}',
    ]);
  });

  it("puts the task's symbols first", async () => {
    const map = await index.repoMap({ tokens: 200, task: 'Fix rounding in renderInvoiceTotals' });
    expect(map.split('\n').slice(0, 2)).toEqual(['misc/obscure.ts', '  1: export function renderInvoiceTotals(lines: number[]): number']);
  });

  it('ranks what focus files use, and the focus files, above the rest', async () => {
    const map = await index.repoMap({ tokens: 200, focusFiles: ['misc/caller.ts'] });
    const files = map.split('\n').filter((l) => l && !l.startsWith(' '));
    expect(files.slice(0, 2)).toEqual(['misc/obscure.ts', 'misc/caller.ts']);
  });

  it('renders members under their class and hints the container when the class is not shown', async () => {
    const map = await index.repoMap({ tokens: 8000 });
    expect(map).toMatch(/core\/util\.ts\n(  .*\n)*  5: export class Registry\n    6: add\(name: string\): void \{\}/);
  });
});
