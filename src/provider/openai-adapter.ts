import type OpenAI from 'openai';
import type { Compat, Provider, ProviderConfig, ProviderRequest, Usage } from '../core/index.js';
import { noteDetected, resolveCompat, type CompatStore } from './compat.js';
import { driveStream } from './driver.js';
import { buildWireBody, mapFinishReason, mapWireUsage, ToolCallAssembler, type WireBody } from './openai-wire.js';
import { describeCause, failureFromStatus, isNetworkError, networkFailure, retryAfterFromHeaders } from './retry.js';
import { AttemptFailure, type AttemptContext, type AttemptEvent, type ResolvedDeps } from './types.js';

/** Reasoning fields seen in the wild, tried in this order while none has been detected. */
const KNOWN_REASONING_FIELDS = ['reasoning_content', 'reasoning'];

type Sdk = typeof import('openai');
let sdkLoad: Promise<Sdk> | null = null;
let sdk: Sdk | null = null;

/** The SDK is loaded on first use, not at import: `pith --version` must not pay for it. */
async function loadSdk(): Promise<Sdk> {
  sdkLoad ??= import('openai').then((m) => (sdk = m));
  return sdkLoad;
}

const silentLogger = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * OpenAI-compatible Chat Completions over the openai SDK. The SDK only moves bytes and parses
 * SSE: its retries are off (the driver retries) and tool-call pieces are assembled here, since
 * its stream helper rejects slightly non-standard chunks.
 */
export function createOpenAIProvider(cfg: ProviderConfig, deps: ResolvedDeps, store: CompatStore): Provider {
  return {
    kind: 'openai',
    stream(request, signal) {
      return driveStream(
        {
          attempt: (ctx) => openaiAttempt(cfg, request, ctx, deps, store),
          classify: (e) => classifyOpenAIError(e, deps.now()),
          maxRetries: cfg.maxRetries,
          stallTimeoutMs: cfg.stallTimeoutMs,
          deps,
        },
        signal,
      );
    },
  };
}

async function* openaiAttempt(
  cfg: ProviderConfig,
  request: ProviderRequest,
  ctx: AttemptContext,
  deps: ResolvedDeps,
  store: CompatStore,
): AsyncGenerator<AttemptEvent> {
  const { default: OpenAIClient } = await loadSdk();
  // One client per attempt: its fetch reports this attempt's bytes to the stall timer.
  const client = new OpenAIClient({
    apiKey: cfg.apiKey || 'unused',
    baseURL: cfg.endpoint,
    maxRetries: 0,
    organization: null,
    project: null,
    logger: silentLogger,
    fetch: touchingFetch(deps.fetch, ctx.touch),
    // Without a key, send no Authorization header at all rather than a fake one.
    defaultHeaders: cfg.apiKey ? undefined : { Authorization: null },
  });
  let compat = resolveCompat(cfg, store);
  const create = (body: WireBody) =>
    client.chat.completions.create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming, { signal: ctx.signal });

  let stream: AsyncIterable<unknown>;
  try {
    stream = await create(buildWireBody(request, compat));
  } catch (e) {
    const field = maxTokensFieldToSwitch(e, cfg, compat);
    if (!field) throw e;
    noteDetected(cfg, { maxTokensField: field }, store);
    compat = { ...compat, maxTokensField: field };
    stream = await create(buildWireBody(request, compat));
  }

  const reasoningFields = compat.reasoningField ? [compat.reasoningField] : KNOWN_REASONING_FIELDS;
  const calls = new ToolCallAssembler();
  let usage: Usage | null = null;
  let finished = false;
  let reasoningSeen: string | null = null;
  for await (const raw of stream) {
    const chunk = (raw ?? {}) as Record<string, unknown>;
    if (chunk.usage && typeof chunk.usage === 'object') usage = mapWireUsage(chunk.usage as Record<string, unknown>);
    const choice = (Array.isArray(chunk.choices) ? chunk.choices[0] : undefined) as Record<string, unknown> | undefined;
    if (!choice) continue; // e.g. the usage chunk, whose choices are empty
    const delta = (choice.delta ?? {}) as Record<string, unknown>;
    for (const field of reasoningFields) {
      const text = delta[field];
      if (typeof text === 'string' && text !== '') {
        reasoningSeen ??= field;
        yield { type: 'reasoning_delta', text };
      }
    }
    if (typeof delta.content === 'string' && delta.content !== '') yield { type: 'text_delta', text: delta.content };
    if (Array.isArray(delta.tool_calls)) for (const piece of delta.tool_calls) calls.add((piece ?? {}) as Record<string, unknown>);
    if (!finished && typeof choice.finish_reason === 'string' && choice.finish_reason !== '') {
      finished = true;
      // Calls are only whole once the choice finished; a stream cut earlier yields none.
      for (const call of calls.finish()) yield { type: 'tool_call', call };
      yield { type: 'finish', finishReason: mapFinishReason(choice.finish_reason, calls.size > 0) };
    }
  }
  if (usage) yield { type: 'usage', usage };
  if (finished) {
    const found: Partial<Compat> = {};
    if (compat.usageInStream) found.usageInStream = usage !== null;
    if (reasoningSeen) found.reasoningField = reasoningSeen;
    noteDetected(cfg, found, store);
  }
}

/** Passes responses through, reporting every received chunk of bytes to `touch`. */
function touchingFetch(inner: typeof fetch, touch: () => void): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    touch();
    if (!res.body) return res;
    const body = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          touch();
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/**
 * A 400 that names max_completion_tokens (OpenAI's reasoning models) or rejects
 * max_completion_tokens (older servers) flips the field once, unless the profile fixed it.
 */
function maxTokensFieldToSwitch(e: unknown, cfg: ProviderConfig, compat: Compat): Compat['maxTokensField'] | null {
  const status = (e as { status?: unknown })?.status;
  if (status !== 400 && status !== 422) return null;
  if (cfg.compat?.maxTokensField !== undefined) return null;
  const msg = e instanceof Error ? e.message : '';
  if (compat.maxTokensField === 'max_tokens' && msg.includes('max_completion_tokens')) return 'max_completion_tokens';
  if (compat.maxTokensField === 'max_completion_tokens' && /unrecognized|unknown|unsupported|not permitted/i.test(msg) && msg.includes('max_completion_tokens')) {
    return 'max_tokens';
  }
  return null;
}

export function classifyOpenAIError(e: unknown, nowMs: number): AttemptFailure {
  if (e instanceof AttemptFailure) return e;
  if (sdk && e instanceof sdk.APIError) {
    if (typeof e.status === 'number') {
      const detail = (e.message ?? '').replace(/^\d{3}\s*/, '');
      return failureFromStatus(e.status, detail, retryAfterFromHeaders(e.headers, nowMs));
    }
    if (e instanceof sdk.APIConnectionError) return networkFailure(e);
    // An `error` object sent inside the stream: the server failed mid-reply.
    return new AttemptFailure('server', `server error in stream: ${e.message}`, { retryable: true });
  }
  if (isNetworkError(e)) return networkFailure(e);
  if (e instanceof SyntaxError) return new AttemptFailure('broken_stream', `malformed SSE data: ${e.message}`);
  return new AttemptFailure('protocol', describeCause(e));
}
