import { LRUCache } from 'lru-cache';
import type { Tiktoken } from 'js-tiktoken/lite';

/**
 * o200k_base through js-tiktoken/lite. Loading the ranks takes most of a second, so the
 * encoder is built lazily, once per process, and shared.
 */
export interface Tokenizer {
  /** Exact token count. Never throws on special-token text (`<|endoftext|>` counts as plain text). */
  count(text: string): number;
}

let loading: Promise<Tokenizer> | null = null;

/** Counts of strings at or above this length are cached (short strings are cheaper to re-count). */
const CACHE_MIN_CHARS = 256;

export function getTokenizer(): Promise<Tokenizer> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Tokenizer> {
  const [{ Tiktoken }, ranks] = await Promise.all([
    import('js-tiktoken/lite'),
    import('js-tiktoken/ranks/o200k_base'),
  ]);
  const enc: Tiktoken = new Tiktoken(ranks.default);
  const cache = new LRUCache<string, number>({
    maxSize: 64 * 1024 * 1024,
    // Keys are the texts themselves: the cache holds them, so size them by length.
    sizeCalculation: (_v, k) => Math.max(1, k.length * 2),
  });
  return {
    count(text: string): number {
      if (text.length === 0) return 0;
      if (text.length < CACHE_MIN_CHARS) return enc.encode(text, [], []).length;
      const hit = cache.get(text);
      if (hit !== undefined) return hit;
      const n = enc.encode(text, [], []).length;
      cache.set(text, n);
      return n;
    },
  };
}
