import type { ToolSchema } from '../core/index.js';

/** For endpoints without tool support: the tools in a few lines, and how to call one in text. */
export function describeToolsAsText(tools: readonly ToolSchema[]): string {
  const lines = tools.map((t) => {
    const props = (t.parameters.properties ?? {}) as Record<string, { type?: unknown }>;
    const args = Object.entries(props).map(([k, v]) => `${k}:${typeof v.type === 'string' ? v.type : 'any'}`).join(', ');
    return `- ${t.name}(${args}): ${t.description}`;
  });
  return `Tools (call one by replying with only {"tool": NAME, "arguments": {...}}):\n${lines.join('\n')}`;
}
