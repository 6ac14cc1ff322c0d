import { describe, it, expect, beforeAll } from 'vitest';
import { resolve } from 'node:path';
import { createSymbolIndex, type PithSymbolIndex } from '../../src/index/index.js';

/**
 * Each language: the fixture's definitions (name, kind, start line, end line, container) exactly,
 * in line order, as outline() returns them.
 */
type Row = [string, string, number, number, string?];

const EXPECTED: Record<string, Row[]> = {
  'sample.ts': [
    ['MAX_SIZE', 'constant', 3, 3],
    ['Shape', 'interface', 5, 7],
    ['ShapeId', 'type', 9, 9],
    ['Color', 'enum', 11, 14],
    ['Circle', 'class', 16, 26],
    ['radius', 'field', 17, 17, 'Circle'],
    ['constructor', 'method', 19, 21, 'Circle'],
    ['area', 'method', 23, 25, 'Circle'],
    ['computeSquare', 'function', 28, 30],
    ['makeCircle', 'function', 32, 32],
    ['Geometry', 'module', 34, 38],
    ['origin', 'function', 35, 37, 'Geometry'],
    ['Base', 'class', 40, 42],
    ['describe', 'method', 41, 41, 'Base'],
  ],
  'sample.tsx': [
    ['ButtonProps', 'interface', 3, 5],
    ['Button', 'function', 7, 9],
    ['Toolbar', 'function', 11, 15],
    ['Panel', 'class', 17, 21],
    ['render', 'method', 18, 20, 'Panel'],
  ],
  'sample.js': [
    ['LIMIT', 'constant', 1, 1],
    ['helper', 'function', 3, 5],
    ['Counter', 'class', 7, 17],
    ['count', 'field', 8, 8, 'Counter'],
    ['increment', 'method', 10, 12, 'Counter'],
    ['create', 'method', 14, 16, 'Counter'],
    ['double', 'function', 19, 21],
    ['triple', 'function', 23, 23],
  ],
  'sample.py': [
    ['MAX_RETRIES', 'constant', 3, 3],
    ['load', 'function', 6, 7],
    ['Store', 'class', 10, 21],
    ['__init__', 'method', 13, 14, 'Store'],
    ['size', 'method', 17, 18, 'Store'],
    ['get', 'method', 20, 21, 'Store'],
    ['fetch', 'function', 24, 25],
  ],
  'sample.go': [
    ['MaxItems', 'constant', 5, 5],
    ['Item', 'struct', 7, 9],
    ['Named', 'interface', 11, 13],
    ['GetName', 'method', 12, 12, 'Named'],
    ['ID', 'type', 15, 15],
    ['GetName', 'method', 17, 19, 'Item'],
    ['NewItem', 'function', 21, 24],
    ['defaultItem', 'variable', 26, 26],
  ],
  'sample.rs': [
    ['LIMIT', 'constant', 3, 3],
    ['Point', 'struct', 5, 8],
    ['Direction', 'enum', 10, 13],
    ['Shape', 'trait', 15, 17],
    ['area', 'method', 16, 16, 'Shape'],
    ['new', 'method', 20, 22, 'Point'],
    ['fmt', 'method', 26, 28, 'Point'],
    ['origin', 'function', 31, 33],
    ['Pair', 'type', 35, 35],
    ['inner', 'module', 37, 39],
    ['helper', 'function', 38, 38, 'inner'],
    ['square', 'function', 41, 45],
  ],
  'Sample.java': [
    ['Sample', 'class', 5, 28],
    ['LIMIT', 'constant', 6, 6, 'Sample'],
    ['Sample', 'method', 8, 9, 'Sample'],
    ['toString', 'method', 11, 14, 'Sample'],
    ['helper', 'method', 16, 18, 'Sample'],
    ['Listener', 'interface', 20, 22, 'Sample'],
    ['onEvent', 'method', 21, 21, 'Listener'],
    ['Mode', 'enum', 24, 27, 'Sample'],
    ['Pair', 'class', 30, 31],
  ],
  'sample.c': [
    ['BUFFER_SIZE', 'constant', 3, 3],
    ['point', 'struct', 5, 8],
    ['point_t', 'type', 10, 10],
    ['color', 'enum', 12, 12],
    ['add', 'function', 14, 18],
    ['main', 'function', 20, 24],
  ],
  'sample.cpp': [
    ['geo', 'module', 3, 29],
    ['Shape', 'class', 5, 9, 'geo'],
    ['~Shape', 'method', 7, 7, 'Shape'],
    ['area', 'method', 8, 8, 'Shape'],
    ['Square', 'class', 11, 18, 'geo'],
    ['Square', 'method', 13, 13, 'Square'],
    ['area', 'method', 14, 14, 'Square'],
    ['side_', 'field', 17, 17, 'Square'],
    ['Point', 'struct', 20, 23, 'geo'],
    ['x', 'field', 21, 21, 'Point'],
    ['y', 'field', 22, 22, 'Point'],
    ['total', 'function', 25, 27, 'geo'],
    ['compute', 'method', 31, 33, 'Widget'],
  ],
  'Sample.cs': [
    ['Demo', 'module', 3, 32],
    ['IGreeter', 'interface', 5, 8, 'Demo'],
    ['Greet', 'method', 7, 7, 'IGreeter'],
    ['Greeter', 'class', 10, 27, 'Demo'],
    ['Max', 'constant', 12, 12, 'Greeter'],
    ['Prefix', 'field', 14, 14, 'Greeter'],
    ['Greeter', 'method', 16, 19, 'Greeter'],
    ['Greet', 'method', 21, 24, 'Greeter'],
    ['Format', 'method', 26, 26, 'Greeter'],
    ['Level', 'enum', 29, 29, 'Demo'],
    ['Vec', 'struct', 31, 31, 'Demo'],
    ['X', 'field', 31, 31, 'Vec'],
  ],
  'sample.rb': [
    ['Billing', 'module', 3, 25],
    ['RATE', 'constant', 4, 4, 'Billing'],
    ['Invoice', 'class', 6, 20, 'Billing'],
    ['initialize', 'method', 9, 11, 'Invoice'],
    ['tax', 'method', 13, 15, 'Invoice'],
    ['build', 'method', 17, 19, 'Invoice'],
    ['compute_tax', 'function', 22, 24, 'Billing'],
  ],
  'sample.php': [
    ['App', 'module', 3, 3],
    ['VERSION', 'constant', 5, 5],
    ['Renderer', 'interface', 7, 10],
    ['render', 'method', 9, 9, 'Renderer'],
    ['Logs', 'trait', 12, 15],
    ['log', 'method', 14, 14, 'Logs'],
    ['Page', 'class', 17, 32],
    ['title', 'field', 21, 21, 'Page'],
    ['__construct', 'method', 23, 26, 'Page'],
    ['render', 'method', 28, 31, 'Page'],
    ['format_title', 'function', 34, 37],
    ['Status', 'enum', 39, 42],
  ],};

