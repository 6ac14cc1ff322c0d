import { normalizeEndpoint as normalizeConfigured } from '../config/index.js';
import { PithError, type ProviderConfig } from '../core/index.js';

/**
 * The base URL the adapters append paths to. One rule set, config's (see there); this wrapper
 * only turns a bad URL into PithError('config') for callers that bypass config (tests, embedders).
 */
export function normalizeEndpoint(url: string, provider: ProviderConfig['provider']): string {
  try {
    return normalizeConfigured(url, provider);
  } catch (e) {
    throw new PithError('config', `endpoint ${(e as Error).message}`, 'use e.g. http://127.0.0.1:11434 or https://api.openai.com/v1');
  }
}
