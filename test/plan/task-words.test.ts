import { describe, expect, it } from 'vitest';
import type { ToolRunner } from '../../src/agent/index.js';
import { addWordPlaces, buildExcerpts, codeWordsIn, ExcerptSet, fileByFile, placesWorthShowing, touchesCallers, windows, wordPlacesBudget, wordsToPlace, WORD_PLACES_TOKENS } from '../../src/plan/index.js';
import { getTokenizer } from '../../src/tokens/index.js';
import type { PlanStep } from '../../src/plan/types.js';
import { harness, tmp } from '../tools/helpers.js';

const signal = new AbortController().signal;

async function runner(root: string): Promise<ToolRunner> {
  const h = await harness(root);
  return { schemas: () => h.ts.schemas(), run: (name, args, s) => h.ts.run(name, args, s), forgetShown: () => {}, keep: () => 'r1' };
}

const lines = (n: number, at: Record<number, string>) => Array.from({ length: n }, (_, i) => at[i + 1] ?? `filler ${i + 1}`).join('\n') + '\n';

describe('codeWordsIn', () => {
  it('takes camelCase, snake_case, backticked and dotted code words, not prose', () => {
    expect(codeWordsIn('Change the default payment terms (paymentTermsDays) from 30 to 14 days')).toEqual(['paymentTermsDays']);
    expect(codeWordsIn('pass settings.supplier_lead_times.get(item.supplier, x) and `wrap` too')).toEqual(['supplier_lead_times', 'wrap']);
    expect(codeWordsIn('Make function clamp swap min and max when min > max.')).toEqual([]);
    expect(codeWordsIn('a_b cD aBcD aBcD lowStock low_stock one_two three_four', 3)).toEqual(['aBcD', 'lowStock', 'low_stock']);
  });
});

describe('touchesCallers', () => {
  it('is true for renames, signature changes and "every caller" tasks only', () => {
    expect(touchesCallers('Rename formatMoney to formatAmount everywhere')).toBe(true);
    expect(touchesCallers('Add a required parameter discountPercent to lineTotal and update every caller')).toBe(true);
    expect(touchesCallers('Make function clamp swap min and max when min > max.')).toBe(false);
  });
});

describe('wordsToPlace', () => {
  it('takes only the named definitions when the task is about their callers, else the code words', () => {
    expect(wordsToPlace('Rename formatMoney to formatAmount everywhere', ['src/money.ts:formatMoney', 'src/lib.rs:Parser::parse', 'Queue.run'])).toEqual(['formatMoney', 'parse', 'run']);
    expect(wordsToPlace('Add a lead_time_days parameter to reorder_quantity and update every caller', ['stockroom/reorder.py:reorder_quantity'])).toEqual(['reorder_quantity']);
    expect(wordsToPlace('Rename formatMoney to formatAmount everywhere', [])).toEqual(['formatMoney', 'formatAmount']);
    expect(wordsToPlace('Make function clamp swap min and max', ['src/math.ts:clamp'])).toEqual([]);
  });
});

describe('windows', () => {
  it('puts context around each hit, merges touching windows per file, keeps file order', () => {
    const w = windows([{ path: 'b.ts', line: 10 }, { path: 'a.ts', line: 1 }, { path: 'b.ts', line: 14 }, { path: 'b.ts', line: 30 }], 2);
    expect(w).toEqual([
      { path: 'b.ts', from: 8, to: 16 },
      { path: 'b.ts', from: 28, to: 32 },
      { path: 'a.ts', from: 1, to: 3 },
    ]);
  });
});

