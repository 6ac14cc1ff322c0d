import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPithError } from '../../src/core/index.js';
import { resolveRuntime } from '../../src/cli/runtime.js';
import { makeDirs, put } from './helpers.js';

// Tests of src/cli/runtime.ts: how config, env and flags combine.
let d: Awaited<ReturnType<typeof makeDirs>>;
beforeEach(async () => {
  d = await makeDirs();
});
afterEach(() => d.cleanup());

const USER = `
default_profile = "a"
[profiles.a]
endpoint = "http://127.0.0.1:9001/v1"
model = "user-model"
context_tokens = 1000
[profiles.b]
provider = "ollama"
endpoint = "http://127.0.0.1:11434"
model = "b-model"
[profiles.paid]
endpoint = "https://api.openai.com/v1"
model = "gpt-4.1-mini"
api_key = "sk-user-literal"
`;

const run = (env: Record<string, string> = {}, flags = {}) => resolveRuntime({ env, flags, cwd: d.project, home: d.home });

describe('resolveRuntime precedence: flags > env > project > user > defaults', () => {
  beforeEach(async () => {
    await put(d.userConfig, USER);
  });

  it('uses the user default profile with defaults filled in', async () => {
    const rt = await run();
    expect(rt.profileName).toBe('a');
    expect(rt.provider).toEqual({
      provider: 'openai',
      endpoint: 'http://127.0.0.1:9001/v1',
      model: 'user-model',
      contextTokens: 1000,
      stallTimeoutMs: 60_000,
      maxRetries: 4,
      requestTimeoutMs: 10_000,
    });
    expect(rt.budget.stepTokens).toBe(60_000);
    expect(rt.local).toBe(true);
    expect(rt.approval.mode).toBe('ask');
    expect(rt.projectRoot).toBe(d.project);
    expect(Object.isFrozen(rt.profile)).toBe(true);
  });

  it('project beats user', async () => {
    await put(d.projectConfig, '[profiles.a]\nmodel = "project-model"\n[approval]\nmode = "read-only"\n');
    const rt = await run();
    expect(rt.provider.model).toBe('project-model');
    expect(rt.approval.mode).toBe('read-only');
  });

  it('env beats project, flags beat env', async () => {
    await put(d.projectConfig, '[profiles.a]\nmodel = "project-model"\n');
    expect((await run({ PITH_MODEL: 'env-model' })).provider.model).toBe('env-model');
    expect((await run({ PITH_MODEL: 'env-model' }, { model: 'flag-model' })).provider.model).toBe('flag-model');
    expect((await run({ PITH_PROFILE: 'b' })).profileName).toBe('b');
    expect((await run({ PITH_PROFILE: 'b' }, { profile: 'a' })).profileName).toBe('a');
    const ep = await run({ PITH_ENDPOINT: 'http://127.0.0.1:9002/v1/chat/completions' }, {});
    expect(ep.provider.endpoint).toBe('http://127.0.0.1:9002/v1');
    expect((await run({ PITH_ENDPOINT: 'http://127.0.0.1:9002' }, { endpoint: 'http://127.0.0.1:9003/v1' })).provider.endpoint).toBe('http://127.0.0.1:9003/v1');
  });

  it('picks keys by precedence and never sends a profile key to another host', async () => {
    expect((await run({}, { profile: 'paid' })).provider.apiKey).toBe('sk-user-literal');
    expect((await run({ PITH_API_KEY: 'sk-env' }, { profile: 'paid' })).provider.apiKey).toBe('sk-env');
    const moved = await run({}, { profile: 'paid', endpoint: 'http://127.0.0.1:9999/v1' });
    expect(moved.provider.apiKey).toBeUndefined();
    expect(JSON.stringify(moved.profile)).not.toContain('sk-user-literal');
  });

  it('names the nearest profile when --profile is unknown', async () => {
    await expect(run({}, { profile: 'pad' })).rejects.toSatisfy((e: unknown) => isPithError(e) && e.code === 'config' && /did you mean 'paid'/.test(e.hint ?? ''));
  });

  it('refuses a bad PITH_PROVIDER', async () => {
    await expect(run({ PITH_PROVIDER: 'azure' })).rejects.toThrow(/PITH_PROVIDER/);
  });
});

describe('resolveRuntime without a config file', () => {
  it('runs from env endpoint + model alone', async () => {
    const rt = await run({ PITH_ENDPOINT: 'https://api.openai.com/v1/chat/completions', PITH_MODEL: 'gpt-4.1-mini', OPENAI_API_KEY: 'sk-o' });
    expect(rt.profileName).toBe('env');
    expect(rt.provider).toMatchObject({ provider: 'openai', endpoint: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', apiKey: 'sk-o', contextTokens: 32768 });
    expect(rt.local).toBe(false);
    expect(rt.config.sources).toEqual([]);
  });

  it('infers ollama from the endpoint, or takes PITH_PROVIDER', async () => {
    expect((await run({ PITH_ENDPOINT: 'http://127.0.0.1:11434', PITH_MODEL: 'q' })).provider.provider).toBe('ollama');
    const forced = await run({ PITH_ENDPOINT: 'http://gpu:8000/api/chat', PITH_MODEL: 'q', PITH_PROVIDER: 'ollama' });
    expect(forced.provider).toMatchObject({ provider: 'ollama', endpoint: 'http://gpu:8000' });
  });

  it('runs from flags alone and fails clearly with nothing at all', async () => {
    expect((await run({}, { endpoint: 'http://127.0.0.1:1/v1', model: 'm' })).provider.model).toBe('m');
    await expect(run({ PITH_MODEL: 'm' })).rejects.toThrow(/no profile configured/);
  });
});
