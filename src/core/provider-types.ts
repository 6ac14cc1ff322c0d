import type { Message, ToolCall, ToolSchema } from './messages.js';

/** Token usage as the provider reported it. null = the provider did not report that field. */
export interface Usage {
  input_tokens: number | null;
  output_tokens: number | null;
  cached_input_tokens: number | null;
  reasoning_tokens: number | null;
}

export interface ProviderRequest {
  model: string;
  messages: Message[];
  tools?: ToolSchema[];
  /** Cap on the reply, in tokens. */
  maxTokens?: number;
  temperature?: number;
}

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'other';

export type ProviderErrorKind =
  | 'http' // non-retryable HTTP status (4xx other than 429)
  | 'rate_limit' // 429 after retries were used up
  | 'server' // 5xx after retries were used up
  | 'network' // connection refused/reset, DNS
  | 'stall' // no bytes for stallTimeoutMs
  | 'broken_stream' // stream ended without finish_reason, or malformed SSE
  | 'aborted' // the caller's AbortSignal fired
  | 'protocol'; // the response did not have the expected shape

/**
 * Events of one streamed model call. A stream never throws once started: it ends with
 * exactly one `done` or `error` event.
 */
export type ProviderEvent =
  | { type: 'text_delta'; text: string }
  | { type: 'reasoning_delta'; text: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'usage'; usage: Usage }
  | { type: 'retry'; attempt: number; delayMs: number; reason: string }
  | { type: 'done'; finishReason: FinishReason; text: string; toolCalls: ToolCall[]; usage: Usage | null }
  | {
      type: 'error';
      kind: ProviderErrorKind;
      message: string;
      status?: number;
      /** What arrived before the failure. */
      partial: { text: string; toolCalls: ToolCall[] };
    };

export interface Provider {
  /** e.g. "openai" or "ollama"; for telemetry and messages. */
  readonly kind: string;
  stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderEvent>;
}

/** Per endpoint/model quirks, detected once, overridable in the profile (`[profiles.P.compat]`). */
export interface Compat {
  /** The endpoint accepts `tools`; when false, tools are described in text and calls parsed from text. */
  tools: boolean;
  /** Usage arrives in the stream (`stream_options.include_usage`). */
  usageInStream: boolean;
  /** Name of the field carrying reasoning deltas, if any (`reasoning_content`, `reasoning`). */
  reasoningField: string | null;
  /** Name of the request field capping the reply. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
}

/** The narrow slice of a profile the provider layer needs. Built by cli/ from Config. */
export interface ProviderConfig {
  provider: 'openai' | 'ollama';
  /** Normalised base URL, e.g. http://127.0.0.1:11434 for ollama, https://api.openai.com/v1 for openai. */
  endpoint: string;
  model: string;
  apiKey?: string;
  contextTokens: number;
  compat?: Partial<Compat>;
  /** Abort a stream after this long with no bytes. */
  stallTimeoutMs: number;
  /** Retries on 429, 5xx and network errors. */
  maxRetries: number;
  /** Delay before the first retry in ms, doubled per retry (with jitter); unset = the provider's default. */
  retryBaseMs?: number;
  /** Overall per-request timeout for non-streamed calls (e.g. /api/tags). */
  requestTimeoutMs: number;
}