describe('fileByFile', () => {
  it('orders windows in rounds: each file\'s first, then each file\'s second', () => {
    const ws = [{ path: 'a', n: 1 }, { path: 'a', n: 2 }, { path: 'a', n: 3 }, { path: 'b', n: 1 }, { path: 'c', n: 1 }, { path: 'c', n: 2 }];
    expect(fileByFile(ws).map((w) => `${w.path}${w.n}`)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });
});

describe('placesWorthShowing', () => {
  const at = (path: string, text: string) => ({ path, line: 1, text });
  const shows = (task: string, path: string, text: string, word = 'nextBatch') => placesWorthShowing(task)([at(path, text)], word).length === 1;
  it('shows places in tests only to a task about tests, and import lines or quoted uses only to a rename or an import/export task', () => {
    const plain = 'Add agingMinutes to nextBatch and make the queue pass it';
    expect(shows(plain, 'src/queue.js', '  const batch = nextBatch(all, n, now);')).toBe(true);
    expect(shows(plain, 'test/scheduler.test.js', '  nextBatch([a], 1, 0);')).toBe(false);
    expect(shows(plain, 'tests/test_reorder.py', 'nextBatch')).toBe(false);
    expect(shows(plain, 'src/index.js', "export { nextTask, nextBatch } from './queue/scheduler.js';")).toBe(false);
    expect(shows(plain, 'src/queue.js', "import { nextBatch } from './scheduler.js';")).toBe(false);
    expect(shows(plain, 'src/lib.rs', 'pub use truncate::truncate_chars;', 'truncate_chars')).toBe(false);
    expect(shows(plain, 'stockroom/__init__.py', '    "nextBatch", "nextTask",')).toBe(false);
    expect(shows(plain, 'src/queue.js', '  log("nextBatch"); nextBatch(all);')).toBe(true);
    expect(shows('Raise the default and update the tests that depend on it', 'tests/test_config.py', 'nextBatch')).toBe(true);
    expect(shows('Rename nextBatch to takeBatch', 'src/index.js', "export { nextTask, nextBatch } from './queue/scheduler.js';")).toBe(true);
    expect(shows('Re-export it from lib.rs', 'src/lib.rs', 'pub use truncate::truncate_chars;', 'truncate_chars')).toBe(true);
  });

  it('keeps only the places holding a value the task names, when some do', () => {
    const choose = placesWorthShowing('Change paymentTermsDays from 30 to 14 and update the tests that assume 30.');
    const places = [at('src/defaults.ts', '  paymentTermsDays: number;'), at('src/defaults.ts', '  paymentTermsDays: 30,'), at('test/s.test.mjs', '  assert.equal(s.paymentTermsDays, 30);'), at('src/x.ts', '  paymentTermsDays: 300,'), at('test/s.test.mjs', '  resolve({ paymentTermsDays: 14 });')];
    expect(choose(places, 'paymentTermsDays').map((p) => p.text)).toEqual(['  paymentTermsDays: 30,', '  assert.equal(s.paymentTermsDays, 30);']);
    // The new value ("to 14") is not one to look for. None holds one: all are kept. 0 and 1 do not count.
    expect(choose([places[0]!], 'paymentTermsDays')).toHaveLength(1);
    expect(placesWorthShowing('Pass 0 and 1 to f')([at('a.ts', 'f(x)'), at('a.ts', 'f(0)')], 'f')).toHaveLength(2);
  });
});

describe('wordPlacesBudget', () => {
  it('gives a rename more room than other tasks', () => {
    expect(wordPlacesBudget('Rename formatMoney to formatAmount everywhere')).toBeGreaterThan(WORD_PLACES_TOKENS);
    expect(wordPlacesBudget('Add a currency parameter to formatMoney and update its callers')).toBe(WORD_PLACES_TOKENS);
  });
});

describe('addWordPlaces', () => {
  it('reads the lines around each place a word occurs, with anchors, within its budget', async () => {
    const root = tmp({
      'src/config.ts': lines(60, { 40: '  paymentTermsDays: 30,' }),
      'test/config.test.mjs': lines(20, { 8: '  assert.equal(DEFAULTS.paymentTermsDays, 30);' }),
    });
    const tok = await getTokenizer();
    const set = new ExcerptSet(await runner(root), tok, 10_000, signal);
    await addWordPlaces(['paymentTermsDays', 'nowhereToBeFound'], await runner(root), set, 1000, signal);
    expect(set.items.map((i) => i.path)).toEqual(['src/config.ts', 'test/config.test.mjs']);
    expect(set.items[0]!.text).toMatch(/^src\/config\.ts lines 38-42 of 60\n/);
    expect(set.items[0]!.text).toMatch(/\n40:[a-z]{2}\|  paymentTermsDays: 30,\n/);
    expect(set.covers('src/config.ts', 41)).toBe(true);
    expect(set.covers('src/config.ts', 43)).toBe(false);
    expect(set.tokens).toBe(set.items.reduce((n, i) => n + tok.count(i.text), 0));

    // A budget that fits only the first window stops there, and says nothing of the rest.
    const small = new ExcerptSet(await runner(root), tok, 10_000, signal);
    await addWordPlaces(['paymentTermsDays'], await runner(root), small, tok.count(set.items[0]!.text), signal);
    expect(small.items).toHaveLength(1);
    expect(small.left).toEqual([]);
  });

  it('searches no longer than its deadline (the first call must not wait on a huge repository)', async () => {
    const root = tmp({ 'src/config.ts': lines(60, { 40: '  paymentTermsDays: 30,' }) });
    const tok = await getTokenizer();
    const set = new ExcerptSet(await runner(root), tok, 10_000, signal);
    await addWordPlaces(['paymentTermsDays'], await runner(root), set, 1000, signal, () => true, 0);
    expect(set.items).toEqual([]);
  });

  it('shows a place in every file before a second place in any, and uses the places a per-file cap let through', async () => {
    // 12 uses in the source (more than the search shows per file), one in the test.
    const root = tmp({
      'src/a.ts': lines(200, Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i * 15 + 5, `  oldName(${i});`]))),
      'test/a.test.ts': lines(20, { 10: '  oldName(1);' }),
    });
    const tok = await getTokenizer();
    const probe = new ExcerptSet(await runner(root), tok, 10_000, signal);
    await addWordPlaces(['oldName'], await runner(root), probe, 10_000, signal);
    expect(probe.items.length).toBeGreaterThan(2);
    // A budget for about two windows: the test file's only place is one of them.
    const two = new ExcerptSet(await runner(root), tok, 10_000, signal);
    await addWordPlaces(['oldName'], await runner(root), two, tok.count(probe.items[0]!.text) * 2 + 5, signal);
    expect(two.items.map((i) => i.path)).toEqual(['src/a.ts', 'test/a.test.ts']);
  });

  it('skips a word found in too many places', async () => {
    const root = tmp({ 'a.ts': lines(100, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [i * 2 + 1, `use(commonWord${i})`]))) });
    const tok = await getTokenizer();
    const set = new ExcerptSet(await runner(root), tok, 10_000, signal);
    await addWordPlaces(['commonWord'], await runner(root), set, 5000, signal);
    expect(set.items).toEqual([]);
  });
});

describe('buildExcerpts', () => {
  const step = (files: string[]): PlanStep => ({ id: 's1', title: 'Default paymentTermsDays to 14', instruction: 'Change paymentTermsDays from 30 to 14.', files, symbols: [], verify: { command: 'true' }, status: 'pending' } as PlanStep);
  it('gives a step its plan named nothing for the places its text names, like `pith run`', async () => {
    const root = tmp({
      'src/config.ts': lines(60, { 40: '  paymentTermsDays: 30,' }),
      'src/other.ts': lines(10, { 3: 'export const unrelated = 1;' }),
    });
    const tok = await getTokenizer();
    const bare = await buildExcerpts(step([]), await runner(root), undefined, tok, 3000, signal);
    expect(bare.items.map((i) => i.path)).toEqual(['src/config.ts']);
    expect(bare.items[0]!.text).toMatch(/\n40:[a-z]{2}\|  paymentTermsDays: 30,\n/);
    // A step given files sees those files (and word places only in them).
    const given = await buildExcerpts(step(['src/other.ts']), await runner(root), undefined, tok, 3000, signal);
    expect(given.items.map((i) => i.path)).toEqual(['src/other.ts']);
  });
});
