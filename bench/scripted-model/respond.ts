import type { ServerResponse } from 'node:http';
import type { ToolCall } from '../../src/core/index.js';
import type { Reply } from './decide.js';
import type { WriteOptions } from './chaos.js';

/**
 * Writing a Reply in each wire format: OpenAI chat completions (SSE chunks with tool-call deltas
 * and a final usage chunk, or one JSON object) and Ollama /api/chat (NDJSON or one object).
 * A PlannedCall whose args carry `__raw` is sent with that raw (invalid) text: chaos uses it.
 */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export function wireCalls(reply: Reply, turn: number): ToolCall[] {
  return reply.calls.map((c, k) => ({
    id: `call_${turn}_${k}`,
    name: c.name,
    arguments: typeof c.args.__raw === 'string' ? c.args.__raw : JSON.stringify(c.args),
  }));
}

function finishReason(reply: Reply): string {
  if (reply.calls.length) return 'tool_calls';
  return reply.text.length > 100_000 ? 'length' : 'stop';
}

/** Split into a few pieces so clients really assemble deltas. */
function pieces(s: string, n = 3): string[] {
  if (s.length < 8) return [s];
  const size = Math.ceil(s.length / n);
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

export function writeOpenAI(res: ServerResponse, reply: Reply, calls: ToolCall[], model: string, usage: Usage, stream: boolean, opts: WriteOptions = {}): void {
  const id = `chatcmpl-scripted-${usage.prompt_tokens}`;
  const usageBody = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  if (!stream) {
    const message: Record<string, unknown> = { role: 'assistant', content: reply.text || (calls.length ? null : '') };
    if (calls.length) message.tool_calls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, object: 'chat.completion', created: 0, model, choices: [{ index: 0, message, finish_reason: opts.omitFinish ? null : finishReason(reply) }], usage: usageBody }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model, choices, ...extra })}\n\n`);
  const delta = (d: Record<string, unknown>) => chunk([{ index: 0, delta: d, finish_reason: null }]);
  delta({ role: 'assistant', content: '' });
  if (reply.text) for (const p of pieces(reply.text)) delta({ content: p });
  calls.forEach((c, index) => {
    delta({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] });
    for (const p of pieces(c.arguments)) delta({ tool_calls: [{ index, function: { arguments: p } }] });
  });
  if (opts.omitFinish) {
    res.end();
    return;
  }
  chunk([{ index: 0, delta: {}, finish_reason: finishReason(reply) }]);
  chunk([], { usage: usageBody });
  res.end('data: [DONE]\n\n');
}

function ollamaCalls(calls: ToolCall[]): unknown[] {
  return calls.map((c) => {
    let args: unknown = c.arguments;
    try {
      args = JSON.parse(c.arguments);
    } catch {
      // chaos: invalid arguments stay a string
    }
    return { function: { name: c.name, arguments: args } };
  });
}

export function writeOllama(res: ServerResponse, reply: Reply, calls: ToolCall[], model: string, usage: Usage, stream: boolean, opts: WriteOptions = {}): void {
  const base = { model, created_at: '2025-01-01T00:00:00Z' };
  const done = { done: true, done_reason: calls.length ? 'stop' : finishReason(reply) === 'length' ? 'length' : 'stop', total_duration: 0, load_duration: 0, prompt_eval_count: usage.prompt_tokens, prompt_eval_duration: 0, eval_count: usage.completion_tokens, eval_duration: 0 };
  const message = { role: 'assistant', content: reply.text, ...(calls.length ? { tool_calls: ollamaCalls(calls) } : {}) };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...base, message, ...(opts.omitFinish ? { done: false } : done) }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const line = (o: unknown) => res.write(JSON.stringify(o) + '\n');
  for (const p of reply.text ? pieces(reply.text) : []) line({ ...base, message: { role: 'assistant', content: p }, done: false });
  if (calls.length) line({ ...base, message: { role: 'assistant', content: '', tool_calls: ollamaCalls(calls) }, done: false });
  if (!opts.omitFinish) line({ ...base, message: { role: 'assistant', content: '' }, ...done });
  res.end();
}
