import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMcpManager, TOOL_NAME_RE, type McpEvent, type McpManager, type McpServerConfig } from '../../src/mcp/index.js';
import { getTokenizer, type Tokenizer } from '../../src/tokens/index.js';
import type { ApprovalRequest, ToolContext, ToolSpec } from '../../src/core/index.js';

const SERVER = fileURLToPath(new URL('../helpers/mcp-test-server.mjs', import.meta.url));
let tok: Tokenizer;
let open: McpManager[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  tok = await getTokenizer();
});
afterEach(async () => {
  await Promise.all(open.map((m) => m.close()));
  open = [];
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(servers: McpServerConfig[], extra: { resultTokens?: number; restartDelayMs?: number } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'pith-mcp-'));
  dirs.push(root);
  const events: McpEvent[] = [];
  const manager = createMcpManager({
    servers,
    root,
    parentEnv: { ...process.env, PITH_SECRET_FROM_PARENT: 'leak?' },
    tokenizer: tok,
    limits: { ...(extra.resultTokens ? { resultTokens: extra.resultTokens } : {}), ...(extra.restartDelayMs ? { restartDelayMs: extra.restartDelayMs } : {}) },
    onEvent: (e) => events.push(e),
  });
  open.push(manager);
  return { root, events, manager };
}

const approvals: ApprovalRequest[] = [];
function ctx(root: string, signal = new AbortController().signal): ToolContext {
  return { root, signal, approve: async (r) => (approvals.push(r), 'allow') };
}
const node = (name: string, ...args: string[]): McpServerConfig => ({ name, command: ['node', SERVER, ...args] });
const byName = (tools: ToolSpec[], name: string) => {
  const t = tools.find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name} in ${tools.map((x) => x.name).join(', ')}`);
  return t;
};

describe('MCP manager over stdio with a real server', () => {
  it('starts in the background, lists tools with mapped names, and makes a call', async () => {
    const { root, manager, events } = setup([node('test')]);
    manager.start();
    expect(manager.tools()).toEqual([]); // start() does not block
    expect(manager.status()[0]!.state).toBe('starting');
    await manager.settled();
    const tools = manager.tools();
    expect(tools.map((t) => t.name)).toContain('test__echo');
    expect(tools.map((t) => t.name)).toContain('test__files_read_all');
    for (const t of tools) {
      expect(t.name).toMatch(TOOL_NAME_RE);
      expect(t.effect).toBe('command');
    }
    const r = await byName(tools, 'test__echo').execute({ text: 'hello mcp' }, ctx(root));
    expect(r.error).toBeUndefined();
    expect(r.forModel).toBe('hello mcp');
    expect(r.meta.tokens).toBe(tok.count('hello mcp'));
    expect(approvals.at(-1)).toMatchObject({ kind: 'mcp', tool: 'test.echo' });
    const mapped = await byName(tools, 'test__files_read_all').execute({}, ctx(root));
    expect(mapped.forModel).toBe('mapped ok');
    expect(events).toEqual([expect.objectContaining({ type: 'server_ready', server: 'test', tools: tools.length })]);
  });

  it('honours include and exclude', async () => {
    const { manager } = setup([
      { ...node('inc'), includeTools: ['echo', 'a*'] },
      { ...node('exc'), excludeTools: ['crash', 'files.*', 'verbose'] },
    ]);
    manager.start();
    await manager.settled();
    const names = manager.tools().map((t) => t.name);
    expect(names.filter((n) => n.startsWith('inc__')).sort()).toEqual(['inc__add', 'inc__echo']);
    const exc = names.filter((n) => n.startsWith('exc__'));
    expect(exc).toContain('exc__echo');
    expect(exc).not.toContain('exc__crash');
    expect(exc).not.toContain('exc__files_read_all');
    expect(exc).not.toContain('exc__verbose');
    expect(manager.status().find((s) => s.name === 'inc')!.filteredOut).toBe(8);
  });

  it('a crash mid-call gives an error result; later calls fail cleanly; other servers go on', async () => {
    const { root, manager, events } = setup([node('a'), node('b')]);
    manager.start();
    await manager.settled();
    const tools = manager.tools();
    const r = await byName(tools, 'a__crash').execute({}, ctx(root));
    expect(r.error?.type).toBe('failed');
    expect(r.forModel).toMatch(/exited during the call/);
    const later = await byName(tools, 'a__echo').execute({ text: 'x' }, ctx(root));
    expect(later.error?.type).toBe('failed');
    expect(later.forModel).toMatch(/'a' is crashed/);
    expect(manager.tools().some((t) => t.name.startsWith('a__'))).toBe(false); // withdrawn
    const downs = events.filter((e) => e.type === 'server_down');
    expect(downs).toEqual([expect.objectContaining({ server: 'a', state: 'crashed' })]); // reported once
    expect((await byName(manager.tools(), 'b__echo').execute({ text: 'still here' }, ctx(root))).forModel).toBe('still here');
    expect(readFileSync(join(root, '.pith/logs/mcp-a.log'), 'utf8')).toMatch(/crashing now/);
  });

  it('a server that crashed is restarted (at most twice, the delay doubling) and its tools come back', async () => {
    const { root, manager, events } = setup([node('a')], { restartDelayMs: 50 });
    manager.start();
    await manager.settled();
    const crashAndReturn = async (n: number) => {
      const r = await byName(manager.tools(), 'a__crash').execute({}, ctx(root));
      expect(r.forModel).toMatch(/until pith restarts it/);
      const until = Date.now() + 10_000;
      while (events.filter((e) => e.type === 'server_ready').length < n + 1 && Date.now() < until) await new Promise((ok) => setTimeout(ok, 20));
      expect((await byName(manager.tools(), 'a__echo').execute({ text: `back ${n}` }, ctx(root))).forModel).toBe(`back ${n}`);
    };
    await crashAndReturn(1);
    await crashAndReturn(2);
    const downs = events.filter((e) => e.type === 'server_down');
    expect(downs.map((e) => (e as { restartInMs?: number }).restartInMs)).toEqual([50, 100]);
    // A third crash: no restarts left; the tools stay withdrawn.
    const last = await byName(manager.tools(), 'a__crash').execute({}, ctx(root));
    expect(last.forModel).not.toMatch(/restarts it/);
    await new Promise((ok) => setTimeout(ok, 300));
    expect(manager.tools()).toEqual([]);
    expect(manager.status()[0]!.state).toBe('crashed');
  });

  it('a server that fails to start is reported once and exposes no tools', async () => {
    const { manager, events } = setup([node('bad', '--fail-start'), node('good')]);
    manager.start();
    await manager.settled();
    expect(manager.status().find((s) => s.name === 'bad')).toMatchObject({ state: 'failed', tools: [] });
    expect(events.filter((e) => e.type === 'server_down')).toEqual([expect.objectContaining({ server: 'bad', state: 'failed', message: expect.stringMatching(/exit code 3/) })]);
    expect(manager.tools().length).toBeGreaterThan(0);
  });

  it('a command that does not exist fails cleanly', async () => {
    const { manager, events } = setup([{ name: 'ghost', command: ['pith-no-such-command-xyz'] }, { name: 'nocmd' }]);
    manager.start();
    await manager.settled();
    expect(manager.status().map((s) => s.state)).toEqual(['failed', 'failed']);
    const message = (server: string) => events.find((e) => e.server === server && e.type === 'server_down') as { message: string };
    expect(message('ghost').message).toMatch(/could not start: spawn pith-no-such-command-xyz ENOENT/);
    expect(message('nocmd').message).toMatch(/needs exactly one of command or url/);
    expect(events).toHaveLength(2);
  });

  it('a slow server does not hold up the others, and a startup over its timeout fails', async () => {
    const { manager } = setup([{ ...node('slow', '--slow-start=5000'), timeoutS: 0.5 }, node('fast')]);
    manager.start();
    const t0 = Date.now();
    while (!manager.tools().some((t) => t.name.startsWith('fast__'))) await new Promise((r) => setTimeout(r, 20));
    expect(manager.status().find((s) => s.name === 'slow')!.state).toBe('starting');
    await manager.settled();
    expect(manager.status().find((s) => s.name === 'slow')).toMatchObject({ state: 'failed', error: expect.stringMatching(/timed out/) });
    expect(Date.now() - t0).toBeLessThan(4000);
  });

  it('a call over the timeout returns a timeout error and the server stays usable', async () => {
    const { root, manager } = setup([{ ...node('t'), timeoutS: 1.5 }]);
    manager.start();
    await manager.settled();
    const r = await byName(manager.tools(), 't__slow').execute({ ms: 4000 }, ctx(root));
    expect(r.error?.type).toBe('timeout');
    expect((await byName(manager.tools(), 't__echo').execute({ text: 'ok' }, ctx(root))).forModel).toBe('ok');
  });

  it('Ctrl+C during a call returns an aborted result promptly', async () => {
    const { root, manager } = setup([node('ab')]);
    manager.start();
    await manager.settled();
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 100);
    const r = await byName(manager.tools(), 'ab__slow').execute({ ms: 5000 }, ctx(root, ac.signal));
    expect(r.error?.type).toBe('aborted');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(manager.status()[0]!.state).toBe('ready');
  });

  it('maps isError, summarises non-text parts, truncates long text with a note', async () => {
    const { root, manager } = setup([node('r')], { resultTokens: 200 });
    manager.start();
    await manager.settled();
    const tools = manager.tools();
    const fail = await byName(tools, 'r__fail').execute({}, ctx(root));
    expect(fail.error).toEqual({ type: 'failed', message: 'something went wrong on the server' });
    const mixed = await byName(tools, 'r__mixed').execute({}, ctx(root));
    expect(mixed.forModel).toBe('first part\nsecond part\n[2 non-text parts not shown: image image/png, 3 KB, link file:///tmp/x.txt]');
    const big = await byName(tools, 'r__big').execute({ lines: 500 }, ctx(root));
    expect(big.meta.truncated).toBe(true);
    expect(big.meta.tokens).toBeLessThanOrEqual(240);
    expect(big.forModel).toMatch(/\[cut: showing \d+ of \d+ tokens, \d+ lines cut; call again with narrower arguments/);
    expect(big.forModel.startsWith('line 1: ')).toBe(true);
  });

  it('gives the child a minimal environment plus its env, and its stderr lands in the log', async () => {
    const { root, manager } = setup([{ ...node('envy'), env: { PITH_TEST_VALUE: 'configured' } }]);
    manager.start();
    await manager.settled();
    const r = await byName(manager.tools(), 'envy__env').execute({}, ctx(root));
    const [keysJson, value] = r.forModel.split(' ');
    const keys = JSON.parse(keysJson!) as string[];
    expect(value).toBe('configured');
    expect(keys).not.toContain('PITH_SECRET_FROM_PARENT');
    expect(keys).toContain('PATH');
    expect(keys.every((k) => ['PATH', 'HOME', 'LANG', 'TERM', 'PITH_TEST_VALUE'].includes(k))).toBe(true);
    const log = readFileSync(join(root, '.pith/logs/mcp-envy.log'), 'utf8');
    expect(log).toMatch(/test-server: starting pid/);
    expect(log).toMatch(/Tool name validation warning/);
  });

  it('trims long schemas and counts the saving', async () => {
    const { manager } = setup([node('v')]);
    manager.start();
    await manager.settled();
    const info = manager.status()[0]!.tools.find((t) => t.name === 'v__verbose')!;
    expect(info.schemaTokens).toBeLessThan(info.schemaTokensBefore / 3);
    const spec = byName(manager.tools(), 'v__verbose');
    expect(spec.description.length).toBeLessThanOrEqual(300);
    const props = spec.params.properties as Record<string, { description?: string; properties?: Record<string, { description?: string }> }>;
    expect(props.query!.description!.length).toBeLessThanOrEqual(100);
    expect(props.options!.properties!.depth!.description!.length).toBeLessThanOrEqual(100);
    const echo = manager.status()[0]!.tools.find((t) => t.name === 'v__echo')!;
    expect(echo.schemaTokens).toBeLessThanOrEqual(echo.schemaTokensBefore); // short schemas only lose annotations
  });

  it('a denied approval never reaches the server', async () => {
    const { root, manager } = setup([node('d')]);
    manager.start();
    await manager.settled();
    const r = await byName(manager.tools(), 'd__crash').execute({}, { root, signal: new AbortController().signal, approve: async () => 'deny' });
    expect(r.error?.type).toBe('denied');
    expect(manager.status()[0]!.state).toBe('ready');
  });
});
