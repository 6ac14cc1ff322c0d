import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { LoggedStdioTransport, childEnv } from './stdio-transport.js';
import { sanitizeName } from './tool-names.js';
import type { McpServerConfig } from './types.js';

export interface ConnectOptions {
  /** Project root: stdio children run here, and logs go to `<root>/.pith/logs/`. */
  root: string;
  /** The environment the minimal child environment is picked from (cli passes process.env). */
  parentEnv: Readonly<Record<string, string | undefined>>;
  clientInfo: { name: string; version: string };
  timeoutMs: number;
}

/** One live connection to one server. */
export interface Connection {
  client: Client;
  transport: 'stdio' | 'http';
  /** Called once when the connection closes for any reason (crash, server exit, our close()). */
  onClosed(listener: () => void): void;
  /** "exit code 7" for a stdio child that ended; undefined while it runs or for http. */
  exitReason(): string | undefined;
  close(): Promise<void>;
}

export function mcpLogPath(root: string, server: string): string {
  return join(root, '.pith', 'logs', `mcp-${sanitizeName(server)}.log`);
}

/**
 * Connect and initialise. Rejects (after killing any child) on a bad config, a spawn failure,
 * an early exit or when `timeoutMs` passes; never leaves a child running on failure.
 */
export async function openConnection(cfg: McpServerConfig, opts: ConnectOptions): Promise<Connection> {
  let transport: Transport;
  let stdio: LoggedStdioTransport | undefined;
  if (cfg.command && cfg.command.length > 0 && !cfg.url) {
    const [command, ...args] = cfg.command;
    stdio = new LoggedStdioTransport({ command: command!, args, env: childEnv(opts.parentEnv, cfg.env), cwd: opts.root, logPath: mcpLogPath(opts.root, cfg.name) });
    transport = stdio;
  } else if (cfg.url && !cfg.command) {
    transport = new StreamableHTTPClientTransport(new URL(cfg.url));
  } else {
    throw new Error(`server '${cfg.name}' needs exactly one of command or url`);
  }
  const client = new Client(opts.clientInfo, { capabilities: {} });
  const listeners: Array<() => void> = [];
  let closed = false;
  client.onclose = () => {
    if (closed) return;
    closed = true;
    for (const l of listeners) l();
  };
  client.onerror = () => {}; // transport noise; a real failure surfaces as a close or a rejected request
  try {
    await withTimeout(client.connect(transport, { timeout: opts.timeoutMs }), opts.timeoutMs, 'start');
  } catch (e) {
    const exit = stdio?.exitReason; // read before close(): our own kill would overwrite the cause
    await client.close().catch(() => {});
    throw new Error(exit ? `exited during start (${exit})` : `could not start: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    client,
    transport: stdio ? 'stdio' : 'http',
    onClosed: (l) => listeners.push(l),
    exitReason: () => stdio?.exitReason,
    close: () => client.close(),
  };
}

/** All tools, following pagination. */
export async function listAllTools(client: Client, timeoutMs: number): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {}, { timeout: timeoutMs });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
