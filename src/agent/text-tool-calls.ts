import type { ToolCall } from '../core/index.js';
import { parseLenientJson } from './json-repair.js';

/**
 * Small local models often write a tool call as JSON in their text instead of using the
 * tools API. Accepted shapes: {"tool"|"name"|"function": NAME, "arguments"|"args"|"parameters": {...}},
 * optionally fenced, with prose around. Only names the agent offers are taken, so ordinary
 * JSON in an answer is not mistaken for a call.
 */
export function parseTextToolCalls(text: string, toolNames: ReadonlySet<string>, idPrefix: string): ToolCall[] {
  if (!text.includes('{')) return [];
  const value = parseLenientJson(text);
  const items = Array.isArray(value) ? value : [value];
  const calls: ToolCall[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const fn = o.function && typeof o.function === 'object' ? (o.function as Record<string, unknown>) : o;
    const name = [fn.tool, fn.name, typeof o.function === 'string' ? o.function : undefined].find((v) => typeof v === 'string') as string | undefined;
    if (!name || !toolNames.has(name)) continue;
    const args = fn.arguments ?? fn.args ?? fn.parameters ?? fn.input ?? {};
    calls.push({ id: `${idPrefix}${calls.length}`, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) });
  }
  return calls;
}

/** Reasoning some models inline as <think>...</think>: shown to the user, never sent back. */
export function splitThinking(text: string): { visible: string; thinking: string } {
  let thinking = '';
  const visible = text.replace(/<think>([\s\S]*?)(?:<\/think>|$)/g, (_m, t: string) => {
    thinking += t;
    return '';
  });
  return { visible: visible.trim(), thinking: thinking.trim() };
}