describe('definitions per language', () => {
  let index: PithSymbolIndex;
  beforeAll(async () => {
    index = createSymbolIndex({ root: resolve('test/fixtures/index'), cacheDir: null, includeIgnored: true });
    await index.build();
  });

  for (const [file, rows] of Object.entries(EXPECTED)) {
    it(file, async () => {
      const defs = (await index.outline(file))!;
      const got = defs.map((d): Row => (d.container ? [d.name, d.kind, d.startLine, d.endLine, d.container] : [d.name, d.kind, d.startLine, d.endLine]));
      expect(got).toEqual(rows);
      for (const d of defs) {
        expect(d.path).toBe(file);
        expect(d.signature).toContain(d.name.replace(/^~/, ''));
      }
    });
  }

  it('signatures are the trimmed line that names the definition', async () => {
    const sig = async (file: string, name: string) => (await index.outline(file))!.find((d) => d.name === name)!.signature;
    expect(await sig('sample.ts', 'computeSquare')).toBe('export function computeSquare(x: number): number {');
    expect(await sig('sample.py', 'get')).toBe('def get(self, key):');
    expect(await sig('Sample.java', 'toString')).toBe('public String toString() {');
    expect(await sig('sample.c', 'add')).toBe('add(int a, int b)');
    expect(await sig('sample.go', 'GetName')).toBe('GetName() string');
  });

  it('outline is null for an unsupported language', async () => {
    expect(await index.outline('README.md')).toBeNull();
  });

  it('every language in the fixtures was indexed', async () => {
    const s = index.stats();
    expect(Object.keys(s.languages).sort()).toEqual(['c', 'cpp', 'csharp', 'go', 'java', 'javascript', 'php', 'python', 'ruby', 'rust', 'tsx', 'typescript']);
  });
});
