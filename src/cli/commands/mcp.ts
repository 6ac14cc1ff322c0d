import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { createMcpManager, type McpServerConfig, type McpServerStatus } from '../../mcp/index.js';
import type { CliIO } from '../io.js';
import { homeOf, printWarnings, reportError, resolveRuntime } from '../runtime.js';

const USAGE = `usage: pith mcp list [--profile NAME] [--json]
       pith mcp tools NAME [--profile NAME] [--json]

Starts the profile's MCP servers ([[profiles.P.mcp_servers]]), waits for each to come up or
fail, and shows what the model would get: status, tool names and the tokens their schemas
cost on every call (after trimming; the untrimmed count in parentheses).
A server's stderr goes to .pith/logs/mcp-<name>.log.

options:
  --profile NAME   the profile whose servers to start
  --json           one JSON object: { servers: [...] }
  --help           this text`;

/** Where the command gets its servers; injected so tests run without a config file. */
export interface McpCommandDeps {
  loadServers(io: CliIO, profile: string | undefined): Promise<{ root: string; servers: readonly McpServerConfig[] }>;
}

const defaultDeps: McpCommandDeps = {
  async loadServers(io, profile) {
    const rt = await resolveRuntime({ flags: { profile }, env: io.env, cwd: io.cwd, home: homeOf(io.env) });
    printWarnings(io, rt.warnings);
    return { root: rt.projectRoot, servers: rt.profile.mcpServers };
  },
};

export function createMcpCommand(deps: McpCommandDeps) {
  return async function mcpCommand(argv: string[], io: CliIO): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { profile: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    } catch (e) {
      io.stderr.write(`pith mcp: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    const { values, positionals } = parsed;
    const [sub, name] = positionals;
    if (values.help) return void io.stdout.write(USAGE + '\n'), 0;
    if (sub !== 'list' && sub !== 'tools') {
      io.stderr.write(`${sub ? `pith mcp: unknown subcommand '${sub}'\n` : ''}${USAGE}\n`);
      return 2;
    }
    if (sub === 'tools' && !name) {
      io.stderr.write(`pith mcp tools: which server?\n${USAGE}\n`);
      return 2;
    }
    try {
      const { root, servers } = await deps.loadServers(io, values.profile);
      const chosen = sub === 'tools' ? servers.filter((s) => s.name === name) : servers;
      if (sub === 'tools' && chosen.length === 0) {
        io.stderr.write(`pith mcp: no server '${name}' in this profile${servers.length ? ` (servers: ${servers.map((s) => s.name).join(', ')})` : ''}\n`);
        return 2;
      }
      if (chosen.length === 0) {
        io.stdout.write(values.json ? JSON.stringify({ servers: [] }) + '\n' : 'no MCP servers configured for this profile (see CONFIG.md, [[profiles.P.mcp_servers]]).\n');
        return 0;
      }
      const manager = createMcpManager({ servers: chosen, root, parentEnv: io.env });
      const onAbort = () => void manager.close();
      io.signal.addEventListener('abort', onAbort, { once: true });
      manager.start();
      await manager.settled();
      const status = manager.status();
      await manager.close();
      io.signal.removeEventListener('abort', onAbort);
      if (io.signal.aborted) return 130;
      if (values.json) io.stdout.write(JSON.stringify({ servers: status }) + '\n');
      else io.stdout.write((sub === 'list' ? listText(status, root) : toolsText(status[0]!, root)) + '\n');
      return status.every((s) => s.state === 'ready') ? 0 : 1;
    } catch (e) {
      return reportError(io, e);
    }
  };
}

export const mcpCommand = createMcpCommand(defaultDeps);

const sum = (s: McpServerStatus, k: 'schemaTokens' | 'schemaTokensBefore') => s.tools.reduce((a, t) => a + t[k], 0);
const num = (n: number) => n.toLocaleString('en-US');

function listText(status: McpServerStatus[], root: string): string {
  const rows = [['server', 'via', 'status', 'tools', 'schema tokens'], ...status.map((s) => row(s, root))];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const total = status.reduce((a, s) => a + sum(s, 'schemaTokens'), 0);
  return [...rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()), '', `${num(total)} schema tokens in all, paid on every model call.`].join('\n');
}

function row(s: McpServerStatus, root: string): string[] {
  if (s.state !== 'ready') return [s.name, s.transport, s.state, '-', `${s.error ?? ''}${s.logPath ? `; log: ${relative(root, s.logPath)}` : ''}`];
  return [s.name, s.transport, s.state, String(s.tools.length) + (s.filteredOut ? ` (+${s.filteredOut} filtered)` : ''), `${num(sum(s, 'schemaTokens'))} (${num(sum(s, 'schemaTokensBefore'))} untrimmed)`];
}

function toolsText(s: McpServerStatus, root: string): string {
  if (s.state !== 'ready') return `${s.name} (${s.transport}): ${s.state}: ${s.error ?? ''}${s.logPath ? `\nlog: ${relative(root, s.logPath)}` : ''}`;
  const width = Math.max(...s.tools.map((t) => t.name.length), 4);
  const lines = s.tools.map((t) => `  ${t.name.padEnd(width)}  ${String(t.schemaTokens).padStart(5)} tokens${t.schemaTokens < t.schemaTokensBefore ? ` (${t.schemaTokensBefore} untrimmed)` : ''}${t.serverName !== t.name.slice(s.name.length + 2) ? `  [server name: ${t.serverName}]` : ''}`);
  const head = `${s.name} (${s.transport}, ready): ${s.tools.length} tools, ${num(sum(s, 'schemaTokens'))} schema tokens (${num(sum(s, 'schemaTokensBefore'))} untrimmed)${s.filteredOut ? `, ${s.filteredOut} filtered out` : ''}`;
  return [head, ...lines].join('\n');
}
