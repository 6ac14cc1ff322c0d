import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext, ToolResult, ToolSpec } from '../core/index.js';
import { getTokenizer, type Tokenizer } from '../tokens/index.js';
import { errorResult, shapeCallResult } from './call-result.js';
import { listAllTools, mcpLogPath, openConnection, withTimeout, type Connection } from './server-connection.js';
import { adaptTools, type AdaptedTool } from './tool-adapter.js';
import { DEFAULT_LIMITS, DEFAULT_TIMEOUT_S, type McpEvent, type McpLimits, type McpServerConfig, type McpServerState, type McpServerStatus } from './types.js';

export interface McpManagerOptions {
  servers: readonly McpServerConfig[];
  /** Project root (children's cwd; logs in `<root>/.pith/logs/`). */
  root: string;
  /** Environment the minimal child environment is picked from; cli passes process.env. */
  parentEnv: Readonly<Record<string, string | undefined>>;
  limits?: Partial<McpLimits>;
  /** Defaults to the shared o200k tokenizer. */
  tokenizer?: Tokenizer;
  /** server_ready once per (re)start; server_down once per failure or crash. */
  onEvent?: (e: McpEvent) => void;
  /** Keeps the full text of a cut result; the returned id goes in meta.recallId. */
  keepFull?: (text: string) => string | undefined;
  clientInfo?: { name: string; version: string };
}

export interface McpManager {
  /** Starts every server in the background and returns at once. Idempotent. */
  start(): void;
  /** Tools of the servers that are ready now; a server that went down contributes none. */
  tools(): ToolSpec[];
  status(): McpServerStatus[];
  /** Resolves when every server has settled (ready, failed or crashed); for CLI listings and tests. */
  settled(): Promise<void>;
  /** Closes every connection and child. The manager's tools then return errors. */
  close(): Promise<void>;
}

interface Entry {
  cfg: McpServerConfig;
  state: McpServerState;
  conn?: Connection;
  tools: AdaptedTool[];
  filteredOut: number;
  error?: string;
  starting?: Promise<void>;
  /** Restarts after crashes so far, and the pending one. */
  restarts: number;
  restartTimer?: NodeJS.Timeout;
}

