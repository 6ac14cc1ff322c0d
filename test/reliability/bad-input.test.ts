/**
 * Bad config and input: malformed TOML, wrong types, an unknown profile, an unreachable
 * endpoint (a closed loopback port), an empty task, binary files, a 50 MB file: each ends with
 * a clear message and the documented exit code (2 usage/config, 1 failure), never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, ftruncateSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { captureIO, makeSandbox, writeUserConfig } from './helpers.js';

let oa: OpenAIServer;
beforeAll(async () => { oa = await startOpenAIServer(); });
afterAll(async () => { await oa.close(); });

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', () => ok()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

async function cli(args: string[], toml: string | null, env: Record<string, string> = {}) {
  const box = makeSandbox('pith-bad-');
  if (toml !== null) writeUserConfig(box.home, toml);
  const c = captureIO(box.root, { HOME: box.home, ...env });
  const code = await main(args, c.io);
  const all = c.out.stdout + c.out.stderr;
  expect(all).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/); // no stack trace
  return { code, ...c.out, all, box };
}

const PROFILE = (extra = '') => `[profiles.p]\nendpoint = "http://127.0.0.1:9/v1"\nmodel = "m"\n${extra}`;

describe('bad config', () => {
  it('malformed TOML: file, line and column, exit 2 (run, plan, doctor)', async () => {
    const toml = `${PROFILE()}[approval\nmode = "ask"\n`;
    const r = await cli(['run', 'x'], toml);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/config\.toml:4:\d+: invalid TOML/);
    expect(r.stderr).toMatch(/hint: fix the syntax at line 4/);
    expect((await cli(['plan', 'x'], toml)).code).toBe(2);
    const d = await cli(['doctor'], toml);
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(/fail\s+config\s+.*invalid TOML/);
  });

  it('wrong types and bad values name the key, its line and what was expected', async () => {
    const r = await cli(['run', 'x'], PROFILE('context_tokens = "lots"\nmax_retries = -1\n[approval]\nmode = "yolo"\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profiles.p.context_tokens (line 4): expected an integer >= 1, got "lots"');
    expect(r.stderr).toContain('profiles.p.max_retries (line 5): expected a non-negative integer, got -1');
    expect(r.stderr).toMatch(/approval\.mode \(line 7\): expected one of "ask", "accept-edits", "read-only", "trust", got "yolo"/);
  });

  it('an unknown profile names the profiles there are, with the nearest', async () => {
    const r = await cli(['run', '--profile', 'locl', 'x'], `[profiles.local]\nendpoint = "http://127.0.0.1:9/v1"\nmodel = "m"\n[profiles.cloud]\nmodel = "m"\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no profile named 'locl'\n {2}hint: profiles: local, cloud \(did you mean 'local'\?\)/);
    const e = await cli(['run', 'x'], PROFILE(), { PITH_PROFILE: 'nope', PITH_PROVIDER: 'openai' });
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/no profile named 'nope'/);
    expect((await cli(['run', 'x'], PROFILE(), { PITH_PROVIDER: 'anthropic' })).stderr).toMatch(/PITH_PROVIDER: expected one of openai, ollama, got "anthropic"/);
  });

  it('an unreachable endpoint (closed loopback port): bounded retries, a network error, exit 1; doctor says so', async () => {
    const port = await closedPort();
    const toml = `[profiles.p]\nendpoint = "http://127.0.0.1:${port}/v1"\nmodel = "m"\nmax_retries = 2\nretry_backoff_s = 0.01\n`;
    const started = Date.now();
    const r = await cli(['run', 'x'], toml);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/retry 1 in .*ECONNREFUSED/);
    expect(r.stdout).toMatch(/retry 2 in /);
    expect(r.stdout).not.toMatch(/retry 3 in /);
    expect(r.stdout).toMatch(new RegExp(`model call failed \\(network\\): network error: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
    expect(r.stdout).toMatch(/\nerror · in /);
    expect(Date.now() - started).toBeLessThan(10_000);
    const d = await cli(['doctor'], toml);
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(new RegExp(`fail\\s+p: endpoint\\s+http://127\\.0\\.0\\.1:${port}/v1/models unreachable`));
    // A plan cannot even be made: same clear failure.
    const p = await cli(['plan', '--yes', 'x'], toml);
    expect(p.code).not.toBe(0);
    expect(p.all).toMatch(/ECONNREFUSED/);
  });

  it('an endpoint that is not a URL', async () => {
    const r = await cli(['run', 'x'], `[profiles.p]\nendpoint = "not a url"\nmodel = "m"\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/profiles\.p\.endpoint/);
  });
});

describe('bad input', () => {
  const env = () => ({ PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' });

  it('an empty task, bad numbers and unknown flags or commands: exit 2 with usage', async () => {
    for (const args of [['run', ''], ['run', '   '], ['plan', ''], ['run']]) {
      const r = await cli(args, null, env());
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/the task is empty[\s\S]*usage: pith/);
    }
    expect((await cli(['run', '--max-tokens', 'lots', 'x'], null, env())).stderr).toMatch(/--max-tokens takes a positive number, got "lots"/);
    expect((await cli(['run', '--max-usd', '-1', 'x'], null, env())).code).toBe(2);
    expect((await cli(['run', '--frobnicate', 'x'], null, env())).stderr).toMatch(/pith run: Unknown option '--frobnicate'/);
    expect((await cli(['frobnicate'], null, env())).stderr).toMatch(/unknown command 'frobnicate'/);
    expect((await cli(['plan', '--resume'], null, env())).stderr).toMatch(/there is no plan to resume in this project/);
    // No config and no endpoint: what to set, exit 2.
    const none = await cli(['run', 'x'], null);
    expect(none.code).toBe(2);
  });

  it('binary files and a 50 MB file: clear tool errors, nothing loaded whole, the run goes on', async () => {
    const box = makeSandbox('pith-bad-');
    writeFileSync(join(box.root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]));
    writeFileSync(join(box.root, 'latin1.txt'), Buffer.from('caf\xe9 cr\xe8me\n', 'latin1'));
    const big = join(box.root, 'huge.log');
    const fd = openSync(big, 'w');
    writeSync(fd, 'first line\n');
    ftruncateSync(fd, 50 * 1024 * 1024); // 50 MB (sparse: cheap to make)
    closeSync(fd);
    const call = (id: string, name: string, args: unknown) => ({ id, name, arguments: JSON.stringify(args) });
    oa.enqueue(
      reply.toolCalls([
        call('b1', 'read', { path: 'logo.png' }),
        call('b2', 'edit', { path: 'logo.png', old: 'PNG', new: 'GIF' }),
        call('b3', 'read', { path: 'latin1.txt' }),
        call('h1', 'read', { path: 'huge.log' }),
        call('h2', 'read', { path: 'huge.log', lines: '1-5' }),
        call('h3', 'edit', { path: 'huge.log', old: 'first', new: 'last' }),
        call('s1', 'search', { pattern: 'first line' }),
      ]),
      reply.text('done'),
    );
    const c = captureIO(box.root, { HOME: box.home, ...env() });
    const started = Date.now();
    const code = await main(['run', '--yes', 'look at the files'], c.io);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    const msgs = oa.chatRequests().at(-1)!.body.messages as Array<{ role: string; tool_call_id?: string; content: string }>;
    const result = (id: string) => msgs.find((m) => m.role === 'tool' && m.tool_call_id === id)?.content ?? '';
    expect(result('b1')).toMatch(/^error: logo\.png is a binary file/);
    expect(result('b2')).toMatch(/^error: .*logo\.png is a binary file/);
    expect(result('b3')).toMatch(/^error: latin1\.txt is not UTF-8 text/);
    expect(result('h1')).toMatch(/^error: huge\.log is 51200 KiB, over the 2048 KiB text limit; use search or bash/);
    expect(result('h2')).toMatch(/^error: huge\.log is 51200 KiB/);
    expect(result('h3')).toMatch(/^error: .*huge\.log is 51200 KiB/);
    expect(result('s1')).not.toMatch(/^error: .*internal/);
    // Every request stayed small: nothing of the 50 MB reached the model.
    expect(Math.max(...oa.chatRequests().map((r) => r.raw.length))).toBeLessThan(200_000);
  });
});
