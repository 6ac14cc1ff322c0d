/**
 * A scripted OpenAI-compatible server on 127.0.0.1 (real node:http, port 0) for tests.
 *
 *   const srv = await startOpenAIServer();
 *   srv.enqueue(reply.text(['Hel', 'lo'], { usage: { prompt: 12, completion: 2 } }));
 *   // point the code under test at srv.url (".../v1"), then:
 *   expect(srv.requests[0].body.model).toBe('m');
 *   await srv.close();
 *
 * POST /v1/chat/completions answers with the next queued Reply (or `handler(request)` when the
 * queue is empty); with neither it answers 500 "no scripted reply", so a missing script fails
 * loudly. GET /v1/models lists `models`. Every request is recorded in `requests`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without query, e.g. "/v1/chat/completions". */
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or null when there was none or it was not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  raw: string;
}

/**
 * How a stream ends: `done` sends `data: [DONE]` and closes; `cut` closes cleanly without it;
 * `reset` destroys the socket mid-body (the client sees a network error); `stall` keeps it open, silent.
 */
export type StreamEnding = 'done' | 'cut' | 'reset' | 'stall';

export type Reply =
  | { type: 'stream'; chunks: object[]; ending: StreamEnding; chunkDelayMs?: number }
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Sends 200 and SSE headers, then nothing. */
  | { type: 'stall' }
  /** A non-streamed JSON answer (for `stream: false` callers). */
  | { type: 'json'; body: unknown };

export interface UsageSpec {
  prompt: number;
  completion: number;
  cached?: number;
  reasoning?: number;
}

export interface ToolCallSpec {
  id: string;
  name: string;
  /** JSON text; streamed in `pieces` parts. */
  arguments: string;
}

const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1, model: 'test-model' };

