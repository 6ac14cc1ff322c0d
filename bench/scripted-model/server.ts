import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '../../src/core/index.js';
import { countRequest, getTokenizer, type Tokenizer } from '../../src/tokens/index.js';
import { chaosHandler, pickChaos, type ChaosOptions, type WriteOptions } from './chaos.js';
import { readConversation } from './conversation.js';
import { decideReply, type Reply } from './decide.js';
import { wireCalls, writeOllama, writeOpenAI, type Usage } from './respond.js';
import type { Task } from './tasks.js';

/**
 * The scripted model: a real OpenAI-compatible (and Ollama-native) HTTP server on 127.0.0.1 that
 * answers every chat request by following the matching task's solution script (see decide.ts).
 * Usage is counted with o200k over exactly what the request carried (src/tokens), so every
 * agent is billed by the same rule.
 */
export interface ScriptedModelOptions {
  tasks: readonly Task[];
  /** 0 (default) = any free port. */
  port?: number;
  chaos?: ChaosOptions;
  /** Model id reported by /v1/models and /api/tags (default "scripted"). */
  model?: string;
}

export interface RecordedRequest {
  route: 'openai' | 'ollama';
  stream: boolean;
  /** The request body as received. */
  body: Record<string, unknown>;
  /** Its messages in pith's neutral shape. */
  messages: Message[];
  promptTokens: number;
  completionTokens: number;
  reply: Reply;
  /** The chaos kind applied, or null. */
  chaos: string | null;
}

export interface ScriptedModel {
  /** Base URL for OpenAI clients, e.g. http://127.0.0.1:40123/v1 */
  url: string;
  /** Base URL for Ollama clients, e.g. http://127.0.0.1:40123 */
  ollamaUrl: string;
  /** Every chat request, in arrival order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const v = text ? JSON.parse(text) : {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('body must be a JSON object');
  return v;
}

function json(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function completionTokens(tok: Tokenizer, text: string, calls: { name: string; arguments: string }[]): number {
  return tok.count(text) + calls.reduce((n, c) => n + tok.count(c.name) + tok.count(c.arguments), 0);
}

export async function startScriptedModel(options: ScriptedModelOptions): Promise<ScriptedModel> {
  const tok = await getTokenizer();
  const model = options.model ?? 'scripted';
  const requests: RecordedRequest[] = [];
  let chatCount = 0;
  const stallMs = options.chaos?.stallMs ?? 30_000;

  async function chat(req: IncomingMessage, res: ServerResponse, route: 'openai' | 'ollama'): Promise<void> {
    const n = chatCount++;
    const body = await readBody(req);
    const stream = route === 'openai' ? body.stream === true : body.stream !== false;
    const convo = readConversation(body, route === 'ollama');
    const decided = decideReply(options.tasks, convo);
    // No tools offered: the call goes in the text, the way small local models answer.
    const reply: Reply = !convo.tools.length && decided.calls.length
      ? { ...decided, text: JSON.stringify({ tool: decided.calls[0].name, arguments: decided.calls[0].args }), calls: [] }
      : decided;
    const promptTokens = countRequest(tok, convo.messages, convo.tools).total;
    const kind = pickChaos(options.chaos, n);
    const record: RecordedRequest = { route, stream, body, messages: convo.messages, promptTokens, completionTokens: 0, reply, chaos: kind };
    requests.push(record);
    const write = (r: Reply, opts?: WriteOptions) => {
      const calls = wireCalls(r, convo.turn);
      const usage: Usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens(tok, r.text, calls) };
      record.completionTokens = usage.completion_tokens;
      (route === 'openai' ? writeOpenAI : writeOllama)(res, r, calls, String(body.model ?? model), usage, stream, opts);
    };
    if (kind) chaosHandler(options.chaos!, kind)({ req, res, route, stream, reply, stallMs, write });
    else write(reply);
  }

  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const route = `${req.method} ${url}`;
    const handle = async () => {
      switch (route) {
        case 'GET /v1/models':
          return json(res, 200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'pith-bench' }] });
        case 'POST /v1/chat/completions':
          return chat(req, res, 'openai');
        case 'POST /api/chat':
          return chat(req, res, 'ollama');
        case 'GET /api/tags':
          return json(res, 200, { models: [{ name: `${model}:latest`, model: `${model}:latest`, modified_at: '2025-01-01T00:00:00Z', size: 0, digest: 'scripted', details: { family: 'scripted', parameter_size: '0B', quantization_level: 'none' } }] });
        case 'POST /api/show':
          return json(res, 200, { modelfile: '', parameters: '', template: '{{ .Prompt }}', details: { family: 'scripted', parameter_size: '0B', quantization_level: 'none' }, model_info: { 'general.architecture': 'scripted', 'scripted.context_length': 131072 }, capabilities: ['completion', 'tools'] });
        case 'GET /api/version':
          return json(res, 200, { version: '0.0.0-scripted' });
        default:
          return json(res, 404, { error: { message: `no route ${route}` } });
      }
    };
    handle().catch((e: Error) => {
      if (!res.headersSent) json(res, 400, { error: { message: e.message, type: 'invalid_request_error' } });
      else res.end();
    });
  });
  // Node's default keep-alive of 5 s races a client whose process was blocked longer (a test's
  // spawnSync of a cold cargo build): it reuses the socket just as the server closes it.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    ollamaUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
