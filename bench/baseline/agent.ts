import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Message } from '../../src/core/index.js';
import { costUsd, countRequest, getTokenizer, type Price } from '../../src/tokens/index.js';
import { systemPrompt } from './prompt.js';
import { BASELINE_TOOLS } from './tools-schema.js';
import { executeTool } from './tools.js';

/**
 * The baseline agent: the plain loop common agents run. The whole history is re-sent on every
 * call, tools are executed on the repository copy, and the loop ends at the first reply without
 * tool calls (or at maxTurns). Tokens: the server's usage when it reports it, else our own count
 * of the request with src/tokens (the same rule the scripted model bills by).
 */
export interface BaselineOptions {
  baseURL: string;
  model: string;
  apiKey?: string;
  root: string;
  prompt: string;
  /** Environment of the bash tool (PITH_TSC for the TypeScript fixture). */
  env: NodeJS.ProcessEnv;
  price: Price;
  maxTurns?: number;
  signal?: AbortSignal;
  /** One line per event, for the run's log file. */
  log?: (line: string) => void;
}

export interface BaselineResult {
  input_tokens: number;
  output_tokens: number;
  /** Our own count of every request (compare with input_tokens). */
  counted_tokens: number;
  calls: number;
  tool_calls: number;
  first_request_tokens: number;
  peak_request_tokens: number;
  stale_edits: number;
  malformed_edits: number;
  cost_usd: number;
  final_text: string;
  status: 'done' | 'max_turns' | 'error';
  error?: string;
}

interface Assembled {
  text: string;
  calls: { id: string; name: string; arguments: string }[];
  finish: string | null;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
}

async function callModel(client: OpenAI, o: BaselineOptions, messages: ChatCompletionMessageParam[]): Promise<Assembled> {
  const stream = await client.chat.completions.create(
    {
      model: o.model,
      messages,
      tools: BASELINE_TOOLS.map((t) => ({ type: 'function' as const, function: t })),
      stream: true,
      stream_options: { include_usage: true },
    },
    { signal: o.signal },
  );
  const out: Assembled = { text: '', calls: [], finish: null, usage: null };
  for await (const chunk of stream) {
    if (chunk.usage) out.usage = { prompt_tokens: chunk.usage.prompt_tokens, completion_tokens: chunk.usage.completion_tokens };
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta?.content) out.text += choice.delta.content;
    for (const d of choice.delta?.tool_calls ?? []) {
      const c = (out.calls[d.index] ??= { id: '', name: '', arguments: '' });
      if (d.id) c.id = d.id;
      if (d.function?.name) c.name += d.function.name;
      if (d.function?.arguments) c.arguments += d.function.arguments;
    }
    if (choice.finish_reason) out.finish = choice.finish_reason;
  }
  if (out.finish === null) throw new Error('the stream ended without a finish_reason');
  out.calls = out.calls.filter(Boolean).map((c, i) => ({ ...c, id: c.id || `call_${i}` }));
  return out;
}

/** The wire history in pith's neutral shape, for counting. */
function neutral(messages: ChatCompletionMessageParam[]): Message[] {
  return messages.map((m): Message => {
    const content = typeof m.content === 'string' ? m.content : '';
    if (m.role === 'assistant') {
      const toolCalls = (m.tool_calls ?? []).flatMap((c) => (c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : []));
      return toolCalls.length ? { role: 'assistant', content, toolCalls } : { role: 'assistant', content };
    }
    if (m.role === 'tool') return { role: 'tool', toolCallId: m.tool_call_id, name: '', content };
    return { role: m.role === 'system' || m.role === 'developer' ? 'system' : 'user', content };
  });
}

export async function runBaseline(o: BaselineOptions): Promise<BaselineResult> {
  const tok = await getTokenizer();
  const client = new OpenAI({ baseURL: o.baseURL, apiKey: o.apiKey ?? 'not-needed', maxRetries: 2 });
  const log = o.log ?? (() => {});
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: systemPrompt(o.root, process.platform) },
    { role: 'user', content: o.prompt },
  ];
  const r: BaselineResult = {
    input_tokens: 0, output_tokens: 0, counted_tokens: 0, calls: 0, tool_calls: 0, first_request_tokens: 0, peak_request_tokens: 0,
    stale_edits: 0, malformed_edits: 0, cost_usd: 0, final_text: '', status: 'max_turns',
  };
  for (let turn = 0; turn < (o.maxTurns ?? 40); turn++) {
    const counted = countRequest(tok, neutral(messages), BASELINE_TOOLS).total;
    let reply: Assembled;
    try {
      reply = await callModel(client, o, messages);
    } catch (e) {
      r.status = 'error';
      r.error = (e as Error).message;
      log(`call ${turn + 1} failed: ${r.error}`);
      return r;
    }
    const input = reply.usage?.prompt_tokens ?? counted;
    const output = reply.usage?.completion_tokens ?? tok.count(reply.text) + reply.calls.reduce((n, c) => n + tok.count(c.name) + tok.count(c.arguments), 0);
    r.calls++;
    r.counted_tokens += counted;
    r.input_tokens += input;
    r.output_tokens += output;
    if (r.calls === 1) r.first_request_tokens = input;
    r.peak_request_tokens = Math.max(r.peak_request_tokens, input);
    r.cost_usd += costUsd({ input_tokens: input, output_tokens: output, cached_input_tokens: null }, o.price);
    log(`call ${r.calls}: in ${input} (counted ${counted}) out ${output} finish ${reply.finish}${reply.text ? ` · ${reply.text.slice(0, 120)}` : ''}`);
    messages.push({
      role: 'assistant',
      content: reply.text || null,
      ...(reply.calls.length ? { tool_calls: reply.calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) } : {}),
    });
    if (reply.calls.length === 0) {
      r.final_text = reply.text;
      r.status = 'done';
      return r;
    }
    for (const c of reply.calls) {
      r.tool_calls++;
      const res = executeTool(o.root, c.name, c.arguments, o.env);
      if (res.failure === 'stale') r.stale_edits++;
      if (res.failure === 'malformed') r.malformed_edits++;
      log(`  ${c.name} ${c.arguments.slice(0, 160)} -> ${res.text.split('\n')[0]!.slice(0, 120)}`);
      messages.push({ role: 'tool', tool_call_id: c.id, content: res.text });
    }
  }
  return r;
}