/** One manager per session: owns the MCP connections and adapts their tools. */
export function createMcpManager(opts: McpManagerOptions): McpManager {
  const limits: McpLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const clientInfo = opts.clientInfo ?? { name: 'pith', version: '0' };
  const entries = new Map<string, Entry>(opts.servers.map((cfg) => [cfg.name, { cfg, state: 'idle', tools: [], filteredOut: 0, restarts: 0 }]));
  let tok = opts.tokenizer;
  const timeoutMs = (e: Entry) => (e.cfg.timeoutS ?? DEFAULT_TIMEOUT_S) * 1000;
  const isStdio = (e: Entry) => Boolean(e.cfg.command?.length && !e.cfg.url);
  // Tools exist only once a server is ready, which is after the tokenizer loaded.
  const count = (t: string) => tok!.count(t);

  /**
   * The one place a server goes down: state, tools withdrawn, event once. A crash of a server
   * that was up schedules a restart (limits.restarts per session, the delay doubling); its
   * tools come back when it is ready again. A server that never came up is not retried.
   */
  function down(e: Entry, state: 'failed' | 'crashed', message: string): void {
    if (e.state === 'failed' || e.state === 'crashed' || e.state === 'closed') return;
    e.state = state;
    e.error = message;
    e.tools = [];
    const restartInMs = state === 'crashed' && e.restarts < limits.restarts ? limits.restartDelayMs * 2 ** e.restarts : undefined;
    if (restartInMs !== undefined) {
      e.restartTimer = setTimeout(() => {
        e.restartTimer = undefined;
        if (e.state !== 'crashed') return;
        e.restarts++;
        e.starting = startOne(e);
      }, restartInMs);
      e.restartTimer.unref();
    }
    const logPath = isStdio(e) ? mcpLogPath(opts.root, e.cfg.name) : undefined;
    opts.onEvent?.({ type: 'server_down', server: e.cfg.name, state, message, ...(logPath ? { logPath } : {}), ...(restartInMs !== undefined ? { restartInMs } : {}) });
    void e.conn?.close().catch(() => {});
  }

  async function startOne(e: Entry): Promise<void> {
    e.state = 'starting';
    const ms = timeoutMs(e);
    try {
      tok ??= await getTokenizer();
      const conn = await openConnection(e.cfg, { root: opts.root, parentEnv: opts.parentEnv, clientInfo, timeoutMs: ms });
      e.conn = conn;
      if (e.state !== 'starting') return void (await conn.close()); // close() ran meanwhile
      conn.onClosed(() => down(e, e.state === 'starting' ? 'failed' : 'crashed', `exited (${conn.exitReason() ?? 'connection closed'})`));
      const listed = await withTimeout(listAllTools(conn.client, ms), ms, 'listing tools');
      if (e.state !== 'starting') return void (await conn.close()); // closed or went down meanwhile
      const adapted = adaptTools(e.cfg, listed, tok, limits, (serverName, args, ctx) => callTool(e, serverName, args, ctx));
      e.tools = adapted.tools;
      e.filteredOut = adapted.filteredOut;
      e.state = 'ready';
      const sum = (k: 'schemaTokens' | 'schemaTokensBefore') => e.tools.reduce((a, t) => a + t.info[k], 0);
      opts.onEvent?.({ type: 'server_ready', server: e.cfg.name, tools: e.tools.length, schemaTokens: sum('schemaTokens'), schemaTokensBefore: sum('schemaTokensBefore') });
    } catch (err) {
      down(e, 'failed', err instanceof Error ? err.message : String(err));
    }
  }

  async function callTool(e: Entry, serverName: string, args: unknown, ctx: ToolContext): Promise<ToolResult> {
    const label = `${e.cfg.name}.${serverName}`;
    if (e.state !== 'ready' || !e.conn) return errorResult('failed', `MCP server '${e.cfg.name}' is ${e.state}${e.error ? ` (${e.error})` : ''}; its tools are unavailable`, count);
    const params = args ?? {};
    if (typeof params !== 'object' || Array.isArray(params)) return errorResult('bad_args', 'arguments must be a JSON object', count);
    const decision = await ctx.approve({ kind: 'mcp', tool: label, summary: `mcp ${label} ${preview(params)}` });
    if (decision === 'deny') return errorResult('denied', `the user denied ${label}`, count);
    const conn = e.conn;
    try {
      const result = await conn.client.callTool({ name: serverName, arguments: params as Record<string, unknown> }, undefined, { timeout: timeoutMs(e), signal: ctx.signal });
      return shapeCallResult(result as Parameters<typeof shapeCallResult>[0], { count, maxTokens: limits.resultTokens, label, keep: opts.keepFull });
    } catch (err) {
      if (ctx.signal.aborted) return errorResult('aborted', `${label} was cancelled`, count);
      if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) return errorResult('timeout', `${label} gave no reply within ${timeoutMs(e) / 1000} s`, count);
      if ((err instanceof McpError && err.code === ErrorCode.ConnectionClosed) || (e.state as McpServerState) !== 'ready') {
        down(e, 'crashed', `exited during a call (${conn.exitReason() ?? 'connection closed'})`);
        const back = e.restartTimer ? ' until pith restarts it' : '';
        return errorResult('failed', `MCP server '${e.cfg.name}' exited during the call; its tools are withdrawn${back}`, count);
      }
      return errorResult('failed', `${label}: ${err instanceof Error ? err.message : String(err)}`, count);
    }
  }

  return {
    start() {
      for (const e of entries.values()) if (e.state === 'idle') e.starting = startOne(e);
    },
    tools() {
      return [...entries.values()].filter((e) => e.state === 'ready').flatMap((e) => e.tools.map((t) => t.spec));
    },
    status() {
      return [...entries.values()].map((e) => ({
        name: e.cfg.name,
        transport: isStdio(e) ? 'stdio' : 'http',
        state: e.state,
        tools: e.tools.map((t) => t.info),
        filteredOut: e.filteredOut,
        ...(e.error ? { error: e.error } : {}),
        ...(isStdio(e) ? { logPath: mcpLogPath(opts.root, e.cfg.name) } : {}),
      }));
    },
    async settled() {
      await Promise.all([...entries.values()].map((e) => e.starting));
    },
    async close() {
      const all = [...entries.values()];
      for (const e of all) {
        e.state = 'closed';
        e.tools = [];
        clearTimeout(e.restartTimer);
      }
      await Promise.all(all.map((e) => e.conn?.close().catch(() => {})));
    },
  };
}

function preview(args: object): string {
  const s = JSON.stringify(args);
  return s.length > 120 ? s.slice(0, 119) + '…' : s;
}
