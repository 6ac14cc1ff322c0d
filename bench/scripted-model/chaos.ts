import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './decide.js';

/**
 * Seeded misbehaviour for reliability tests. For the n-th chat request (counted from 0 per
 * server), a hash of (seed, n) decides whether it misbehaves (probability `rate`) and how
 * (uniformly among `kinds`). Same seed + same request order = same faults. Kinds are
 * pluggable: pass `handlers` to add or override one.
 */
export type ChaosKind =
  | '429'
  | '429_retry_after'
  | '500'
  | '503'
  | 'reset'
  | 'stall'
  | 'no_finish'
  | 'malformed_sse'
  | 'bad_tool_args'
  | 'huge_reply';

export interface ChaosOptions {
  seed: number;
  /** Fraction of chat requests that misbehave, 0..1. */
  rate: number;
  /** Which kinds to draw from (default: every built-in kind). */
  kinds?: string[];
  handlers?: Record<string, ChaosHandler>;
  /** How long a stall holds the connection before dropping it (default 30 s; close() ends it sooner). */
  stallMs?: number;
}

export interface WriteOptions {
  /** Leave out finish_reason / done and the usage chunk. */
  omitFinish?: boolean;
}

export interface ChaosContext {
  req: IncomingMessage;
  res: ServerResponse;
  route: 'openai' | 'ollama';
  stream: boolean;
  reply: Reply;
  stallMs: number;
  /** Write the (possibly altered) reply the normal way. */
  write(reply: Reply, options?: WriteOptions): void;
}

export type ChaosHandler = (ctx: ChaosContext) => void;

function status(code: number, headers: Record<string, string> = {}): ChaosHandler {
  return ({ res }) => {
    res.writeHead(code, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message: `scripted chaos: ${code}`, type: code === 429 ? 'rate_limit_error' : 'server_error', code } }));
  };
}

const HUGE = 'lorem ipsum dolor sit amet '.repeat(16_000);

export const CHAOS_HANDLERS: Record<ChaosKind, ChaosHandler> = {
  '429': status(429),
  '429_retry_after': status(429, { 'retry-after': '1', 'retry-after-ms': '50' }),
  '500': status(500),
  '503': status(503),
  reset: ({ req }) => req.socket.destroy(),
  stall: ({ res, req, route, stream, stallMs }) => {
    res.writeHead(200, { 'content-type': stream ? (route === 'openai' ? 'text/event-stream' : 'application/x-ndjson') : 'application/json' });
    if (stream && route === 'openai') res.write(`data: ${JSON.stringify({ id: 'chatcmpl-stall', object: 'chat.completion.chunk', created: 0, model: 'scripted', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`);
    const timer = setTimeout(() => req.socket.destroy(), stallMs);
    req.socket.once('close', () => clearTimeout(timer));
  },
  no_finish: ({ write, reply }) => write(reply, { omitFinish: true }),
  malformed_sse: ({ res, route, stream }) => {
    res.writeHead(200, { 'content-type': stream ? (route === 'openai' ? 'text/event-stream' : 'application/x-ndjson') : 'application/json' });
    res.end(route === 'openai' && stream ? 'data: {"id":"chatcmpl-bad","choices":[{"delta":{"content":"he\n\ndata: not json at all\n\n' : '{"message": {"content": "trunc');
  },
  bad_tool_args: ({ write, reply }) => {
    const call = reply.calls[0] ?? { name: 'read', args: {}, say: '' };
    write({ ...reply, kind: 'tool', calls: [{ ...call, args: { __raw: '{"path": "src/' } }] });
  },
  huge_reply: ({ write, reply }) => write({ ...reply, kind: 'finish', text: HUGE, calls: [] }),
};

/** Deterministic uniform number in [0, 1) from (seed, n). */
export function chaosRandom(seed: number, n: number, salt = 0): number {
  let t = (seed ^ Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The kind the n-th request gets, or null when it behaves. */
export function pickChaos(options: ChaosOptions | undefined, n: number): string | null {
  if (!options || options.rate <= 0) return null;
  if (chaosRandom(options.seed, n, 0) >= options.rate) return null;
  const kinds = options.kinds?.length ? options.kinds : Object.keys(CHAOS_HANDLERS);
  return kinds[Math.floor(chaosRandom(options.seed, n, 1) * kinds.length)] ?? null;
}

export function chaosHandler(options: ChaosOptions, kind: string): ChaosHandler {
  const h = options.handlers?.[kind] ?? CHAOS_HANDLERS[kind as ChaosKind];
  if (!h) throw new Error(`unknown chaos kind '${kind}'`);
  return h;
}
