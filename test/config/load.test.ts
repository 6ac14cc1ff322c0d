import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPithError } from '../../src/core/index.js';
import { loadConfig, userConfigPath, writeConfigFile, resolveProjectRoot } from '../../src/config/index.js';
import { makeDirs, put } from './helpers.js';

let d: Awaited<ReturnType<typeof makeDirs>>;
beforeEach(async () => {
  d = await makeDirs();
});
afterEach(() => d.cleanup());

const VALID = `
default_profile = "local"

[profiles.local]
provider = "ollama"
endpoint = "http://127.0.0.1:11434/api/chat"
model = "qwen2.5-coder:7b"
context_tokens = 16384

[profiles.cloud]
endpoint = "https://api.openai.com/v1/chat/completions"
model = "gpt-4.1-mini"
planner_model = "gpt-4.1"
api_key_env = "OPENAI_API_KEY"
[profiles.cloud.pricing]
input = 0.4
output = 1.6
[profiles.cloud.budget]
step_tokens = 20000
max_usd = 0.5
[profiles.cloud.compat]
max_tokens_field = "max_completion_tokens"
reasoning_field = ""
[[profiles.cloud.mcp_servers]]
name = "fs"
command = ["node", "server.js"]
env = { ROOT = "/tmp" }

[approval]
mode = "accept-edits"
rules = { bash = "deny", read = "allow" }

[tools]
anchors = "line"

[hooks]
on_edit = ["npm run lint"]
`;

async function expectConfigError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(isPithError(e) && e.code === 'config' && e.exitCode === 2).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a config error');
}

