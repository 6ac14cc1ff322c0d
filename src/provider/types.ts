import type { FinishReason, ProviderErrorKind, ProviderEvent } from '../core/index.js';
import type { CompatStore } from './compat.js';

/**
 * Side effects the provider layer uses, injectable so tests run without real waits.
 * Every field is optional; defaults are the real clock, Math.random, global fetch and a
 * process-wide compat cache.
 */
export interface ProviderDeps {
  /** Waits `ms`; rejects promptly when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Epoch milliseconds; used to read `Retry-After` given as an HTTP date. */
  now?: () => number;
  /** In [0, 1); the jitter source. */
  random?: () => number;
  fetch?: typeof fetch;
  compatStore?: CompatStore;
  backoff?: Partial<BackoffPolicy>;
}

export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. Doubles per retry. */
  baseMs: number;
  /** Cap of the exponential delay. */
  maxMs: number;
  /** A `Retry-After` longer than this ends the stream instead of waiting that long. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 20_000, maxRetryAfterMs: 60_000 };

/** ProviderDeps with every default filled in. */
export interface ResolvedDeps {
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
  fetch: typeof fetch;
  backoff: BackoffPolicy;
}

/** Content events an attempt may yield, plus the finish marker the driver turns into `done`. */
export type AttemptEvent =
  | Extract<ProviderEvent, { type: 'text_delta' | 'reasoning_delta' | 'tool_call' | 'usage' }>
  | { type: 'finish'; finishReason: FinishReason };

export interface AttemptContext {
  /** Aborted when the caller aborts or the attempt stalls. Pass it to fetch. */
  signal: AbortSignal;
  /** Call whenever bytes arrive: it re-arms the stall timer. */
  touch(): void;
}

/** One HTTP request and its streamed reply. Throws on failure; the driver classifies. */
export type Attempt = (ctx: AttemptContext) => AsyncIterable<AttemptEvent>;

/** A classified failure of one attempt. `retryable` is only acted on before content was yielded. */
export class AttemptFailure extends Error {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly retryable: boolean;
  /** From `Retry-After`, already converted to milliseconds. */
  readonly retryAfterMs: number | null;
  constructor(kind: ProviderErrorKind, message: string, opts: { status?: number; retryable?: boolean; retryAfterMs?: number | null } = {}) {
    super(message);
    this.name = 'AttemptFailure';
    this.kind = kind;
    this.status = opts.status;
    this.retryable = opts.retryable ?? false;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function resolveDeps(deps: ProviderDeps = {}): ResolvedDeps {
  return {
    sleep: deps.sleep ?? defaultSleep,
    now: deps.now ?? Date.now,
    random: deps.random ?? Math.random,
    // Late-bound so a test replacing globalThis.fetch after creation is still honoured.
    fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    backoff: { ...DEFAULT_BACKOFF, ...deps.backoff },
  };
}
