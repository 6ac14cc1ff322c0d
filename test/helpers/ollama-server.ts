/**
 * A scripted Ollama-native server on 127.0.0.1 (real node:http, port 0) for tests.
 *
 *   const srv = await startOllamaServer({ models: [{ name: 'qwen:7b', contextLength: 32768 }] });
 *   srv.enqueue(ollamaReply.text(['Hel', 'lo'], { promptEvalCount: 30, evalCount: 2 }));
 *   // point the code under test at srv.url ("http://127.0.0.1:PORT"), then:
 *   expect(srv.chatRequests()[0].body.options.num_ctx).toBe(8192);
 *   await srv.close();
 *
 * POST /api/chat answers with the next queued OllamaReply (or `handler(request)`), else 500.
 * GET /api/tags lists `models`; POST /api/show describes one of them (404 for others).
 * Every request is recorded in `requests`.
 */
import type { ServerResponse } from 'node:http';
import { closeServer, listenLoopback, recordRequest, sendJson, type RecordedRequest } from './openai-server.js';

export type { RecordedRequest } from './openai-server.js';

export interface FakeOllamaModel {
  name: string;
  /** Reported by /api/show as `<family>.context_length`; omitted when undefined. */
  contextLength?: number;
  /** Reported in /api/show `parameters` as `num_ctx N`. */
  numCtx?: number;
  family?: string;
  capabilities?: string[];
}

/** `close` ends the response after the lines (without a `done: true` line that is a cut stream); `stall` keeps it open, silent. */
export type OllamaReply =
  | { type: 'lines'; lines: object[]; ending: 'close' | 'stall'; lineDelayMs?: number }
  | { type: 'status'; status: number; error: string; headers?: Record<string, string> }
  | { type: 'stall' };

export interface OllamaToolCallSpec {
  name: string;
  arguments: Record<string, unknown>;
  id?: string;
}

interface DoneSpec {
  promptEvalCount?: number;
  evalCount?: number;
  doneReason?: string;
}

const now = '2025-01-01T00:00:00Z';

function line(message: object, model = 'test-model'): object {
  return { model, created_at: now, message: { role: 'assistant', content: '', ...message }, done: false };
}

function doneLine(d: DoneSpec): object {
  return {
    model: 'test-model',
    created_at: now,
    message: { role: 'assistant', content: '' },
    done: true,
    done_reason: d.doneReason ?? 'stop',
    total_duration: 1000,
    prompt_eval_count: d.promptEvalCount ?? 10,
    eval_count: d.evalCount ?? 5,
  };
}

export const ollamaReply = {
  /** One line per piece (and per thinking piece first), then the final `done: true` line with counts. */
  text(pieces: string | string[], opts: DoneSpec & { thinking?: string[] } = {}): OllamaReply {
    const lines: object[] = (opts.thinking ?? []).map((t) => line({ thinking: t }));
    for (const p of typeof pieces === 'string' ? [pieces] : pieces) lines.push(line({ content: p }));
    lines.push(doneLine(opts));
    return { type: 'lines', lines, ending: 'close' };
  },
  /** Tool calls sent whole in one line, arguments as objects (as Ollama does). */
  toolCalls(calls: OllamaToolCallSpec[], opts: DoneSpec & { text?: string } = {}): OllamaReply {
    const toolCalls = calls.map((c, index) => ({ ...(c.id ? { id: c.id } : {}), function: { index, name: c.name, arguments: c.arguments } }));
    return { type: 'lines', lines: [line({ content: opts.text ?? '', tool_calls: toolCalls }), doneLine(opts)], ending: 'close' };
  },
  /** Content lines, then the connection closes without a `done: true` line. */
  cut(pieces: string[]): OllamaReply {
    return { type: 'lines', lines: pieces.map((p) => line({ content: p })), ending: 'close' };
  },
  /** Content lines, then silence with the socket open. */
  stallAfter(pieces: string[]): OllamaReply {
    return { type: 'lines', lines: pieces.map((p) => line({ content: p })), ending: 'stall' };
  },
  stall(): OllamaReply {
    return { type: 'stall' };
  },
  /** An HTTP error with Ollama's `{"error": "..."}` body. */
  status(status: number, error: string, headers?: Record<string, string>): OllamaReply {
    return { type: 'status', status, error, headers };
  },
  /** Any lines (a mid-stream `{ error }` line, say). */
  lines(lines: object[], ending: 'close' | 'stall' = 'close', lineDelayMs?: number): OllamaReply {
    return { type: 'lines', lines, ending, lineDelayMs };
  },
};