describe('loadConfig', () => {
  it('loads a valid file into a frozen typed config with defaults and normalised endpoints', async () => {
    await put(d.userConfig, VALID);
    const { config, warnings } = await loadConfig({ home: d.home, env: {} });
    expect(warnings).toEqual([]);
    expect(config.sources).toEqual([d.userConfig]);
    expect(config.defaultProfile).toBe('local');
    const local = config.profiles.local!;
    expect(local).toMatchObject({ provider: 'ollama', endpoint: 'http://127.0.0.1:11434', contextTokens: 16384, stallTimeoutS: 60, maxRetries: 4 });
    expect(local.budget).toEqual({ stepTokens: 60000, planTokens: 400000, stepToolCalls: 40 });
    const cloud = config.profiles.cloud!;
    expect(cloud).toMatchObject({ provider: 'openai', endpoint: 'https://api.openai.com/v1', plannerModel: 'gpt-4.1', apiKeyEnv: 'OPENAI_API_KEY' });
    expect(cloud.pricing).toEqual({ input: 0.4, output: 1.6 });
    expect(cloud.budget).toEqual({ stepTokens: 20000, planTokens: 400000, maxUsd: 0.5, stepToolCalls: 40 });
    expect(cloud.compat).toEqual({ maxTokensField: 'max_completion_tokens', reasoningField: null });
    expect(cloud.mcpServers).toEqual([{ name: 'fs', command: ['node', 'server.js'], env: { ROOT: '/tmp' } }]);
    expect(config.approval).toEqual({ mode: 'accept-edits', rules: { bash: 'deny', read: 'allow' } });
    expect(config.tools.anchors).toBe('line');
    expect(config.hooks).toEqual({ onEdit: ['npm run lint'], timeoutS: 120 });
    expect(Object.isFrozen(config) && Object.isFrozen(cloud.budget) && Object.isFrozen(config.profiles)).toBe(true);
  });

  it('returns an empty config with defaults when no file exists', async () => {
    const { config } = await loadConfig({ home: d.home, env: {}, projectRoot: d.project });
    expect(config.sources).toEqual([]);
    expect(config.profiles).toEqual({});
    expect(config.approval.mode).toBe('ask');
    expect(config.tools.anchors).toBe('hash');
    expect(config.hooks.onEdit).toBe('auto');
  });

  it('honours XDG_CONFIG_HOME only when absolute', () => {
    expect(userConfigPath('/h', { XDG_CONFIG_HOME: '/x' })).toBe('/x/pith/config.toml');
    expect(userConfigPath('/h', { XDG_CONFIG_HOME: 'rel' })).toBe('/h/.config/pith/config.toml');
    expect(userConfigPath('/h', {})).toBe('/h/.config/pith/config.toml');
  });

  it('reports malformed TOML with file, line and column, and leaves the file alone', async () => {
    const text = 'default_profile = "a"\n\n[profiles.a]\nmodel = "m\n';
    await put(d.userConfig, text);
    const msg = await expectConfigError(loadConfig({ home: d.home, env: {} }));
    expect(msg).toContain(`${d.userConfig}:4:`);
    expect(msg).toMatch(/invalid TOML/);
    expect(await readFile(d.userConfig, 'utf8')).toBe(text);
  });

  it('names the key and what was expected for wrong types and bad enum values', async () => {
    await put(d.userConfig, '[profiles.a]\nmodel = "m"\ncontext_tokens = "8k"\nprovider = "anthropic"\n[approval]\nmode = "yolo"\n[hooks]\non_edit = 3\n');
    const msg = await expectConfigError(loadConfig({ home: d.home, env: {} }));
    expect(msg).toContain('profiles.a.context_tokens (line 3): expected an integer >= 1, got "8k"');
    expect(msg).toContain('profiles.a.provider (line 4): expected one of "openai", "ollama", got "anthropic"');
    expect(msg).toContain('approval.mode (line 6): expected one of "ask", "accept-edits", "read-only", "trust"');
    expect(msg).toContain('hooks.on_edit (line 8): expected an array of strings or one of "auto", "off", got 3');
  });

  it('warns about unknown keys with the nearest valid key, and still loads', async () => {
    await put(d.userConfig, '[profiles.a]\nmodle = "x"\nmodel = "m"\n[profiles.a.budget]\nstep_token = 5\n[tool]\nanchors = "off"\n');
    const { config, warnings } = await loadConfig({ home: d.home, env: {} });
    expect(config.profiles.a!.model).toBe('m');
    const text = warnings.map((w) => w.message).join('\n');
    expect(text).toMatch(/unknown key 'profiles\.a\.modle'.*line 2.*did you mean 'model'\?/);
    expect(text).toMatch(/unknown key 'profiles\.a\.budget\.step_token'.*did you mean 'step_tokens'\?/);
    expect(text).toMatch(/unknown key 'tool'.*did you mean 'tools'\?/);
  });

  it('requires a model and a known default_profile', async () => {
    await put(d.userConfig, 'default_profile = "locl"\n[profiles.local]\nprovider = "ollama"\n');
    const msg = await expectConfigError(loadConfig({ home: d.home, env: {} }));
    expect(msg).toContain('profiles.local.model: missing');
    expect(msg).toContain("default_profile: no profile named 'locl' (did you mean 'local'?)");
  });

  it('rejects an api_key in the project config with a clear message', async () => {
    await put(d.userConfig, '[profiles.a]\nmodel = "m"\n');
    await put(d.projectConfig, '[profiles.a]\napi_key = "sk-project-secret"\n');
    const msg = await expectConfigError(loadConfig({ home: d.home, env: {}, projectRoot: d.project }));
    expect(msg).toContain(d.projectConfig);
    expect(msg).toContain('profiles.a.api_key (line 2): API keys are not allowed in a project config');
    expect(msg).not.toContain('sk-project-secret');
  });

  it('merges the project override over the user file', async () => {
    await put(d.userConfig, VALID);
    await put(d.projectConfig, 'default_profile = "cloud"\n[profiles.cloud]\nmodel = "gpt-4.1-nano"\n[profiles.cloud.budget]\nplan_tokens = 1000\n[tools]\nanchors = "off"\n');
    const { config } = await loadConfig({ home: d.home, env: {}, projectRoot: d.project });
    expect(config.sources).toEqual([d.userConfig, d.projectConfig]);
    expect(config.defaultProfile).toBe('cloud');
    expect(config.profiles.cloud).toMatchObject({ model: 'gpt-4.1-nano', plannerModel: 'gpt-4.1', budget: { stepTokens: 20000, planTokens: 1000 } });
    expect(config.tools.anchors).toBe('off');
  });

  it('warns when a file holding an api_key is readable by others', async () => {
    await put(d.userConfig, '[profiles.a]\nmodel = "m"\napi_key = "sk-abc"\n', 0o644);
    const { warnings } = await loadConfig({ home: d.home, env: {} });
    expect(warnings.map((w) => w.message).join()).toMatch(/readable by other users.*chmod 600/);
    expect(warnings.map((w) => w.message).join()).not.toContain('sk-abc');
  });

  it('refuses api_key together with api_key_env', async () => {
    await put(d.userConfig, '[profiles.a]\nmodel = "m"\napi_key = "k"\napi_key_env = "K"\n');
    expect(await expectConfigError(loadConfig({ home: d.home, env: {} }))).toContain('set api_key or api_key_env, not both');
  });
});

describe('writeConfigFile', () => {
  it('writes mode 0600 files that load back, and never overwrites', async () => {
    const path = join(d.home, '.config', 'pith', 'config.toml');
    await writeConfigFile(path, { default_profile: 'x', profiles: { x: { provider: 'ollama', model: 'llama3', context_tokens: 8192 } } });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const { config } = await loadConfig({ home: d.home, env: {} });
    expect(config.profiles.x).toMatchObject({ provider: 'ollama', endpoint: 'http://127.0.0.1:11434', contextTokens: 8192 });
    const before = await readFile(path, 'utf8');
    await expectConfigError(writeConfigFile(path, { profiles: { y: { model: 'z' } } }));
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('refuses to write an invalid config', async () => {
    const path = join(d.home, 'c.toml');
    await expectConfigError(writeConfigFile(path, { profiles: { x: { provider: 'ollama' } } }));
    await expect(stat(path)).rejects.toThrow();
  });
});

describe('resolveProjectRoot', () => {
  it('finds the nearest dir with .git or .pith, else cwd', async () => {
    const nested = join(d.project, 'a', 'b');
    await put(join(nested, 'f.txt'), '');
    expect(resolveProjectRoot(nested)).toBe(d.project);
    expect(resolveProjectRoot(d.home)).toBe(d.home);
  });
});
