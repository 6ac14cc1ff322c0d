import type { EngineEvent, FinishReason, Provider, ProviderRequest, ToolCall, Usage } from '../core/index.js';

export type CallOutcome =
  | { kind: 'ok'; text: string; reasoning: string; toolCalls: ToolCall[]; usage: Usage | null; finishReason: FinishReason; retries: number }
  | { kind: 'error'; errorKind: string; message: string; text: string; toolCalls: ToolCall[]; retries: number };

/** Drive one provider stream to its end, forwarding deltas as EngineEvents. */
export async function callModel(provider: Provider, request: ProviderRequest, signal: AbortSignal, emit: (e: EngineEvent) => void): Promise<CallOutcome> {
  let retries = 0;
  let reasoning = '';
  for await (const ev of provider.stream(request, signal)) {
    switch (ev.type) {
      case 'text_delta':
        emit({ type: 'model_delta', text: ev.text });
        break;
      case 'reasoning_delta':
        reasoning += ev.text;
        emit({ type: 'reasoning_delta', text: ev.text });
        break;
      case 'retry':
        retries++;
        emit({ type: 'retry', attempt: ev.attempt, delayMs: ev.delayMs, reason: ev.reason });
        break;
      case 'tool_call':
      case 'usage':
        break;
      case 'done':
        return { kind: 'ok', text: ev.text, reasoning, toolCalls: ev.toolCalls, usage: ev.usage, finishReason: ev.finishReason, retries };
      case 'error':
        return { kind: 'error', errorKind: ev.kind, message: ev.message, text: ev.partial.text, toolCalls: ev.partial.toolCalls, retries };
    }
  }
  return { kind: 'error', errorKind: 'broken_stream', message: 'the provider stream ended without a result', text: '', toolCalls: [], retries };
}
