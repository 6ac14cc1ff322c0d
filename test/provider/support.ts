/** Shared bits of the provider tests: config builder, event collection, an instant sleep. */
import type { ProviderConfig, ProviderEvent, Provider, ProviderRequest } from '../../src/core/index.js';
import { createCompatStore, type ProviderDeps } from '../../src/provider/index.js';

export function config(over: Partial<ProviderConfig> & Pick<ProviderConfig, 'provider' | 'endpoint'>): ProviderConfig {
  return { model: 'test-model', contextTokens: 8192, stallTimeoutMs: 5_000, maxRetries: 2, requestTimeoutMs: 5_000, ...over };
}

export const hello: ProviderRequest = { model: 'test-model', messages: [{ role: 'user', content: 'hi' }] };

export async function collect(provider: Provider, request: ProviderRequest = hello, signal = new AbortController().signal): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  for await (const ev of provider.stream(request, signal)) out.push(ev);
  return out;
}

/** Deps whose sleep returns at once and remembers what it was asked to wait. */
export function fastDeps(extra: ProviderDeps = {}): ProviderDeps & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    sleep: async (ms) => {
      slept.push(ms);
    },
    random: () => 0.5,
    now: () => Date.parse('2025-01-01T00:00:00Z'),
    compatStore: createCompatStore(),
    ...extra,
  };
}

export function last(events: ProviderEvent[]): ProviderEvent {
  return events[events.length - 1];
}

/** Exactly one terminal event, and it is the last one. */
export function terminalCount(events: ProviderEvent[]): number {
  return events.filter((e) => e.type === 'done' || e.type === 'error').length;
}
