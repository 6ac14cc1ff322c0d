/**
 * Full outputs of results that were cut, kept for `recall { id }`. Bounded by bytes: the oldest
 * go first, and a recall of an evicted id says so. The same text stored twice keeps its first
 * id, so text recalled and then pruned again points at the id the model already used.
 */
import { LRUCache } from 'lru-cache';

export interface RecallStore {
  /** Store a full output; returns its id ("r1", "r2", ...). */
  put(text: string, source: string): string;
  get(id: string): { text: string; source: string } | undefined;
}

export function createRecallStore(maxBytes: number): RecallStore {
  let next = 1;
  // Text -> id for entries kept whole (a capped entry is never matched: the map would pin its
  // full text in memory past the byte bound).
  const idOf = new Map<string, string>();
  const lru = new LRUCache<string, { text: string; source: string; whole: boolean }>({
    maxSize: maxBytes,
    sizeCalculation: (v) => Math.max(1, v.text.length * 2),
    dispose: (v, id) => {
      if (v.whole && idOf.get(v.text) === id) idOf.delete(v.text);
    },
  });
  return {
    put(text, source) {
      const known = idOf.get(text);
      if (known !== undefined && lru.has(known)) return known;
      const id = `r${next++}`;
      // An entry larger than the whole store keeps its head and tail.
      const cap = Math.floor(maxBytes / 2);
      const whole = text.length * 2 <= cap;
      const kept = whole ? text : `${text.slice(0, cap / 4)}\n[... store limit: middle dropped ...]\n${text.slice(-cap / 4)}`;
      if (whole) idOf.set(text, id);
      lru.set(id, { text: kept, source, whole });
      return id;
    },
    get: (id) => {
      const v = lru.get(id);
      return v && { text: v.text, source: v.source };
    },
  };
}
