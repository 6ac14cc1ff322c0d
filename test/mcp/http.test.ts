import { describe, it, expect, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMcpManager } from '../../src/mcp/index.js';

const SERVER = fileURLToPath(new URL('../helpers/mcp-test-server.mjs', import.meta.url));
const child = spawn('node', [SERVER, '--http=0'], { stdio: ['ignore', 'pipe', 'ignore'] });
const root = mkdtempSync(join(tmpdir(), 'pith-mcp-http-'));
afterAll(() => {
  child.kill();
  rmSync(root, { recursive: true, force: true });
});

describe('MCP over streamable HTTP', () => {
  it('lists tools and makes a call against a loopback server', async () => {
    const port = await new Promise<string>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
    const manager = createMcpManager({ servers: [{ name: 'web', url: `http://127.0.0.1:${port}/mcp`, includeTools: ['echo'] }], root, parentEnv: {} });
    manager.start();
    await manager.settled();
    expect(manager.status()[0]).toMatchObject({ state: 'ready', transport: 'http' });
    const [echo] = manager.tools();
    expect(echo!.name).toBe('web__echo');
    const r = await echo!.execute({ text: 'over http' }, { root, signal: new AbortController().signal, approve: async () => 'allow' });
    expect(r.forModel).toBe('over http');
    await manager.close();
  });
});
