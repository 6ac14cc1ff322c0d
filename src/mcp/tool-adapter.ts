import type { JsonSchema, ToolContext, ToolResult, ToolSpec } from '../core/index.js';
import { countTools, type Tokenizer } from '../tokens/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { cutText, trimSchema } from './schema-trim.js';
import { isToolAllowed, mapToolNames } from './tool-names.js';
import type { McpLimits, McpServerConfig, McpToolInfo } from './types.js';

export interface AdaptedTool {
  spec: ToolSpec;
  info: McpToolInfo;
}

/** Runs one call of the server's tool `serverName`; supplied by the manager, which knows the connection. */
export type CallFn = (serverName: string, args: unknown, ctx: ToolContext) => Promise<ToolResult>;

/**
 * The server's tools as ToolSpecs: include/exclude applied to the server's own names, names
 * mapped (see mapToolNames), descriptions and schemas trimmed (see trimSchema), tokens counted
 * as the provider would send them. effect 'command': the framework gates them like bash.
 */
export function adaptTools(cfg: McpServerConfig, tools: readonly Tool[], tok: Tokenizer, limits: McpLimits, call: CallFn): { tools: AdaptedTool[]; filteredOut: number } {
  const kept = tools.filter((t) => isToolAllowed(t.name, cfg.includeTools, cfg.excludeTools));
  const names = mapToolNames(cfg.name, kept.map((t) => t.name));
  const byServerName = new Map(kept.map((t) => [t.name, t]));
  const out: AdaptedTool[] = [];
  for (const [name, serverName] of names) {
    const tool = byServerName.get(serverName)!;
    const rawDescription = tool.description?.trim() || `${serverName} (MCP server ${cfg.name})`;
    const rawParams = { type: 'object', ...(tool.inputSchema as JsonSchema) };
    const description = cutText(rawDescription, limits.descriptionChars);
    const params = trimSchema(rawParams, limits.paramDescriptionChars);
    out.push({
      info: {
        name,
        serverName,
        schemaTokensBefore: countTools(tok, [{ name, description: rawDescription, parameters: rawParams }]),
        schemaTokens: countTools(tok, [{ name, description, parameters: params }]),
      },
      spec: {
        name,
        description,
        params,
        effect: 'command',
        execute: (args, ctx) => call(serverName, args, ctx),
      },
    });
  }
  return { tools: out, filteredOut: tools.length - kept.length };
}
