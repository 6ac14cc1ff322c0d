/** Chat messages in pith's own provider-neutral shape. Adapters map them to each wire format. */

export interface ToolCall {
  id: string;
  name: string;
  /** Raw JSON text exactly as the model produced it (may be malformed: the loop repairs or rejects it). */
  arguments: string;
}

export type Message =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string };

/** A JSON Schema object, carried as data (provider never imports tools). */
export type JsonSchema = { [key: string]: unknown };

/** What the model is told about one tool. */
export interface ToolSchema {
  name: string;
  description: string;
  parameters: JsonSchema;
}