/** Builders for the usual replies. All chunk objects follow the Chat Completions stream format. */
export const reply = {
  /** Text deltas (one per piece), a finish chunk, an optional usage chunk (empty choices), [DONE]. */
  text(pieces: string | string[], opts: { usage?: UsageSpec; reasoning?: string[]; reasoningField?: string; finishReason?: string } = {}): Reply {
    const chunks: object[] = [chunk({ role: 'assistant', content: '' })];
    for (const r of opts.reasoning ?? []) chunks.push(chunk({ [opts.reasoningField ?? 'reasoning_content']: r }));
    for (const p of typeof pieces === 'string' ? [pieces] : pieces) chunks.push(chunk({ content: p }));
    chunks.push(chunk({}, opts.finishReason ?? 'stop'));
    if (opts.usage) chunks.push(usageChunk(opts.usage));
    return { type: 'stream', chunks, ending: 'done' };
  },
  /** Tool calls whose arguments are split into `pieces` parts across chunks, as OpenAI streams them. */
  toolCalls(calls: ToolCallSpec[], opts: { pieces?: number; text?: string; usage?: UsageSpec } = {}): Reply {
    const chunks: object[] = [chunk({ role: 'assistant', content: opts.text ?? null })];
    calls.forEach((c, index) => {
      chunks.push(chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
      for (const part of split(c.arguments, opts.pieces ?? 3)) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
    });
    chunks.push(chunk({}, 'tool_calls'));
    if (opts.usage) chunks.push(usageChunk(opts.usage));
    return { type: 'stream', chunks, ending: 'done' };
  },
  /** Text deltas, then the connection closes: no finish_reason, no [DONE]. */
  cut(pieces: string[]): Reply {
    return { type: 'stream', chunks: pieces.map((p) => chunk({ content: p })), ending: 'cut' };
  },
  /** Text deltas, then the socket is destroyed (a connection reset mid-stream). */
  reset(pieces: string[]): Reply {
    return { type: 'stream', chunks: pieces.map((p) => chunk({ content: p })), ending: 'reset' };
  },
  /** Text deltas, then silence with the socket open (a stall mid-stream). */
  stallAfter(pieces: string[]): Reply {
    return { type: 'stream', chunks: pieces.map((p) => chunk({ content: p })), ending: 'stall' };
  },
  /** Headers, then silence (a stall before the first byte of the body). */
  stall(): Reply {
    return { type: 'stall' };
  },
  /** 429 with an OpenAI-style error body; `retryAfter` is sent verbatim (seconds or an HTTP date). */
  rateLimited(retryAfter?: string): Reply {
    return status(429, 'Rate limit reached', retryAfter === undefined ? {} : { 'retry-after': retryAfter });
  },
  serverError(code = 500): Reply {
    return status(code, 'The server had an error');
  },
  status,
  /** Any chunks, any ending: for shapes the builders do not cover. */
  chunks(chunks: object[], ending: StreamEnding = 'done', chunkDelayMs?: number): Reply {
    return { type: 'stream', chunks, ending, chunkDelayMs };
  },
};

function status(code: number, message: string, headers: Record<string, string> = {}): Reply {
  return { type: 'status', status: code, body: { error: { message, type: 'test_error', code: null } }, headers };
}

/** One stream chunk with a single choice. */
export function chunk(delta: object, finishReason: string | null = null): object {
  return { ...base, choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

/** The final usage chunk sent with `stream_options.include_usage`: empty choices. */
export function usageChunk(u: UsageSpec): object {
  const usage: Record<string, unknown> = { prompt_tokens: u.prompt, completion_tokens: u.completion, total_tokens: u.prompt + u.completion };
  if (u.cached !== undefined) usage.prompt_tokens_details = { cached_tokens: u.cached };
  if (u.reasoning !== undefined) usage.completion_tokens_details = { reasoning_tokens: u.reasoning };
  return { ...base, choices: [], usage };
}

function split(s: string, n: number): string[] {
  const size = Math.max(1, Math.ceil(s.length / n));
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out.length ? out : [''];
}

export interface OpenAIServerOptions {
  replies?: Reply[];
  /** Answers when the queue is empty. */
  handler?: (req: RecordedRequest) => Reply;
  /** Ids listed by GET /v1/models. */
  models?: string[];
}

export interface OpenAIServer {
  /** Base URL to configure, e.g. "http://127.0.0.1:43123/v1". */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Only the chat-completions requests. */
  chatRequests(): RecordedRequest[];
  enqueue(...replies: Reply[]): void;
  /** Closes the server and destroys open (e.g. stalled) connections. */
  close(): Promise<void>;
}

export async function startOpenAIServer(opts: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const queue = [...(opts.replies ?? [])];
  const requests: RecordedRequest[] = [];
  const { server, port } = await listenLoopback(async (req, res) => {
    const rec = await recordRequest(req);
    requests.push(rec);
    if (rec.method === 'GET' && rec.path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: (opts.models ?? ['test-model']).map((id) => ({ id, object: 'model', created: 1, owned_by: 'test' })) });
    }
    if (rec.method !== 'POST' || rec.path !== '/v1/chat/completions') return sendJson(res, 404, { error: { message: `no route ${rec.method} ${rec.path}` } });
    const next = queue.shift() ?? opts.handler?.(rec);
    if (!next) return sendJson(res, 500, { error: { message: 'no scripted reply' } });
    await sendReply(res, next);
  });
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    enqueue: (...replies) => void queue.push(...replies),
    close: () => closeServer(server),
  };
}

async function sendReply(res: ServerResponse, r: Reply): Promise<void> {
  switch (r.type) {
    case 'status':
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(JSON.stringify(r.body ?? {}));
      return;
    case 'json':
      return sendJson(res, 200, r.body);
    case 'stall':
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      return;
    case 'stream':
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const c of r.chunks) {
        if (res.destroyed) return;
        res.write(`data: ${JSON.stringify(c)}\n\n`);
        if (r.chunkDelayMs) await new Promise((ok) => setTimeout(ok, r.chunkDelayMs));
      }
      if (r.ending === 'done') res.end('data: [DONE]\n\n');
      else if (r.ending === 'cut') res.end();
      else if (r.ending === 'reset') setTimeout(() => res.destroy(), 20); // let the chunks leave first
      return; // 'stall': leave the socket open
  }
}

// ---- shared plumbing, also used by ollama-server.ts ----

export async function listenLoopback(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(e) } });
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function recordRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  const raw = Buffer.concat(parts).toString('utf8');
  let body: unknown = null;
  try {
    body = raw ? JSON.parse(raw) : null;
  } catch {
    body = null;
  }
  return { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0], headers: req.headers, body, raw };
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((ok) => server.close(() => ok()));
}
