import type { Compat, FinishReason, Message, ProviderRequest, ToolCall, Usage } from '../core/index.js';

/** Chat Completions request body. Plain data: the SDK's types are too strict for other servers' extras. */
export type WireBody = Record<string, unknown>;

/** Maps pith's neutral messages to the Chat Completions wire format. */
export function toWireMessages(messages: Message[]): Record<string, unknown>[] {
  return messages.map((m) => {
    switch (m.role) {
      case 'system':
      case 'user':
        return { role: m.role, content: m.content };
      case 'assistant': {
        const calls = m.toolCalls ?? [];
        if (calls.length === 0) return { role: 'assistant', content: m.content };
        return {
          role: 'assistant',
          // The spec makes content optional beside tool_calls; null is the accepted "none".
          content: m.content === '' ? null : m.content,
          tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
        };
      }
      case 'tool':
        return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    }
  });
}

export function buildWireBody(req: ProviderRequest, compat: Compat): WireBody {
  const body: WireBody = { model: req.model, messages: toWireMessages(req.messages), stream: true };
  if (compat.usageInStream) body.stream_options = { include_usage: true };
  if (req.tools?.length && compat.tools) {
    body.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
  }
  if (req.maxTokens !== undefined) body[compat.maxTokensField] = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  return body;
}

/** Wire usage -> Usage. Fields a server leaves out stay null; DeepSeek's cache-hit name is accepted too. */
export function mapWireUsage(u: Record<string, unknown>): Usage {
  const prompt = (u.prompt_tokens_details ?? {}) as Record<string, unknown>;
  const completion = (u.completion_tokens_details ?? {}) as Record<string, unknown>;
  return {
    input_tokens: num(u.prompt_tokens),
    output_tokens: num(u.completion_tokens),
    cached_input_tokens: num(prompt.cached_tokens) ?? num(u.prompt_cache_hit_tokens),
    reasoning_tokens: num(completion.reasoning_tokens),
  };
}

/** A server that sent tool calls but said "stop" still means "run the tools". */
export function mapFinishReason(raw: string, hasToolCalls: boolean): FinishReason {
  switch (raw) {
    case 'stop':
      return hasToolCalls ? 'tool_calls' : 'stop';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    default:
      return hasToolCalls ? 'tool_calls' : 'other';
  }
}

/**
 * Assembles streamed tool-call pieces. Pieces are keyed by `index`; the first piece of a call
 * carries its id and name, later ones only argument text. Servers that omit `index` are
 * tolerated: a new id starts a new call, no id continues the last one.
 */
export class ToolCallAssembler {
  private readonly calls: { id: string; name: string; arguments: string }[] = [];
  private readonly byIndex = new Map<number, number>();

  add(piece: Record<string, unknown>): void {
    const fn = (piece.function ?? {}) as Record<string, unknown>;
    const id = typeof piece.id === 'string' && piece.id !== '' ? piece.id : null;
    const slot = this.slotFor(typeof piece.index === 'number' ? piece.index : null, id);
    const call = this.calls[slot];
    if (id && !call.id) call.id = id;
    // First name wins: some servers repeat the full name on every piece.
    if (typeof fn.name === 'string' && fn.name && !call.name) call.name = fn.name;
    if (typeof fn.arguments === 'string') call.arguments += fn.arguments;
    else if (fn.arguments && typeof fn.arguments === 'object') call.arguments += JSON.stringify(fn.arguments);
  }

  get size(): number {
    return this.calls.length;
  }

  /** The assembled calls, in order; a call the server sent without an id gets `call_<n>`. */
  finish(): ToolCall[] {
    return this.calls.map((c, i) => ({ id: c.id || `call_${i}`, name: c.name, arguments: c.arguments }));
  }

  private slotFor(index: number | null, id: string | null): number {
    if (index !== null) {
      let slot = this.byIndex.get(index);
      if (slot === undefined) {
        slot = this.calls.push({ id: '', name: '', arguments: '' }) - 1;
        this.byIndex.set(index, slot);
      }
      return slot;
    }
    const known = id ? this.calls.findIndex((c) => c.id === id) : -1;
    if (known >= 0) return known;
    if (id || this.calls.length === 0) return this.calls.push({ id: '', name: '', arguments: '' }) - 1;
    return this.calls.length - 1;
  }
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
