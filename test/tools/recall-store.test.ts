import { describe, expect, it } from 'vitest';
import { createRecallStore } from '../../src/tools/recall-store.js';

describe('recall store', () => {
  it('gives the same text its first id again, so re-pruned recalled text names an id the model already used', () => {
    const store = createRecallStore(1_000_000);
    const a = store.put('src/a.ts lines 1-40\n1:ab|x', 'read src/a.ts');
    const b = store.put('other text', 'bash');
    expect(store.put('src/a.ts lines 1-40\n1:ab|x', 'recall')).toBe(a);
    expect(b).not.toBe(a);
    expect(store.get(a)?.text).toBe('src/a.ts lines 1-40\n1:ab|x');
  });

  it('evicts the oldest text past its byte bound, and a later put of that text gets a new, working id', () => {
    const store = createRecallStore(400); // 200 chars
    const first = store.put('a'.repeat(90), 'one');
    store.put('b'.repeat(90), 'two');
    store.put('c'.repeat(90), 'three');
    expect(store.get(first)).toBeUndefined();
    const again = store.put('a'.repeat(90), 'one');
    expect(again).not.toBe(first);
    expect(store.get(again)?.text).toBe('a'.repeat(90));
  });
});
