import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { ollamaReply, startOllamaServer, type OllamaServer } from '../helpers/ollama-server.js';
import { fakeIO, makeDirs, put } from '../config/helpers.js';

let d: Awaited<ReturnType<typeof makeDirs>>;
let oa: OpenAIServer;
let ol: OllamaServer;
beforeAll(async () => {
  oa = await startOpenAIServer();
  ol = await startOllamaServer({ models: [{ name: 'qwen:7b', contextLength: 32768 }] });
});
afterAll(async () => {
  await oa.close();
  await ol.close();
});
beforeEach(async () => {
  d = await makeDirs();
});
afterEach(() => d.cleanup());

describe('pith chat', () => {
  it('streams the reply and prints a usage line (config profile with pricing)', async () => {
    await put(d.userConfig, `[profiles.t]\nendpoint = "${oa.url}"\nmodel = "test-model"\napi_key = "sk-chat-secret"\n[profiles.t.pricing]\ninput = 1\noutput = 2\n`);
    oa.enqueue(reply.text(['Hel', 'lo', ' there'], { usage: { prompt: 12, completion: 3 } }));
    const { io, out } = fakeIO({ cwd: d.project, env: { HOME: d.home } });
    expect(await main(['chat', 'say', 'hello'], io)).toBe(0);
    expect(out.stdout).toBe('Hello there\n');
    expect(out.stderr).toMatch(/^usage: input 12 \(counted \d+\) · output 3 · cost \$0\.000018 · test-model via t\n$/);
    const req = oa.chatRequests().at(-1)!;
    expect(req.body.messages).toEqual([{ role: 'user', content: 'say hello' }]);
    expect(req.headers.authorization).toBe('Bearer sk-chat-secret');
    expect(out.stdout + out.stderr).not.toContain('sk-chat-secret');
  });

  it('reads the message from standard input with -', async () => {
    oa.enqueue(reply.text('ok', { usage: { prompt: 5, completion: 1 } }));
    const { io, out } = fakeIO({ cwd: d.project, env: { HOME: d.home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' } });
    io.stdin.end('explain\nthis diff\n');
    expect(await main(['chat', '-'], io)).toBe(0);
    expect(out.stdout).toBe('ok\n');
    expect(oa.chatRequests().at(-1)!.body.messages).toEqual([{ role: 'user', content: 'explain\nthis diff' }]);
    const empty = fakeIO({ cwd: d.project, env: { HOME: d.home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' } });
    empty.io.stdin.end('');
    expect(await main(['chat', '-'], empty.io)).toBe(2);
    expect(empty.out.stderr).toContain('no message given');
  });

  it('runs with no config file from PITH_ENDPOINT + PITH_MODEL and prints JSONL with --json', async () => {
    oa.enqueue(reply.text('ok', { usage: { prompt: 5, completion: 1 } }));
    const { io, out } = fakeIO({ cwd: d.project, env: { HOME: d.home, PITH_ENDPOINT: `${oa.url}/chat/completions`, PITH_MODEL: 'test-model' } });
    expect(await main(['chat', 'hi', '--json'], io)).toBe(0);
    const events = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
    expect(events.map((e) => e.type)).toEqual(['call_start', 'model_delta', 'call_end']);
    expect(events[1]).toEqual({ type: 'model_delta', text: 'ok' });
    expect(events[2]).toMatchObject({ call: 1, usage: { input_tokens: 5, output_tokens: 1 }, costUsd: 0 });
    expect(events[0]!.countedTokens).toBe(events[2]!.countedTokens);
  });

  it('talks to Ollama natively with num_ctx from the profile', async () => {
    await put(d.userConfig, `[profiles.o]\nprovider = "ollama"\nendpoint = "${ol.url}"\nmodel = "qwen:7b"\ncontext_tokens = 8192\n`);
    ol.enqueue(ollamaReply.text(['fine'], { promptEvalCount: 30, evalCount: 2 }));
    const { io, out } = fakeIO({ cwd: d.project, env: { HOME: d.home } });
    expect(await main(['chat', 'how are you', '--profile', 'o'], io)).toBe(0);
    expect(out.stdout).toBe('fine\n');
    expect(out.stderr).toMatch(/usage: input 30 \(counted \d+\) · output 2 · cost \$0 \(local\)/);
    expect(ol.chatRequests().at(-1)!.body.options.num_ctx).toBe(8192);
  });

  it('exits 1 with the error when the call fails', async () => {
    oa.enqueue(reply.status(400, 'bad model'));
    const { io, out } = fakeIO({ cwd: d.project, env: { HOME: d.home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'nope' } });
    expect(await main(['chat', 'hi'], io)).toBe(1);
    expect(out.stderr).toMatch(/model call failed: .*400/);
  });

  it('exits 130 on Ctrl+C mid-stream', async () => {
    oa.enqueue(reply.stallAfter(['partial ']));
    const { io, out, interrupt } = fakeIO({ cwd: d.project, env: { HOME: d.home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' } });
    const running = main(['chat', 'hi'], io);
    const t0 = Date.now();
    while (!out.stdout.includes('partial') && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 10));
    interrupt();
    expect(await running).toBe(130);
    expect(out.stderr).toContain('interrupted');
  });

  it('rejects a missing message and unknown options with exit 2', async () => {
    const a = fakeIO({ cwd: d.project, env: { HOME: d.home } });
    expect(await main(['chat'], a.io)).toBe(2);
    expect(a.out.stderr).toContain('no message given');
    const b = fakeIO({ cwd: d.project, env: { HOME: d.home } });
    expect(await main(['chat', 'x', '--bogus'], b.io)).toBe(2);
    const h = fakeIO({ cwd: d.project, env: { HOME: d.home } });
    expect(await main(['chat', '--help'], h.io)).toBe(0);
    expect(h.out.stdout).toContain('usage: pith chat "message"');
  });
});
