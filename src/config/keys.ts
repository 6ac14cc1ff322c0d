import { isLoopbackEndpoint, providerKeyEnvFor } from './endpoint.js';
import type { EnvLike } from './load.js';

/** Where a profile's key came from. Never carries the key itself, so it is safe to print. */
export type KeySource =
  | { kind: 'env'; name: string }
  | { kind: 'config' }
  | { kind: 'none'; /** The variable that would have been used, if any. */ wanted: string | null };

export interface ResolvedKey {
  /** The secret. Never print, log or record it. */
  value?: string;
  source: KeySource;
  /** A non-loopback endpoint with no key: requests will most likely be refused. */
  missingForPaid: boolean;
}

export interface KeyInputs {
  endpoint: string;
  apiKey?: string;
  apiKeyEnv?: string;
  /** Endpoint the profile's own key was configured for; its key is not sent to a different host. */
  profileEndpoint?: string;
}

/**
 * Pick the key for an endpoint. Order: PITH_API_KEY; the profile's api_key_env (only that
 * variable, no fallback when it is unset); the profile's api_key; the well-known variable for the
 * endpoint's host (OPENAI_API_KEY for api.openai.com, ...). A profile's key is skipped when the
 * endpoint was overridden to another host, so a key never travels to a server it was not meant for.
 */
export function resolveApiKey(k: KeyInputs, env: EnvLike): ResolvedKey {
  const done = (value: string | undefined, source: KeySource): ResolvedKey => ({
    value,
    source,
    missingForPaid: value === undefined && !isLoopbackEndpoint(k.endpoint),
  });
  const fromEnv = (name: string): string | undefined => {
    const v = env[name];
    return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
  };
  const pith = fromEnv('PITH_API_KEY');
  if (pith) return done(pith, { kind: 'env', name: 'PITH_API_KEY' });
  const sameHost = k.profileEndpoint === undefined || host(k.profileEndpoint) === host(k.endpoint);
  if (sameHost && k.apiKeyEnv) {
    const v = fromEnv(k.apiKeyEnv);
    return v ? done(v, { kind: 'env', name: k.apiKeyEnv }) : done(undefined, { kind: 'none', wanted: k.apiKeyEnv });
  }
  if (sameHost && k.apiKey) return done(k.apiKey, { kind: 'config' });
  const wanted = providerKeyEnvFor(k.endpoint);
  if (wanted) {
    const v = fromEnv(wanted);
    if (v) return done(v, { kind: 'env', name: wanted });
  }
  return done(undefined, { kind: 'none', wanted });
}

/** "set (env OPENAI_API_KEY)", "set (config file)", "missing (set OPENAI_API_KEY)", "not needed (local endpoint)". */
export function describeKey(key: ResolvedKey, endpoint: string): string {
  switch (key.source.kind) {
    case 'env':
      return `set (env ${key.source.name})`;
    case 'config':
      return 'set (config file)';
    case 'none':
      if (isLoopbackEndpoint(endpoint)) return 'not needed (local endpoint)';
      return key.source.wanted ? `missing (set ${key.source.wanted})` : 'missing (set PITH_API_KEY or api_key_env)';
  }
}

function host(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
