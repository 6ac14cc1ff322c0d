import { describe, it, expect } from 'vitest';
import type { SymbolDef, SymbolIndex } from '../../src/index/types.js';
import { splitSymbolRef, symbolsNamedIn } from '../../src/plan/index.js';

const defs: SymbolDef[] = [
  { name: 'clamp', kind: 'function', path: 'src/math.ts', startLine: 3, endLine: 8, signature: '' },
  { name: 'formatMoney', kind: 'function', path: 'src/money.ts', startLine: 1, endLine: 9, signature: '' },
  { name: 'run', kind: 'method', path: 'src/queue.ts', startLine: 4, endLine: 9, signature: '', container: 'Queue' },
  { name: 'swap', kind: 'field', path: 'src/x.ts', startLine: 1, endLine: 1, signature: '' },
  { name: 'tags', kind: 'function', path: 'src/cli/commands.js', startLine: 186, endLine: 198, signature: '' },
  { name: 'wrap', kind: 'function', path: 'src/wrap.rs', startLine: 10, endLine: 40, signature: '' },
  ...['a', 'b', 'c'].map((d) => ({ name: 'render', kind: 'function' as const, path: `src/${d}.ts`, startLine: 1, endLine: 2, signature: '' })),
];
const index = { find: async (q: string) => defs.filter((d) => d.name.toLowerCase() === q.split(/\.|::/).pop()!.toLowerCase()) } as unknown as SymbolIndex;

describe('symbolsNamedIn', () => {
  it('finds definitions a task names exactly, skipping stop words, fields and ambiguous names', async () => {
    expect(await symbolsNamedIn('Make function clamp swap min and max when min > max.', index)).toEqual(['src/math.ts:clamp']);
    expect(await symbolsNamedIn('Rename formatMoney to formatAmount and fix render', index)).toEqual(['src/money.ts:formatMoney']);
    expect(await symbolsNamedIn('Queue.run should pass the config', index)).toEqual(['src/queue.ts:Queue.run']);
    expect(await symbolsNamedIn('Clamp the values', index)).toEqual([]); // case-sensitive: prose, not code
  });

  it('takes a plain lowercase word for code only when the task treats it as code', async () => {
    // "tags" is prose here: the task names other files than the one defining a function tags.
    expect(await symbolsNamedIn("Add filterByTags to src/model/tags.js: tasks with any of the given tags", index)).toEqual([]);
    expect(await symbolsNamedIn('cargo test fails. Fix wrap in src/wrap.rs.', index)).toEqual(['src/wrap.rs:wrap']);
    expect(await symbolsNamedIn('make tags() sort by count', index)).toEqual(['src/cli/commands.js:tags']);
    expect(await symbolsNamedIn('the function tags prints counts', index)).toEqual(['src/cli/commands.js:tags']);
    // A parenthesis after a space is prose, not a call.
    expect(await symbolsNamedIn('sort them by tags (most used first)', index)).toEqual([]);
  });

  it('splits file-qualified references without breaking Type::fn', () => {
    expect(splitSymbolRef('src/math.ts:clamp')).toEqual({ path: 'src/math.ts', name: 'clamp' });
    expect(splitSymbolRef('Queue.run')).toEqual({ path: null, name: 'Queue.run' });
    expect(splitSymbolRef('Parser::parse')).toEqual({ path: null, name: 'Parser::parse' });
    expect(splitSymbolRef('src/lib.rs:Parser::parse')).toEqual({ path: 'src/lib.rs', name: 'Parser::parse' });
  });
});
