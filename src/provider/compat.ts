import type { Compat, ProviderConfig } from '../core/index.js';

/**
 * Where detected quirks live: one record per provider+endpoint+model. In memory only, so
 * each process detects once; the profile's `compat` table always wins over detection.
 */
export interface CompatStore {
  get(key: string): Partial<Compat> | undefined;
  set(key: string, value: Partial<Compat>): void;
}

const processStore: CompatStore = new Map<string, Partial<Compat>>();

export function createCompatStore(): CompatStore {
  return new Map<string, Partial<Compat>>();
}

export function compatKey(cfg: Pick<ProviderConfig, 'provider' | 'endpoint' | 'model'>): string {
  return `${cfg.provider} ${cfg.endpoint} ${cfg.model}`;
}

/** What we assume before anything is detected. */
export function defaultCompat(cfg: Pick<ProviderConfig, 'provider' | 'endpoint'>): Compat {
  if (cfg.provider === 'ollama') {
    return { tools: true, usageInStream: true, reasoningField: 'thinking', maxTokensField: 'max_tokens' };
  }
  // OpenAI's own API rejects max_tokens for reasoning models; most other servers only know max_tokens.
  const official = hostOf(cfg.endpoint) === 'api.openai.com';
  return { tools: true, usageInStream: true, reasoningField: null, maxTokensField: official ? 'max_completion_tokens' : 'max_tokens' };
}

/** Defaults, overlaid by what was detected, overlaid by the profile's explicit settings. */
export function resolveCompat(cfg: ProviderConfig, store: CompatStore = processStore): Compat {
  return { ...defaultCompat(cfg), ...store.get(compatKey(cfg)), ...definedOnly(cfg.compat) };
}

/**
 * Records detected quirks. A field is detected once: later observations of it are
 * ignored, and so are fields the profile sets explicitly.
 */
export function noteDetected(cfg: ProviderConfig, found: Partial<Compat>, store: CompatStore = processStore): void {
  const key = compatKey(cfg);
  const known = store.get(key) ?? {};
  const explicit = definedOnly(cfg.compat);
  const next: Partial<Compat> = { ...known };
  let changed = false;
  for (const field of Object.keys(found) as (keyof Compat)[]) {
    if (found[field] === undefined || field in known || field in explicit) continue;
    (next as Record<string, unknown>)[field] = found[field];
    changed = true;
  }
  if (changed) store.set(key, next);
}

/** The process-wide store, for callers that want to show what was detected (doctor). */
export function sharedCompatStore(): CompatStore {
  return processStore;
}

function definedOnly(c: Partial<Compat> | undefined): Partial<Compat> {
  const out: Partial<Compat> = {};
  for (const [k, v] of Object.entries(c ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
