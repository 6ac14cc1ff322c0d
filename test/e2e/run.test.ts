import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pith, repoCopy, scripted, tasks, telemetry, verify } from './harness.js';

const all = tasks();
let model: Awaited<ReturnType<typeof scripted>>;
beforeAll(async () => { model = await scripted(all); });
afterAll(async () => { await model.close(); });
const task = (id: string) => all.find((t) => t.id === id)!;

describe('pith run on the scripted model', () => {
  it('reads, edits and finishes the clamp task; every request was within the budget', async () => {
    const t = task('ts-clamp-swap');
    const cwd = repoCopy(t);
    const first = model.requests.length;
    const budget = 20_000;
    const r = await pith(['run', '--yes', '--max-tokens', String(budget), t.prompt], cwd, model.url);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(verify(t, cwd)).toBe(true);
    const reqs = model.requests.slice(first);
    expect(reqs.length).toBeGreaterThanOrEqual(2);
    // Before every call: what was spent so far + this request + its reply cap fits the budget.
    let spent = 0;
    for (const q of reqs) {
      const cap = (q.body as { max_tokens?: number }).max_tokens ?? 0;
      expect(cap).toBeGreaterThan(0);
      expect(spent + q.promptTokens + cap).toBeLessThanOrEqual(budget);
      spent += q.promptTokens + q.completionTokens;
    }
    const run = telemetry(cwd).find((x) => x.kind === 'run')!;
    expect(run.input_tokens).toBe(reqs.reduce((n, q) => n + q.promptTokens, 0));
    expect(run.first_request_tokens as number).toBeLessThan(1000);
  });

  it('keeps a global telemetry copy that pith stats --all-projects reads across projects', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const data = mkdtempSync(join(tmpdir(), 'pith-e2e-data-'));
    const t = task('ts-clamp-swap');
    const one = repoCopy(t);
    const two = repoCopy(t);
    for (const cwd of [one, two]) expect((await pith(['run', '--yes', t.prompt], cwd, model.url, { XDG_DATA_HOME: data })).code).toBe(0);
    const global = readFileSync(join(data, 'pith', 'telemetry.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; project: string });
    expect(new Set(global.filter((r) => r.kind === 'run').map((r) => r.project))).toEqual(new Set([one, two]));
    const stats = await pith(['stats', '--all-projects', '--json'], one, model.url, { XDG_DATA_HOME: data });
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).summary.runs).toBe(2);
    // The project's own file has only its run, without the project field.
    const own = telemetry(one).filter((x) => x.kind === 'run');
    expect(own).toHaveLength(1);
    expect(own[0]).not.toHaveProperty('project');
    // global_copy = false keeps telemetry in the project only.
    const cfg = mkdtempSync(join(tmpdir(), 'pith-e2e-cfg-'));
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(cfg, 'pith'));
    writeFileSync(join(cfg, 'pith', 'config.toml'), '[telemetry]\nglobal_copy = false\n', { mode: 0o600 });
    expect((await pith(['run', '--yes', t.prompt], repoCopy(t), model.url, { XDG_DATA_HOME: data, XDG_CONFIG_HOME: cfg })).code).toBe(0);
    expect(readFileSync(join(data, 'pith', 'telemetry.jsonl'), 'utf8').trim().split('\n')).toHaveLength(global.length);
  });

  it('runs tool calls a model writes as JSON text when the profile says the endpoint has no tools', async () => {
    const t = task('py-low-stock-default');
    const cwd = repoCopy(t);
    const first = model.requests.length;
    const cfgHome = join(cwd, '..', 'cfg');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(cfgHome, 'pith'), { recursive: true });
    writeFileSync(join(cfgHome, 'pith', 'config.toml'), `default_profile = "s"\n[profiles.s]\nendpoint = "${model.url}"\nmodel = "small"\n[profiles.s.compat]\ntools = false\n`, { mode: 0o600 });
    const r = await pith(['run', '--yes', t.prompt], cwd, model.url, { XDG_CONFIG_HOME: cfgHome, PITH_ENDPOINT: '', PITH_MODEL: '' });
    expect(r.code, r.stderr).toBe(0);
    const reqs = model.requests.slice(first);
    expect(reqs.every((q) => !(q.body as { tools?: unknown }).tools)).toBe(true);
    expect(JSON.stringify(reqs[0]!.body)).toContain('call one by replying with only');
    expect(verify(t, cwd)).toBe(true);
  });

  it('stops on Ctrl+C within 500 ms and leaves files as they were', async () => {
    const { startOpenAIServer, reply } = await import('../helpers/openai-server.js');
    const server = await startOpenAIServer();
    server.enqueue(reply.stallAfter(['thinking about it']));
    const t = task('ts-clamp-swap');
    const cwd = repoCopy(t);
    const before = readFileSync(join(cwd, 'src/util/math.ts'), 'utf8');
    const ctrl = new AbortController();
    const run = pith(['run', '--yes', t.prompt], cwd, server.url, {}, ctrl.signal);
    while (server.chatRequests().length === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    ctrl.abort();
    const r = await run;
    expect(Date.now() - t0).toBeLessThan(500);
    expect(r.code).toBe(130);
    expect(readFileSync(join(cwd, 'src/util/math.ts'), 'utf8')).toBe(before);
    await server.close();
  });

  it('--yes does not turn a read-only setup into one that writes', async () => {
    const { startOpenAIServer, reply } = await import('../helpers/openai-server.js');
    const { mkdirSync, writeFileSync, existsSync } = await import('node:fs');
    const server = await startOpenAIServer();
    server.enqueue(reply.toolCalls([{ id: 'w', name: 'write', arguments: JSON.stringify({ path: 'made.txt', content: 'x\n' }) }]), reply.text('ok'));
    const t = task('ts-clamp-swap');
    const cwd = repoCopy(t);
    mkdirSync(join(cwd, '.pith'), { recursive: true });
    writeFileSync(join(cwd, '.pith', 'config.toml'), '[approval]\nmode = "read-only"\n');
    const r = await pith(['run', '--yes', 'make a file'], cwd, server.url);
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, 'made.txt'))).toBe(false);
    expect(JSON.stringify(server.chatRequests()[1]!.body.messages)).toMatch(/read-only/);
    await server.close();
  });

  it('ends a run that would go on forever at the step cap (exit 3)', async () => {
    const { startOpenAIServer, reply } = await import('../helpers/openai-server.js');
    let n = 0;
    const server = await startOpenAIServer({ handler: () => reply.toolCalls([{ id: `c${++n}`, name: 'search', arguments: JSON.stringify({ pattern: `word${n}` }) }]) });
    const t = task('ts-clamp-swap');
    const cwd = repoCopy(t);
    const r = await pith(['run', '--yes', '--max-tokens', '12000', 'search forever'], cwd, server.url);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('budget_exhausted');
    expect(n).toBeGreaterThan(3);
    await server.close();
  });

  it('sends the lines around the code words of the task with it, so the model edits without reading first', async () => {
    const t = task('ts-payment-terms-default');
    const cwd = repoCopy(t);
    const first = model.requests.length;
    const r = await pith(['run', '--yes', t.prompt], cwd, model.url);
    expect(r.code).toBe(0);
    expect(verify(t, cwd)).toBe(true);
    const reqs = model.requests.slice(first);
    const user = (reqs[0]!.body.messages as Array<{ role: string; content: string }>).find((m) => m.role === 'user')!.content;
    // paymentTermsDays, with anchors, in the default settings and in the test that asserts it.
    expect(user).toMatch(/^src\/config\/defaults\.ts lines 39-43 of \d+$/m);
    expect(user).toMatch(/^41:[0-9a-z]{2}\| {2}paymentTermsDays: 30,$/m);
    expect(user).toMatch(/^8:[0-9a-z]{2}\| {2}assert\.equal\(DEFAULT_SETTINGS\.paymentTermsDays, 30\);$/m);
    // So the first call is already the edit.
    const calls = telemetry(cwd).filter((x) => x.kind === 'tool').map((x) => x.tool);
    expect(calls[0]).toBe('edit');
  });

  it("puts a failing tsc check's errors into the edit result the model sees next", async () => {
    const { startOpenAIServer, reply } = await import('../helpers/openai-server.js');
    const t = task('ts-clamp-swap');
    const cwd = repoCopy(t);
    const server = await startOpenAIServer();
    server.enqueue(
      reply.toolCalls([{ id: 'w1', name: 'write', arguments: JSON.stringify({ path: 'src/broken.ts', content: "export const n: number = 'not a number';\n" }) }]),
      reply.text('done'),
    );
    const r = await pith(['run', '--yes', 'add a constant'], cwd, server.url, { PATH: `${join(process.cwd(), 'node_modules/.bin')}:${process.env.PATH}` });
    expect(r.code).toBe(0);
    const second = server.chatRequests()[1]!.body.messages as Array<{ role: string; content: string }>;
    const toolMsg = second.at(-1)!;
    expect(toolMsg.role).toBe('tool');
    expect(toolMsg.content).toMatch(/\[check `.*tsc.*` failed/);
    expect(toolMsg.content).toMatch(/src\/broken\.ts\(1,14\): error TS2322/);
    await server.close();
  }, 60_000);
});