export interface OllamaServerOptions {
  models?: FakeOllamaModel[];
  replies?: OllamaReply[];
  handler?: (req: RecordedRequest) => OllamaReply;
}

export interface OllamaServer {
  /** Server root, e.g. "http://127.0.0.1:43123" (what a profile's ollama endpoint holds). */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Only the /api/chat requests. */
  chatRequests(): RecordedRequest[];
  enqueue(...replies: OllamaReply[]): void;
  close(): Promise<void>;
}

export async function startOllamaServer(opts: OllamaServerOptions = {}): Promise<OllamaServer> {
  const queue = [...(opts.replies ?? [])];
  const requests: RecordedRequest[] = [];
  const models = opts.models ?? [{ name: 'test-model', contextLength: 32768 }];
  const { server, port } = await listenLoopback(async (req, res) => {
    const rec = await recordRequest(req);
    requests.push(rec);
    if (rec.method === 'GET' && rec.path === '/api/tags') return sendJson(res, 200, { models: models.map(tagEntry) });
    if (rec.method === 'POST' && rec.path === '/api/show') {
      const m = models.find((x) => x.name === rec.body?.model || x.name === rec.body?.name);
      if (!m) return sendJson(res, 404, { error: `model '${rec.body?.model}' not found` });
      return sendJson(res, 200, showEntry(m));
    }
    if (rec.method === 'POST' && rec.path === '/api/chat') {
      const next = queue.shift() ?? opts.handler?.(rec);
      if (!next) return sendJson(res, 500, { error: 'no scripted reply' });
      return sendReply(res, next);
    }
    sendJson(res, 404, { error: `no route ${rec.method} ${rec.path}` });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/api/chat'),
    enqueue: (...replies) => void queue.push(...replies),
    close: () => closeServer(server),
  };
}

async function sendReply(res: ServerResponse, r: OllamaReply): Promise<void> {
  switch (r.type) {
    case 'status':
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(JSON.stringify({ error: r.error }));
      return;
    case 'stall':
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.flushHeaders();
      return;
    case 'lines':
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (const l of r.lines) {
        if (res.destroyed) return;
        res.write(`${JSON.stringify(l)}\n`);
        if (r.lineDelayMs) await new Promise((ok) => setTimeout(ok, r.lineDelayMs));
      }
      if (r.ending === 'close') res.end();
      return;
  }
}

function tagEntry(m: FakeOllamaModel): object {
  const family = m.family ?? 'llama';
  return {
    name: m.name,
    model: m.name,
    modified_at: now,
    size: 4_000_000_000,
    digest: 'sha256:test',
    details: { format: 'gguf', family, families: [family], parameter_size: '7B', quantization_level: 'Q4_K_M' },
  };
}

function showEntry(m: FakeOllamaModel): object {
  const family = m.family ?? 'llama';
  const modelInfo: Record<string, unknown> = { 'general.architecture': family };
  if (m.contextLength !== undefined) modelInfo[`${family}.context_length`] = m.contextLength;
  return {
    parameters: m.numCtx !== undefined ? `num_ctx                        ${m.numCtx}\nstop                           "<|im_end|>"` : 'stop "<|im_end|>"',
    details: { format: 'gguf', family, parameter_size: '7B', quantization_level: 'Q4_K_M' },
    model_info: modelInfo,
    capabilities: m.capabilities ?? ['completion', 'tools'],
  };
}
