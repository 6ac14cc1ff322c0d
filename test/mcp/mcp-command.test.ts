import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createMcpCommand } from '../../src/cli/commands/mcp.js';
import type { CliIO } from '../../src/cli/io.js';
import type { McpServerConfig } from '../../src/mcp/index.js';

const SERVER = fileURLToPath(new URL('../helpers/mcp-test-server.mjs', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[], servers: McpServerConfig[]) {
  const root = mkdtempSync(join(tmpdir(), 'pith-mcp-cmd-'));
  dirs.push(root);
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const io: CliIO = { stdout: out, stderr: err, stdin: new PassThrough(), env: process.env, cwd: root, isTTY: false, signal: new AbortController().signal };
  const code = await createMcpCommand({ loadServers: async () => ({ root, servers }) })(argv, io);
  return { code, stdout, stderr };
}

describe('pith mcp', () => {
  it('list shows each server with status, tool count and schema tokens', async () => {
    const r = await run(['list'], [{ name: 'good', command: ['node', SERVER], excludeTools: ['crash'] }, { name: 'bad', command: ['node', SERVER, '--fail-start'] }]);
    expect(r.code).toBe(1); // not every server is up
    expect(r.stdout).toMatch(/^good\s+stdio\s+ready\s+9 \(\+1 filtered\)\s+[\d,]+ \([\d,]+ untrimmed\)$/m);
    expect(r.stdout).toMatch(/^bad\s+stdio\s+failed\s+-\s+exited during start \(exit code 3\); log: \.pith\/logs\/mcp-bad\.log$/m);
    expect(r.stdout).toMatch(/schema tokens in all/);
  });

  it('tools NAME lists tool names with their schema tokens; --json gives the same data', async () => {
    const r = await run(['tools', 'srv'], [{ name: 'srv', command: ['node', SERVER] }]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^srv \(stdio, ready\): 10 tools/);
    expect(r.stdout).toMatch(/^ {2}srv__verbose\s+\d+ tokens \(\d+ untrimmed\)$/m);
    expect(r.stdout).toMatch(/srv__files_read_all .*\[server name: files\.read all\]/);
    const j = await run(['tools', 'srv', '--json'], [{ name: 'srv', command: ['node', SERVER] }]);
    const parsed = JSON.parse(j.stdout) as { servers: Array<{ name: string; tools: unknown[] }> };
    expect(parsed.servers[0]!.tools).toHaveLength(10);
  });

  it('rejects an unknown server and a missing subcommand', async () => {
    expect((await run(['tools', 'nope'], [{ name: 'srv', command: ['node', SERVER] }])).stderr).toMatch(/no server 'nope'.*servers: srv/);
    expect((await run([], [])).code).toBe(2);
  });
});
