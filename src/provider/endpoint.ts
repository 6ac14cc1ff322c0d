import { PithError, type ProviderConfig } from '../core/index.js';

/** Path suffixes people paste that name an operation rather than the base URL. */
const OPENAI_SUFFIXES = ['/chat/completions', '/completions', '/models'];
const OLLAMA_SUFFIXES = ['/v1/chat/completions', '/v1', '/api/chat', '/api/generate', '/api/tags', '/api'];

/**
 * The base URL the adapters append paths to, without a trailing slash.
 * - openai: `…/v1/chat/completions` -> `…/v1`; a bare host (`http://127.0.0.1:8080`) gets `/v1`,
 *   where llama.cpp, vLLM, LM Studio and Ollama serve their OpenAI-compatible API.
 * - ollama: `…/api/chat` (or an OpenAI-style `…/v1` URL of the same server) -> the server root.
 * A missing scheme means http. Throws PithError('config') for anything that is not an http(s) URL.
 */
export function normalizeEndpoint(url: string, provider: ProviderConfig['provider']): string {
  let text = url.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new PithError('config', `endpoint is not a URL: ${url}`, 'use e.g. http://127.0.0.1:11434 or https://api.openai.com/v1');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PithError('config', `endpoint must be http or https: ${url}`);
  }
  let path = parsed.pathname.replace(/\/+$/, '');
  const suffixes = provider === 'ollama' ? OLLAMA_SUFFIXES : OPENAI_SUFFIXES;
  for (const s of suffixes) {
    if (path.toLowerCase().endsWith(s)) {
      path = path.slice(0, -s.length);
      break;
    }
  }
  if (provider === 'openai' && path === '') path = '/v1';
  // A query string is dropped: the adapters append paths, which would land after it.
  return `${parsed.protocol}//${parsed.host}${path}`;
}
