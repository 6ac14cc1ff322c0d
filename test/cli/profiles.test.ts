import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIO, makeDirs, put } from '../config/helpers.js';

let d: Awaited<ReturnType<typeof makeDirs>>;
beforeEach(async () => {
  d = await makeDirs();
});
afterEach(() => d.cleanup());

const CONFIG = `
default_profile = "local"
[profiles.local]
provider = "ollama"
model = "qwen2.5-coder:7b"
context_tokens = 16384
[profiles.cloud]
endpoint = "https://api.openai.com/v1/chat/completions"
model = "gpt-4.1-mini"
[profiles.literal]
endpoint = "https://openrouter.ai/api/v1"
model = "x/y"
api_key = "sk-literal-secret-999"
`;

describe('pith profiles', () => {
  it('lists profiles, marks the default and never prints a key', async () => {
    await put(d.userConfig, CONFIG);
    const { io, out } = fakeIO({ cwd: d.project, env: { HOME: d.home, OPENAI_API_KEY: 'sk-env-secret-123' } });
    expect(await main(['profiles'], io)).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines.find((l) => l.includes('local'))).toMatch(/^\* local \(default\)\s+ollama\s+http:\/\/127\.0\.0\.1:11434\s+qwen2\.5-coder:7b\s+ctx 16384\s+key: not needed/);
    expect(lines.find((l) => l.includes('cloud'))).toMatch(/^ {2}cloud\s+openai\s+https:\/\/api\.openai\.com\/v1\s+gpt-4\.1-mini.*key: set \(env OPENAI_API_KEY\)/);
    expect(lines.find((l) => l.includes('literal'))).toContain('key: set (config file)');
    expect(out.stdout + out.stderr).not.toMatch(/sk-env-secret-123|sk-literal-secret-999/);
  });

  it('says a key is missing, and --json carries no secret either', async () => {
    await put(d.userConfig, CONFIG);
    const { io, out } = fakeIO({ cwd: d.project, env: { HOME: d.home, PITH_PROFILE: 'cloud' } });
    expect(await main(['profiles', '--json'], io)).toBe(0);
    const data = JSON.parse(out.stdout) as { active: string; profiles: Array<{ name: string; keyStatus: string; keyMissing: boolean }> };
    expect(data.active).toBe('cloud');
    expect(data.profiles.find((p) => p.name === 'cloud')).toMatchObject({ keyStatus: 'missing (set OPENAI_API_KEY)', keyMissing: true });
    expect(out.stdout).not.toContain('sk-literal-secret-999');
  });

  it('shows the env-defined profile when there is no config file', async () => {
    const { io, out } = fakeIO({ cwd: d.project, env: { HOME: d.home, PITH_ENDPOINT: 'http://127.0.0.1:9/v1', PITH_MODEL: 'm1' } });
    expect(await main(['profiles'], io)).toBe(0);
    expect(out.stdout).toMatch(/^\* env\s+openai\s+http:\/\/127\.0\.0\.1:9\/v1\s+m1/m);
    expect(out.stdout).toContain('environment only');
  });

  it('exits 2 with file and line on a broken config, and has truthful --help', async () => {
    await put(d.userConfig, '[profiles.a]\nmodel = \n');
    const { io, out } = fakeIO({ cwd: d.project, env: { HOME: d.home } });
    expect(await main(['profiles'], io)).toBe(2);
    expect(out.stderr).toContain(`${d.userConfig}:2:`);
    const help = fakeIO({ cwd: d.project, env: { HOME: d.home } });
    expect(await main(['profiles', '--help'], help.io)).toBe(0);
    expect(help.out.stdout).toMatch(/usage: pith profiles \[--json\]/);
  });
});
