import type { FinishReason, Message, Provider, ProviderConfig, ProviderRequest, ToolCall } from '../core/index.js';
import { noteDetected, resolveCompat, type CompatStore } from './compat.js';
import { driveStream } from './driver.js';
import { readLines } from './ndjson.js';
import { describeCause, failureFromStatus, isNetworkError, networkFailure, retryAfterFromHeaders, truncate } from './retry.js';
import { AttemptFailure, type AttemptContext, type AttemptEvent, type ResolvedDeps } from './types.js';

/**
 * How long Ollama keeps the model in memory after a call. Its default (5 minutes) unloads
 * it during a long tool run or review, and reloading costs seconds per step.
 */
export const OLLAMA_KEEP_ALIVE = '30m';

/**
 * Ollama's native /api/chat (NDJSON). Used instead of its OpenAI-compatible /v1 because
 * only the native API takes `options.num_ctx`: /v1 silently truncates at the server default.
 */
export function createOllamaProvider(cfg: ProviderConfig, deps: ResolvedDeps, store: CompatStore): Provider {
  return {
    kind: 'ollama',
    stream(request, signal) {
      return driveStream(
        {
          attempt: (ctx) => ollamaAttempt(cfg, request, ctx, deps, store),
          classify: classifyOllamaError,
          maxRetries: cfg.maxRetries,
          stallTimeoutMs: cfg.stallTimeoutMs,
          deps,
        },
        signal,
      );
    },
  };
}

export function buildOllamaBody(cfg: ProviderConfig, req: ProviderRequest, tools: boolean): Record<string, unknown> {
  const options: Record<string, unknown> = { num_ctx: cfg.contextTokens };
  if (req.maxTokens !== undefined) options.num_predict = req.maxTokens;
  if (req.temperature !== undefined) options.temperature = req.temperature;
  const body: Record<string, unknown> = {
    model: req.model,
    messages: req.messages.map(toOllamaMessage),
    stream: true,
    keep_alive: OLLAMA_KEEP_ALIVE,
    options,
  };
  if (tools && req.tools?.length) {
    body.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
  }
  return body;
}

/** Ollama wants tool-call arguments as an object; text that is not a JSON object becomes {}. */
function toOllamaMessage(m: Message): Record<string, unknown> {
  switch (m.role) {
    case 'system':
    case 'user':
      return { role: m.role, content: m.content };
    case 'assistant': {
      const out: Record<string, unknown> = { role: 'assistant', content: m.content };
      if (m.toolCalls?.length) out.tool_calls = m.toolCalls.map((c) => ({ function: { name: c.name, arguments: parseArgs(c.arguments) } }));
      return out;
    }
    case 'tool':
      return { role: 'tool', content: m.content, tool_name: m.name };
  }
}

async function* ollamaAttempt(
  cfg: ProviderConfig,
  request: ProviderRequest,
  ctx: AttemptContext,
  deps: ResolvedDeps,
  store: CompatStore,
): AsyncGenerator<AttemptEvent> {
  const compat = resolveCompat(cfg, store);
  const res = await deps.fetch(`${cfg.endpoint}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}) },
    body: JSON.stringify(buildOllamaBody(cfg, request, compat.tools)),
    signal: ctx.signal,
  });
  ctx.touch();
  if (!res.ok || !res.body) {
    const detail = errorText(await res.text().catch(() => ''));
    const failure = failureFromStatus(res.status, detail, retryAfterFromHeaders(res.headers, deps.now()));
    if (res.status === 404 && /not found/i.test(detail)) {
      throw new AttemptFailure('http', `${failure.message} (try: ollama pull ${request.model})`, { status: 404 });
    }
    throw failure;
  }

  let callCount = 0;
  let sawThinking = false;
  for await (const line of readLines(res.body, ctx.touch)) {
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new AttemptFailure('broken_stream', `malformed NDJSON line: ${truncate(line, 120)}`);
    }
    // Ollama reports failures mid-stream as a line with `error` (e.g. the runner crashed).
    if (typeof obj.error === 'string') throw new AttemptFailure('server', `ollama: ${obj.error}`, { retryable: true });
    const msg = (obj.message ?? {}) as Record<string, unknown>;
    if (typeof msg.thinking === 'string' && msg.thinking !== '') {
      sawThinking = true;
      yield { type: 'reasoning_delta', text: msg.thinking };
    }
    if (typeof msg.content === 'string' && msg.content !== '') yield { type: 'text_delta', text: msg.content };
    // Tool calls arrive whole, one or more per line.
    if (Array.isArray(msg.tool_calls)) {
      for (const raw of msg.tool_calls) {
        yield { type: 'tool_call', call: toToolCall((raw ?? {}) as Record<string, unknown>, callCount++) };
      }
    }
    if (obj.done === true) {
      yield {
        type: 'usage',
        usage: { input_tokens: count(obj.prompt_eval_count), output_tokens: count(obj.eval_count), cached_input_tokens: null, reasoning_tokens: null },
      };
      yield { type: 'finish', finishReason: ollamaFinish(obj.done_reason, callCount > 0) };
      if (sawThinking) noteDetected(cfg, { reasoningField: 'thinking' }, store);
      return;
    }
  }
}

function toToolCall(raw: Record<string, unknown>, n: number): ToolCall {
  const fn = (raw.function ?? {}) as Record<string, unknown>;
  const args = fn.arguments;
  return {
    id: typeof raw.id === 'string' && raw.id ? raw.id : `call_${n}`,
    name: typeof fn.name === 'string' ? fn.name : '',
    arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
  };
}

/** Ollama says "stop" even when it called tools; the loop needs to know tools are due. */
function ollamaFinish(reason: unknown, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls) return 'tool_calls';
  if (reason === 'length') return 'length';
  if (reason === 'stop' || reason === undefined) return 'stop';
  return 'other';
}

export function classifyOllamaError(e: unknown): AttemptFailure {
  if (e instanceof AttemptFailure) return e;
  if (isNetworkError(e)) return networkFailure(e);
  return new AttemptFailure('protocol', describeCause(e));
}

/** Ollama's error bodies are `{"error": "..."}`; anything else is shown as text. */
export function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON
  }
  return body.trim();
}

function parseArgs(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function count(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
