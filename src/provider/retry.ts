import { AttemptFailure, type BackoffPolicy } from './types.js';

/**
 * `Retry-After` as milliseconds: delta-seconds (decimals tolerated) or an HTTP date.
 * null when absent or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (v === '') return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** Reads `retry-after-ms` (OpenAI's finer header) first, then `retry-after`. */
export function retryAfterFromHeaders(headers: Headers | null | undefined, nowMs: number): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  return parseRetryAfter(headers.get('retry-after'), nowMs);
}

/**
 * Exponential backoff with jitter for retry number `retry` (1-based): the delay lies in
 * [d/2, d) where d = min(maxMs, baseMs * 2^(retry-1)), so concurrent clients spread out.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number): number {
  const d = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(d / 2 + random() * (d / 2));
}

/** Classifies an HTTP status: 429 and 5xx are retryable, any other failure status is not. */
export function failureFromStatus(status: number, detail: string, retryAfterMs: number | null): AttemptFailure {
  const msg = `HTTP ${status}${detail ? `: ${truncate(detail, 300)}` : ''}`;
  if (status === 429) return new AttemptFailure('rate_limit', msg, { status, retryable: true, retryAfterMs });
  if (status >= 500) return new AttemptFailure('server', msg, { status, retryable: true, retryAfterMs });
  return new AttemptFailure('http', msg, { status });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * True for connection-level failures (refused, reset, DNS). Node's fetch wraps them in
 * `TypeError('fetch failed')` with the system error as `cause`; a body cut mid-read
 * surfaces as `TypeError('terminated')`.
 */
export function isNetworkError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (cur instanceof TypeError && /fetch failed|terminated|other side closed/i.test(cur.message)) return true;
  }
  return false;
}

export function networkFailure(e: unknown): AttemptFailure {
  return new AttemptFailure('network', `network error: ${describeCause(e)}`, { retryable: true });
}

/** The innermost useful message, e.g. "connect ECONNREFUSED 127.0.0.1:9". */
export function describeCause(e: unknown): string {
  let msg = e instanceof Error ? e.message : String(e);
  for (let cur: unknown = (e as { cause?: unknown })?.cause, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    if (cur instanceof Error && cur.message) msg = cur.message;
  }
  return msg;
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
