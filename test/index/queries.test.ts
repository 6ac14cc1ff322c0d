import { describe, it, expect, beforeAll } from 'vitest';
import { createSymbolIndex, type PithSymbolIndex } from '../../src/index/index.js';
import { tempProject } from './helpers.js';

describe('queries', () => {
  let index: PithSymbolIndex;
  beforeAll(async () => {
    const root = tempProject({
      'src/config.ts': [
        'export interface Config {',
        '  name: string;',
        '}',
        '',
        'export function parseConfig(text: string): Config {',
        '  return { name: text };',
        '}',
        '',
        'export class ConfigStore {',
        '  load(): Config {',
        '    return parseConfig("x");',
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/use.ts': 'import { parseConfig } from "./config";\n\nexport function main() {\n  parseConfig("a");\n  parseConfig("b");\n}\n',
      'src/other.py': 'def parseconfig():\n    pass\n\ndef PARSE_CONFIG_LEGACY():\n    pass\n',
    });
    index = createSymbolIndex({ root, cacheDir: null });
    await index.build();
  });

  it('find: exact first, then case-insensitive, then fuzzy (substring before subsequence)', async () => {
    const hits = await index.find('parseConfig');
    expect(hits.map((d) => `${d.name}@${d.path}`)).toEqual([
      'parseConfig@src/config.ts',
      'parseconfig@src/other.py',
      'PARSE_CONFIG_LEGACY@src/other.py',
    ]);
    expect((await index.find('cfgstore')).map((d) => d.name)).toEqual(['ConfigStore']);
    expect((await index.find('config')).map((d) => d.name).slice(0, 2)).toEqual(['Config', 'ConfigStore']);
    expect(await index.find('zzzz')).toEqual([]);
    expect(await index.find('parseConfig', 1)).toHaveLength(1);
  });

  it('find: Container.name narrows to members', async () => {
    const hits = await index.find('ConfigStore.load');
    expect(hits).toEqual([expect.objectContaining({ name: 'load', kind: 'method', container: 'ConfigStore', startLine: 10, endLine: 12 })]);
  });

  it('references: files and lines of uses, not the definition itself', async () => {
    expect(await index.references('parseConfig')).toEqual([
      { path: 'src/config.ts', line: 11 },
      { path: 'src/use.ts', line: 4 },
      { path: 'src/use.ts', line: 5 },
    ]);
    expect(await index.references('parseConfig', 1)).toHaveLength(1);
    expect(await index.references('nothing')).toEqual([]);
  });

  it('enclosing: the innermost definition containing the line', async () => {
    expect(await index.enclosing('src/config.ts', 11)).toMatchObject({ name: 'load', kind: 'method' });
    expect(await index.enclosing('src/config.ts', 9)).toMatchObject({ name: 'ConfigStore', kind: 'class' });
    expect(await index.enclosing('src/config.ts', 4)).toBeNull();
    expect(await index.enclosing('notes.txt', 1)).toBeNull();
  });
});
