import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { readFile, stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { probeOllama, runWizard } from '../../src/cli/wizard.js';
import { makeDirs } from './helpers.js';
import { reply, startOpenAIServer } from '../helpers/openai-server.js';

// Tests of src/cli/wizard.ts (first-run setup) through injected streams and fetch.
let d: Awaited<ReturnType<typeof makeDirs>>;
beforeEach(async () => {
  d = await makeDirs();
});
afterEach(() => d.cleanup());

/** Fake terminal: collects output; `answer` waits until `prompt` has been shown, then types `keys`. */
function fakeTerminal() {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean };
  const output = new PassThrough();
  let seen = '';
  const waiters: Array<() => void> = [];
  output.on('data', (c: Buffer) => {
    seen += c.toString();
    waiters.splice(0).forEach((w) => w());
  });
  const waitFor = async (text: string, from: number): Promise<number> => {
    for (;;) {
      const at = seen.indexOf(text, from);
      if (at >= 0) return at + text.length;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  let cursor = 0;
  const answer = async (prompt: string, keys: string[]): Promise<void> => {
    cursor = await waitFor(prompt, cursor);
    for (const k of keys) {
      await new Promise((r) => setImmediate(r));
      input.write(k);
    }
  };
  return { input, output, answer, text: () => seen };
}

const fakeOllama = (models: string[]): typeof fetch =>
  (async (url: string | URL | Request) => {
    expect(String(url)).toBe('http://127.0.0.1:11434/api/tags');
    return new Response(JSON.stringify({ models: models.map((name) => ({ name })) }));
  }) as typeof fetch;

const noOllama: typeof fetch = (async () => {
  throw new TypeError('fetch failed');
}) as typeof fetch;

describe('first-run wizard', () => {
  it('offers Ollama models and writes a valid 0600 config', async () => {
    const t = fakeTerminal();
    const done = runWizard({ input: t.input, output: t.output, env: {}, configPath: d.userConfig, fetch: fakeOllama(['llama3:8b', 'qwen2.5-coder:7b']) });
    await t.answer('qwen2.5-coder:7b', ['\x1b[B', '\r']);
    await t.answer('Context size', ['16384', '\r']);
    expect(await done).toEqual({ path: d.userConfig, profile: 'local' });
    expect((await stat(d.userConfig)).mode & 0o777).toBe(0o600);
    const { config } = await loadConfig({ home: d.home, env: {} });
    expect(config.defaultProfile).toBe('local');
    expect(config.profiles.local).toMatchObject({ provider: 'ollama', endpoint: 'http://127.0.0.1:11434', model: 'qwen2.5-coder:7b', contextTokens: 16384 });
  });

  it('offers a profile per provider key in env and stores only the variable name', async () => {
    const t = fakeTerminal();
    const env = { OPENROUTER_API_KEY: 'sk-or-secret' };
    const done = runWizard({ input: t.input, output: t.output, env, configPath: d.userConfig, fetch: noOllama });
    await t.answer('openrouter', ['\r']);
    await t.answer('Model id', ['\r']);
    await t.answer('Context size', ['\r']);
    expect(await done).toEqual({ path: d.userConfig, profile: 'openrouter' });
    const text = await readFile(d.userConfig, 'utf8');
    expect(text).not.toContain('sk-or-secret');
    expect(t.text()).not.toContain('sk-or-secret');
    const { config } = await loadConfig({ home: d.home, env: {} });
    expect(config.profiles.openrouter).toMatchObject({ endpoint: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4.1-mini', apiKeyEnv: 'OPENROUTER_API_KEY', contextTokens: 128000 });
  });

  it('sets up another OpenAI-compatible endpoint, then pith chat continues with it', async () => {
    const srv = await startOpenAIServer();
    srv.enqueue(reply.text('set up!', { usage: { prompt: 4, completion: 2 } }));
    const t = fakeTerminal();
    const out = new PassThrough();
    let stderr = '';
    out.on('data', (c: Buffer) => (stderr += c.toString()));
    const io: CliIO = { stdout: t.output, stderr: out, stdin: t.input, env: { HOME: d.home, MY_KEY: 'sk-mine' }, cwd: d.project, isTTY: true, signal: new AbortController().signal };
    try {
      const code = main(['chat', 'hi'], io);
      // Up from the first option wraps to the last one: "another OpenAI-compatible endpoint".
      await t.answer('Which model', ['\x1b[A', '\r']);
      await t.answer('Endpoint base URL', [`${srv.url}/chat/completions`, '\r']);
      await t.answer('Model id', ['test-model', '\r']);
      await t.answer('API key', ['MY_KEY', '\r']);
      await t.answer('Context size', ['4096', '\r']);
      expect(await code).toBe(0);
      expect(t.text()).toContain('set up!');
      expect(stderr).toMatch(/usage: input 4/);
      expect(srv.chatRequests()[0]!.headers.authorization).toBe('Bearer sk-mine');
      const { config } = await loadConfig({ home: d.home, env: {} });
      expect(config.profiles.custom).toMatchObject({ provider: 'openai', endpoint: srv.url, model: 'test-model', apiKeyEnv: 'MY_KEY', contextTokens: 4096 });
      expect(await readFile(d.userConfig, 'utf8')).not.toContain('sk-mine');
    } finally {
      await srv.close();
    }
  });

  it('writes nothing when cancelled', async () => {
    const t = fakeTerminal();
    const done = runWizard({ input: t.input, output: t.output, env: {}, configPath: d.userConfig, fetch: noOllama });
    await t.answer('Which model', ['\x03']);
    expect(await done).toBeNull();
    await expect(stat(d.userConfig)).rejects.toThrow();
  });

  it('probeOllama gives up after its timeout', async () => {
    const server: Server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const t0 = Date.now();
    try {
      expect(await probeOllama(fetch, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, 200)).toBeNull();
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('first run without a terminal', () => {
  it('prints what to set and exits 2 without writing anything', async () => {
    const out = new PassThrough();
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (c: Buffer) => (stderr += c.toString()));
    const io: CliIO = { stdout: out, stderr: err, stdin: new PassThrough(), env: { HOME: d.home }, cwd: d.project, isTTY: false, signal: new AbortController().signal };
    expect(await main(['chat', 'hello'], io)).toBe(2);
    expect(stderr).toContain('PITH_ENDPOINT');
    expect(stderr).toContain(d.userConfig);
    await expect(stat(d.userConfig)).rejects.toThrow();
  });
});
