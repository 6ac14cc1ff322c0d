/**
 * What the MCP client needs and reports. Servers are configured as `[[profiles.P.mcp_servers]]`;
 * their type lives in config, so cli passes `profile.mcpServers` straight through.
 */
import type { McpServerConfig } from '../config/index.js';

export type { McpServerConfig };

export const DEFAULT_TIMEOUT_S = 60;

/** Knobs that are policy, not per-server config. Every field has a default (DEFAULT_LIMITS). */
export interface McpLimits {
  /** A tool's top-level description is cut to this many characters. */
  descriptionChars: number;
  /** Descriptions nested inside the parameter schema are cut to this many characters. */
  paramDescriptionChars: number;
  /** A result's text is cut to this many tokens. */
  resultTokens: number;
  /** A server that crashes after it was ready is started again this many times per session. */
  restarts: number;
  /** Delay before the first restart; it doubles for each later one. */
  restartDelayMs: number;
}

export const DEFAULT_LIMITS: McpLimits = {
  descriptionChars: 300,
  paramDescriptionChars: 100,
  resultTokens: 4000,
  restarts: 2,
  restartDelayMs: 1000,
};

/**
 * idle: start() not called yet; starting: connecting/listing tools; ready: tools exposed;
 * failed: never came up; crashed: came up, then the connection closed; closed: close() was called.
 */
export type McpServerState = 'idle' | 'starting' | 'ready' | 'failed' | 'crashed' | 'closed';

export interface McpToolInfo {
  /** Name shown to the model: `<server>__<tool>`, mapped to [a-zA-Z0-9_-]{1,64}. */
  name: string;
  /** Name as the server spells it. */
  serverName: string;
  /** Tokens of the tool's schema as sent to the model, before and after trimming. */
  schemaTokensBefore: number;
  schemaTokens: number;
}

export interface McpServerStatus {
  name: string;
  transport: 'stdio' | 'http';
  state: McpServerState;
  /** Tools exposed (empty unless ready). */
  tools: McpToolInfo[];
  /** Tools the server offered that include/exclude filtered out. */
  filteredOut: number;
  /** Why it failed or crashed. */
  error?: string;
  /** Where a stdio child's stderr goes. */
  logPath?: string;
}

/**
 * Reported through the manager's `onEvent`. `server_down` fires at most once per server
 * (failed start, crash, or startup timeout); its tools are withdrawn at the same moment.
 */
export type McpEvent =
  | { type: 'server_ready'; server: string; tools: number; schemaTokens: number; schemaTokensBefore: number }
  | { type: 'server_down'; server: string; state: 'failed' | 'crashed'; message: string; logPath?: string; restartInMs?: number };
