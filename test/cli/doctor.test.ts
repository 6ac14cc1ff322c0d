import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { startOllamaServer, type OllamaServer } from '../helpers/ollama-server.js';
import { fakeIO, makeDirs, put } from '../config/helpers.js';

let d: Awaited<ReturnType<typeof makeDirs>>;
let oa: OpenAIServer;
let ol: OllamaServer;
beforeAll(async () => {
  oa = await startOpenAIServer({ models: ['test-model', 'other-model'] });
  ol = await startOllamaServer({ models: [{ name: 'qwen:7b', contextLength: 8192 }] });
});
afterAll(async () => {
  await oa.close();
  await ol.close();
});
beforeEach(async () => {
  d = await makeDirs();
});
afterEach(() => d.cleanup());

interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

async function doctor(env: Record<string, string> = {}): Promise<{ code: number; checks: Check[]; text: string }> {
  const j = fakeIO({ cwd: d.project, env: { HOME: d.home, ...env } });
  const code = await main(['doctor', '--json'], j.io);
  const t = fakeIO({ cwd: d.project, env: { HOME: d.home, ...env } });
  expect(await main(['doctor'], t.io)).toBe(code);
  return { code, checks: (JSON.parse(j.out.stdout) as { checks: Check[] }).checks, text: j.out.stdout + j.out.stderr + t.out.stdout + t.out.stderr };
}

const by = (checks: Check[], name: string): Check | undefined => checks.find((c) => c.name === name);

describe('pith doctor', () => {
  it('passes (exit 0) when every profile is reachable and its model present', async () => {
    await put(d.userConfig, `default_profile = "oa"\n[profiles.oa]\nendpoint = "${oa.url}"\nmodel = "test-model"\napi_key = "sk-doctor-secret-1"\n[profiles.ol]\nprovider = "ollama"\nendpoint = "${ol.url}"\nmodel = "qwen:7b"\ncontext_tokens = 4096\n`);
    const { code, checks, text } = await doctor();
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(code).toBe(0);
    expect(by(checks, 'config')?.status).toBe('ok');
    expect(by(checks, 'oa: model')).toMatchObject({ status: 'ok', detail: 'test-model is listed' });
    expect(by(checks, 'ol: context')).toMatchObject({ status: 'ok', detail: "num_ctx 4096 of the model's 8192" });
    expect(oa.requests.some((r) => r.path === '/v1/models' && r.headers.authorization === 'Bearer sk-doctor-secret-1')).toBe(true);
    expect(text).not.toContain('sk-doctor-secret-1');
    expect(text).toMatch(/0 failed, \d+ warnings?, \d+ ok/);
  });

  it('fails (exit 1) with a fix for each problem, never printing a key', async () => {
    await put(
      d.userConfig,
      `default_profile = "oa"
[profiles.oa]
endpoint = "${oa.url}/chat/completions"
model = "missing-model"
[profiles.ol]
provider = "ollama"
endpoint = "${ol.url}/api/chat"
model = "qwen:7b"
context_tokens = 16384
[profiles.olmissing]
provider = "ollama"
endpoint = "${ol.url}"
model = "llama3"
[profiles.paid]
endpoint = "https://pith-doctor-test.invalid/v1"
model = "gpt-4.1-mini"
api_key_env = "PITH_DOCTOR_TEST_KEY"
[profiles.down]
endpoint = "http://127.0.0.1:1/v1"
model = "m"
`,
    );
    const { code, checks, text } = await doctor({ OPENAI_API_KEY: 'sk-doctor-secret-2', PITH_API_KEY: '' });
    expect(code).toBe(1);
    expect(by(checks, 'oa: model')).toMatchObject({ status: 'fail', fix: 'set model to one of: test-model, other-model' });
    expect(by(checks, 'ol: context')).toMatchObject({ status: 'warn', fix: 'set context_tokens = 8192 (or less) in profile ol' });
    expect(by(checks, 'olmissing: model')).toMatchObject({ status: 'fail', fix: 'ollama pull llama3' });
    expect(by(checks, 'paid: key')).toMatchObject({ status: 'fail', detail: expect.stringContaining('missing (set PITH_DOCTOR_TEST_KEY)') });
    expect(by(checks, 'paid: endpoint')?.status).toBe('fail');
    expect(by(checks, 'down: endpoint')).toMatchObject({ status: 'fail', fix: expect.stringContaining('server running') });
    expect(by(checks, 'git')?.status).toMatch(/ok|warn/);
    expect(text).not.toContain('sk-doctor-secret-2');
  });

  it('fails on a missing or invalid config without revealing secrets in the snippet', async () => {
    let r = await doctor();
    expect(by(r.checks, 'config')).toMatchObject({ status: 'fail', fix: expect.stringContaining('PITH_ENDPOINT') });
    expect(r.code).toBe(1);
    await put(d.userConfig, '[profiles.a]\nmodel = "m"\napi_key = "sk-doctor-secret-3\n');
    r = await doctor();
    expect(by(r.checks, 'config')).toMatchObject({ status: 'fail', detail: expect.stringContaining(`${d.userConfig}:3:`) });
    expect(r.text).not.toContain('sk-doctor-secret-3');
  });
});
