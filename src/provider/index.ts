/**
 * The provider layer: one streaming interface over OpenAI-compatible endpoints and Ollama's
 * native API. Imports only core; receives tool schemas as data.
 */
import { assertNever, type Compat, type Provider, type ProviderConfig } from '../core/index.js';
import { resolveCompat, sharedCompatStore, type CompatStore } from './compat.js';
import { normalizeEndpoint } from './endpoint.js';
import { createOllamaProvider } from './ollama-adapter.js';
import { createOpenAIProvider } from './openai-adapter.js';
import { resolveDeps, type ProviderDeps } from './types.js';

export type { ProviderDeps, BackoffPolicy } from './types.js';
export { DEFAULT_BACKOFF } from './types.js';
export { normalizeEndpoint } from './endpoint.js';
export { createCompatStore, defaultCompat, type CompatStore } from './compat.js';
export { listOllamaModels, showOllamaModel, type OllamaModel, type OllamaModelInfo, type OllamaApiOptions } from './ollama-api.js';
export { OLLAMA_KEEP_ALIVE } from './ollama-adapter.js';
export { withRecording, createReplayProvider, type RecordedCall, type ReplayOptions } from './record-replay.js';
export { parseRetryAfter } from './retry.js';

/**
 * The adapter for `cfg.provider`. The endpoint is normalised again here (idempotent), so a
 * full `/chat/completions` or `/api/chat` URL works too. Throws PithError('config') only for
 * an unusable endpoint; `stream()` itself never throws.
 */
export function createProvider(cfg: ProviderConfig, opts: ProviderDeps = {}): Provider {
  const deps = resolveDeps(cfg.retryBaseMs === undefined ? opts : { ...opts, backoff: { baseMs: cfg.retryBaseMs, ...opts.backoff } });
  const store = opts.compatStore ?? sharedCompatStore();
  const normalized: ProviderConfig = { ...cfg, endpoint: normalizeEndpoint(cfg.endpoint, cfg.provider) };
  switch (normalized.provider) {
    case 'openai':
      return withKeyRedacted(createOpenAIProvider(normalized, deps, store), cfg.apiKey);
    case 'ollama':
      return withKeyRedacted(createOllamaProvider(normalized, deps, store), cfg.apiKey);
    default:
      return assertNever(normalized.provider);
  }
}

/**
 * Servers sometimes quote the key they were sent in an error body ("Incorrect API key
 * provided: sk-..."). Failure messages are printed and may be pasted into issues, so the key
 * is cut out of every error and retry message before it leaves the provider layer.
 */
function withKeyRedacted(inner: Provider, key: string | undefined): Provider {
  if (!key || key.length < 8) return inner;
  const clean = (s: string) => s.split(key).join('[redacted key]');
  return {
    kind: inner.kind,
    async *stream(request, signal) {
      for await (const ev of inner.stream(request, signal)) {
        if (ev.type === 'error') yield { ...ev, message: clean(ev.message) };
        else if (ev.type === 'retry') yield { ...ev, reason: clean(ev.reason) };
        else yield ev;
      }
    },
  };
}

/**
 * The quirks in effect for this endpoint+model: defaults, then what earlier calls in this
 * process detected, then the profile's `compat`. The agent reads `tools` to decide whether
 * to describe tools in text.
 */
export function compatFor(cfg: ProviderConfig, store: CompatStore = sharedCompatStore()): Compat {
  return resolveCompat({ ...cfg, endpoint: normalizeEndpoint(cfg.endpoint, cfg.provider) }, store);
}
