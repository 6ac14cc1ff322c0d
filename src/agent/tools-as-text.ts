import type { ToolSchema } from '../core/index.js';

/**
 * For endpoints without tool support: the tools in a few lines, and how to call one in text.
 * A parameter's own description (e.g. bash's `done`) follows its type, since the model sees no schema.
 */
export function describeToolsAsText(tools: readonly ToolSchema[]): string {
  const lines = tools.map((t) => {
    const props = (t.parameters.properties ?? {}) as Record<string, { type?: unknown; description?: unknown }>;
    const args = Object.entries(props)
      .map(([k, v]) => `${k}:${typeof v.type === 'string' ? v.type : 'any'}${typeof v.description === 'string' ? ` (${v.description})` : ''}`)
      .join(', ');
    return `- ${t.name}(${args}): ${t.description}`;
  });
  return `Tools (call one by replying with only {"tool": NAME, "arguments": {...}}):\n${lines.join('\n')}`;
}
