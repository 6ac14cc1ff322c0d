import type { Message, ToolSchema } from '../core/index.js';
import type { Tokenizer } from './tokenizer.js';

/** Framing tokens the chat format adds per message, and once to prime the reply (OpenAI's published rule). */
export const PER_MESSAGE_OVERHEAD = 3;
export const REPLY_PRIMING = 3;

export interface RequestCount {
  total: number;
  /** Tokens of all tool schemas together. */
  tools: number;
  /** Tokens of each message, in order, framing and tool-call arguments included. */
  messages: number[];
}

/** Count what is really sent: every message, tool-call arguments and the tools' JSON schemas. */
export function countRequest(tok: Tokenizer, messages: readonly Message[], tools: readonly ToolSchema[] = []): RequestCount {
  const perMessage = messages.map((m) => countMessage(tok, m));
  const toolTokens = countTools(tok, tools);
  const total = perMessage.reduce((a, b) => a + b, 0) + toolTokens + REPLY_PRIMING;
  return { total, tools: toolTokens, messages: perMessage };
}

export function countMessage(tok: Tokenizer, m: Message): number {
  let n = PER_MESSAGE_OVERHEAD + tok.count(m.content);
  if (m.role === 'assistant' && m.toolCalls) {
    for (const c of m.toolCalls) n += tok.count(c.name) + tok.count(c.arguments) + PER_MESSAGE_OVERHEAD;
  }
  if (m.role === 'tool') n += tok.count(m.toolCallId);
  return n;
}

/** Schemas are sent as JSON in the `tools` array; count them as such. */
export function countTools(tok: Tokenizer, tools: readonly ToolSchema[]): number {
  if (tools.length === 0) return 0;
  return tok.count(JSON.stringify(tools.map((t) => ({ type: 'function', function: t }))));
}
