import type { Message, ToolCall, ToolSchema } from '../../src/core/index.js';

/**
 * A chat request normalised from either wire format (OpenAI chat completions or Ollama /api/chat):
 * the provider-neutral messages (for counting), the offered tools, and the agent's past tool calls
 * paired with what came back. Everything the scripted model decides is a function of this alone.
 */
export interface Conversation {
  system: string;
  /** Text of every user message, in order. */
  users: string[];
  messages: Message[];
  tools: ToolSchema[];
  /** The agent's earlier tool calls (real or written as JSON text), oldest first. */
  actions: Action[];
  /** Assistant messages so far: the turn number of the reply being decided. */
  turn: number;
}

export interface Action {
  name: string;
  /** Parsed arguments; null when they were not a JSON object. */
  args: Record<string, unknown> | null;
  /** The tool result shown to the model, null when none followed. */
  result: string | null;
}

type WireMessage = Record<string, unknown>;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((p) => (typeof p === 'string' ? p : typeof p?.text === 'string' ? p.text : '')).join('');
  }
  return '';
}

function parseArgs(raw: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** A tool call written as text, the way small local models do: `{"tool": "...", "arguments": {...}}`. */
export function parseTextCall(text: string): { name: string; args: Record<string, unknown> } | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  const v = parseArgs(text.slice(start, end + 1));
  const name = v?.tool ?? v?.name;
  const args = v?.arguments ?? v?.parameters ?? v?.args;
  if (typeof name !== 'string' || !args || typeof args !== 'object') return null;
  return { name, args: args as Record<string, unknown> };
}

function schemaOf(t: Record<string, unknown>): ToolSchema | null {
  const f = (t.function ?? t) as Record<string, unknown>;
  if (typeof f?.name !== 'string') return null;
  return { name: f.name, description: typeof f.description === 'string' ? f.description : '', parameters: (f.parameters as ToolSchema['parameters']) ?? {} };
}

/** Normalise a request body's `messages` and `tools`. `ollama` = arguments are objects and calls have no ids. */
export function readConversation(body: Record<string, unknown>, ollama: boolean): Conversation {
  const wire = Array.isArray(body.messages) ? (body.messages as WireMessage[]) : [];
  const tools = (Array.isArray(body.tools) ? body.tools : []).map(schemaOf).filter((t): t is ToolSchema => t !== null);
  const messages: Message[] = [];
  const names = new Map<string, string>();
  const system: string[] = [];
  const users: string[] = [];
  let turn = 0;
  let synthetic = 0;
  // Tool calls waiting for their results, by id (OpenAI) or in order (Ollama, no ids).
  const pending: { id: string; action: Action }[] = [];
  const actions: Action[] = [];
  let textCall: Action | null = null;
  for (const m of wire) {
    const role = m.role;
    const content = textOf(m.content);
    if (role === 'system' || role === 'developer') {
      system.push(content);
      messages.push({ role: 'system', content });
    } else if (role === 'user') {
      users.push(content);
      messages.push({ role: 'user', content });
      if (textCall && textCall.result === null) textCall.result = content;
      textCall = null;
    } else if (role === 'assistant') {
      turn++;
      const calls: ToolCall[] = [];
      for (const c of Array.isArray(m.tool_calls) ? (m.tool_calls as Record<string, unknown>[]) : []) {
        const f = (c.function ?? {}) as Record<string, unknown>;
        const name = String(f.name ?? '');
        const raw = typeof f.arguments === 'string' ? f.arguments : JSON.stringify(f.arguments ?? {});
        const id = typeof c.id === 'string' && c.id ? c.id : `ollama_${++synthetic}`;
        calls.push({ id, name, arguments: raw });
        names.set(id, name);
        const action: Action = { name, args: parseArgs(raw), result: null };
        actions.push(action);
        pending.push({ id, action });
      }
      messages.push(calls.length ? { role: 'assistant', content, toolCalls: calls } : { role: 'assistant', content });
      textCall = null;
      if (calls.length === 0) {
        const tc = parseTextCall(content);
        if (tc) {
          textCall = { name: tc.name, args: tc.args, result: null };
          actions.push(textCall);
        }
      }
    } else if (role === 'tool') {
      const wanted = typeof m.tool_call_id === 'string' ? m.tool_call_id : null;
      let at = wanted ? pending.findIndex((p) => p.id === wanted) : -1;
      if (at < 0 && (ollama || !wanted)) at = 0;
      const hit = at >= 0 ? pending.splice(at, 1)[0] : undefined;
      if (hit) hit.action.result = content;
      else if (textCall && textCall.result === null) textCall.result = content;
      const id = wanted ?? hit?.id ?? `ollama_${++synthetic}`;
      messages.push({ role: 'tool', toolCallId: id, name: names.get(id) ?? String(m.tool_name ?? m.name ?? ''), content });
    }
  }
  return { system: system.join('\n'), users, messages, tools, actions, turn };
}
