/**
 * Full outputs of results that were cut, kept for `recall { id }`. Bounded by bytes: the oldest
 * go first, and a recall of an evicted id says so.
 */
import { LRUCache } from 'lru-cache';

export interface RecallStore {
  /** Store a full output; returns its id ("r1", "r2", ...). */
  put(text: string, source: string): string;
  get(id: string): { text: string; source: string } | undefined;
}

export function createRecallStore(maxBytes: number): RecallStore {
  let next = 1;
  const lru = new LRUCache<string, { text: string; source: string }>({
    maxSize: maxBytes,
    sizeCalculation: (v) => Math.max(1, v.text.length * 2),
  });
  return {
    put(text, source) {
      const id = `r${next++}`;
      // An entry larger than the whole store keeps its head and tail.
      const cap = Math.floor(maxBytes / 2);
      const kept = text.length * 2 <= cap ? text : `${text.slice(0, cap / 4)}\n[... store limit: middle dropped ...]\n${text.slice(-cap / 4)}`;
      lru.set(id, { text: kept, source });
      return id;
    },
    get: (id) => lru.get(id),
  };
}
