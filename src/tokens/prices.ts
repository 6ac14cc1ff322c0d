import type { Usage } from '../core/index.js';

/** US dollars per million tokens. */
export interface Price {
  input: number;
  output: number;
  cached_input?: number;
}

/**
 * Prices of common models (USD per 1M tokens, list prices as of 2026). Matched by the longest
 * prefix of the model id; a profile's `[pricing]` overrides. Unknown models cost 0 with a flag so
 * the UI can say the price is unknown rather than pretending it is free.
 */
const TABLE: Record<string, Price> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6, cached_input: 0.075 },
  'gpt-4o': { input: 2.5, output: 10, cached_input: 1.25 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cached_input: 0.025 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cached_input: 0.1 },
  'gpt-4.1': { input: 2, output: 8, cached_input: 0.5 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cached_input: 0.005 },
  'gpt-5-mini': { input: 0.25, output: 2, cached_input: 0.025 },
  'gpt-5': { input: 1.25, output: 10, cached_input: 0.125 },
  'o4-mini': { input: 1.1, output: 4.4, cached_input: 0.275 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cached_input: 0.08 },
  'claude-haiku-4': { input: 1, output: 5, cached_input: 0.1 },
  'claude-sonnet-4': { input: 3, output: 15, cached_input: 0.3 },
  'claude-opus-4': { input: 15, output: 75, cached_input: 1.5 },
  'deepseek-chat': { input: 0.27, output: 1.1, cached_input: 0.07 },
  'deepseek-reasoner': { input: 0.55, output: 2.19, cached_input: 0.14 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cached_input: 0.075 },
  'gemini-2.5-pro': { input: 1.25, output: 10, cached_input: 0.31 },
};

export interface PriceLookup {
  price: Price;
  /** true when neither the profile nor the table knew the model. */
  unknown: boolean;
}

/**
 * @param local  true for local providers (Ollama, loopback endpoints): they cost 0.
 */
export function lookupPrice(model: string, override?: Price, local = false): PriceLookup {
  if (override) return { price: override, unknown: false };
  if (local) return { price: { input: 0, output: 0, cached_input: 0 }, unknown: false };
  const id = model.toLowerCase().replace(/^[a-z0-9_-]+\//, ''); // drop an "openai/" style router prefix
  let best: string | null = null;
  for (const key of Object.keys(TABLE)) {
    if (id.startsWith(key) && (best === null || key.length > best.length)) best = key;
  }
  return best ? { price: TABLE[best]!, unknown: false } : { price: { input: 0, output: 0 }, unknown: true };
}

/** Cost of one call. Cached input tokens are billed at the cached rate (they are part of input_tokens). */
export function costUsd(usage: Pick<Usage, 'input_tokens' | 'output_tokens' | 'cached_input_tokens'>, price: Price): number {
  const input = usage.input_tokens ?? 0;
  const cached = Math.min(usage.cached_input_tokens ?? 0, input);
  const output = usage.output_tokens ?? 0;
  const cachedRate = price.cached_input ?? price.input;
  return ((input - cached) * price.input + cached * cachedRate + output * price.output) / 1_000_000;
}
