import type { ProviderKind } from './types.js';

/**
 * Endpoint helpers. A profile's endpoint is a base URL: the provider layer appends
 * `/chat/completions` (openai) or `/api/chat` (ollama). Users paste full URLs, so those are cut
 * back to the base here.
 */

/** Suffixes cut from an endpoint, longest first. */
const OPENAI_SUFFIXES = ['/chat/completions', '/completions', '/models'];
const OLLAMA_SUFFIXES = ['/api/chat', '/api/generate', '/api/tags', '/api/show', '/api', '/v1/chat/completions', '/v1'];

/**
 * Normalise `raw` to a base URL without a trailing slash, query or fragment. A missing scheme
 * means http. For ollama the native API lives at the server root, so an OpenAI-style `/v1` is
 * cut too; for openai a bare host gets `/v1` (where llama.cpp, vLLM, LM Studio serve it).
 * Same rules as the provider layer's own normalisation, so normalising twice changes nothing.
 * Throws a plain Error (message fit for the user) when `raw` is not an http(s) URL.
 */
export function normalizeEndpoint(raw: string, provider: ProviderKind): string {
  let url: URL;
  let text = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${raw}" is not a URL (expected e.g. http://127.0.0.1:11434 or https://api.openai.com/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`"${raw}" must start with http:// or https://`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  for (const suffix of provider === 'ollama' ? OLLAMA_SUFFIXES : OPENAI_SUFFIXES) {
    if (path.toLowerCase().endsWith(suffix)) {
      path = path.slice(0, -suffix.length).replace(/\/+$/, '');
      break;
    }
  }
  if (provider === 'openai' && path === '') path = '/v1';
  return `${url.protocol}//${url.host}${path}`;
}

/** Guess the provider from an endpoint given without one (env or flags): Ollama's native paths or port. */
export function inferProvider(raw: string): ProviderKind {
  try {
    const text = raw.trim();
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    const path = url.pathname.replace(/\/+$/, '');
    if (/\/api(\/(chat|generate|tags|show))?$/.test(path)) return 'ollama';
    if (url.port === '11434' && path === '') return 'ollama';
  } catch {
    // Not a URL: normalizeEndpoint reports it.
  }
  return 'openai';
}

/** True for endpoints on this machine: local servers need no key and cost nothing. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  host = host.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Well-known hosts and the environment variable that conventionally holds their key. */
const HOST_KEYS: ReadonlyArray<[host: string, env: string]> = [
  ['api.openai.com', 'OPENAI_API_KEY'],
  ['api.anthropic.com', 'ANTHROPIC_API_KEY'],
  ['openrouter.ai', 'OPENROUTER_API_KEY'],
];

/** The provider key variable for an endpoint's host (a subdomain counts), or null. */
export function providerKeyEnvFor(endpoint: string): string | null {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (const [h, env] of HOST_KEYS) if (host === h || host.endsWith('.' + h)) return env;
  return null;
}

/** Every provider key variable pith knows, with a base endpoint for each (used by the wizard). */
export const KNOWN_KEY_ENDPOINTS: ReadonlyArray<{ env: string; name: string; endpoint: string }> = [
  { env: 'OPENAI_API_KEY', name: 'openai', endpoint: 'https://api.openai.com/v1' },
  { env: 'ANTHROPIC_API_KEY', name: 'anthropic', endpoint: 'https://api.anthropic.com/v1' },
  { env: 'OPENROUTER_API_KEY', name: 'openrouter', endpoint: 'https://openrouter.ai/api/v1' },
];
