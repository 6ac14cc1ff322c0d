/**
 * Secrets: a distinctive fake API key, given in the config file and in the environment, must
 * never show up in telemetry, plan files, anything else pith writes under .pith/ or HOME, error
 * messages, or `pith doctor` / `pith profiles` output. The config file pith writes is 0600, and
 * a world-readable one holding a key is warned about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { writeConfigFile } from '../../src/config/index.js';
import { loadTasks, startScriptedModel, copyRepo, type ScriptedModel } from '../../bench/scripted-model/index.js';
import { FIXTURES } from '../../bench/reliability/fault-runner.js';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { captureIO, filesContaining, makeSandbox, walkFiles, writeUserConfig } from './helpers.js';

const CONFIG_KEY = `sk-pith-CONFIGKEY-${Math.random().toString(36).slice(2, 10)}-zz`;
const ENV_KEY = `sk-pith-ENVKEY-${Math.random().toString(36).slice(2, 10)}-zz`;
const KEYS = [CONFIG_KEY, ENV_KEY];

let model: ScriptedModel;
let oa: OpenAIServer;
const captured: string[] = [];

beforeAll(async () => {
  model = await startScriptedModel({ tasks: loadTasks(join(FIXTURES, 'tasks')) });
  // A careless server that echoes the key it got in its error messages.
  oa = await startOpenAIServer({
    handler: (req) => reply.status(401, `Incorrect API key provided: ${String(req.headers.authorization ?? '').replace(/^Bearer /, '')}`),
  });
});
afterAll(async () => {
  await model.close();
  await oa.close();
});

function leaks(text: string): string[] {
  return KEYS.filter((k) => text.includes(k) || text.includes(k.slice(8, -3)));
}

async function cli(args: string[], cwd: string, env: Record<string, string | undefined>) {
  const c = captureIO(cwd, env);
  const code = await main(args, c.io);
  captured.push(c.out.stdout, c.out.stderr);
  return { code, ...c.out };
}

function profileToml(endpoint: string, key: { api_key?: string; api_key_env?: string }): string {
  const k = key.api_key ? `api_key = "${key.api_key}"` : `api_key_env = "${key.api_key_env}"`;
  return `default_profile = "p"\n[profiles.p]\nprovider = "openai"\nendpoint = "${endpoint}"\nmodel = "scripted"\n${k}\nretry_backoff_s = 0.01\n[hooks]\non_edit = "off"\n`;
}

describe('secrets', () => {
  it('never leak from run, plan, doctor, profiles, stats or failing calls (key in config, then in env)', async () => {
    for (const source of ['config', 'env'] as const) {
      const box = makeSandbox('pith-secrets-');
      const root = copyRepo(FIXTURES, 'taskq-js', box.base);
      mkdirSync(join(root, '.git'), { recursive: true });
      const cfg = (endpoint: string) => writeUserConfig(box.home, profileToml(endpoint, source === 'config' ? { api_key: CONFIG_KEY } : { api_key_env: 'MY_LLM_KEY' }));
      const env = { HOME: box.home, PITH_TSC: '', ...(source === 'env' ? { MY_LLM_KEY: ENV_KEY, PITH_API_KEY: ENV_KEY } : {}) };
      const key = source === 'config' ? CONFIG_KEY : ENV_KEY;
      cfg(model.url);

      const run = await cli(['run', '--yes', loadTasks(join(FIXTURES, 'tasks')).find((t) => t.id === 'js-fix-backoff')!.prompt], root, env);
      expect(run.code).toBe(0);
      // The key did travel, to the model server only, in the Authorization header.
      expect(model.requests.length).toBeGreaterThan(0);
      const plan = await cli(['plan', '--yes', loadTasks(join(FIXTURES, 'tasks')).find((t) => t.id === 'js-plan-priority-aging')!.prompt], root, env);
      expect(plan.code).toBe(0);
      expect(walkFiles(join(root, '.pith', 'plans')).length).toBeGreaterThan(0);
      for (const args of [['doctor'], ['doctor', '--json'], ['profiles'], ['profiles', '--json'], ['stats', '--no-charts']]) await cli(args, root, env);

      // A server that echoes the key in a 401, and one that is not there at all.
      cfg(oa.url);
      const refused = await cli(['run', '--yes', 'anything'], root, env);
      expect(refused.code).toBe(1);
      expect(refused.stdout + refused.stderr).toMatch(/HTTP 401/);
      expect(oa.requests.some((r) => String(r.headers.authorization).includes(key))).toBe(true);
      const doctor401 = await cli(['doctor'], root, env);
      expect(doctor401.code).toBe(1);
      cfg('http://127.0.0.1:9/v1');
      expect((await cli(['run', '--yes', 'anything'], root, env)).code).toBe(1);

      // Nothing pith wrote holds the key: telemetry, plans, plan.md, snapshots, index cache, logs.
      const userConfig = join(box.home, '.config', 'pith', 'config.toml');
      const written = [...walkFiles(join(root, '.pith')), ...walkFiles(box.home).filter((f) => f !== userConfig)];
      expect(written.some((f) => f.endsWith('telemetry.jsonl'))).toBe(true);
      expect(filesContaining([join(root, '.pith'), box.home], key).filter((f) => f !== userConfig)).toEqual([]);
      expect(filesContaining([root], key).filter((f) => f !== userConfig)).toEqual([]);
      expect(captured.filter((c) => leaks(c).length > 0)).toEqual([]);
    }
  });

  it('never echo a key from a broken config file in the error', async () => {
    const box = makeSandbox('pith-secrets-');
    const variants = [
      `[profiles.p]\nmodel = "m"\napi_key = "${CONFIG_KEY}\n`,
      `[profiles.p]\nmodel = "m"\n"api_key" = "${CONFIG_KEY}"\nendpoint = = "x"\n`,
      `[profiles.p]\nmodel = "m"\napi_key = """\n${CONFIG_KEY}\n`,
      `[profiles.p]\nmodel = "m"\napi_key = "${CONFIG_KEY}"\ncontext_tokens = "lots"\n`,
      `[profiles.p]\nmodel = "m"\napi_key = ["${CONFIG_KEY}"]\n`,
      `[profiles.p]\nmodel = "m"\napi_key = "${CONFIG_KEY}"\napi_key_env = "X"\n`,
    ];
    for (const toml of variants) {
      writeUserConfig(box.home, toml);
      const r = await cli(['run', 'x'], box.root, { HOME: box.home });
      expect(r.code, toml).toBe(2);
      expect(r.stderr).toMatch(/config\.toml/);
      expect(leaks(r.stdout + r.stderr), toml).toEqual([]);
      const d = await cli(['doctor'], box.root, { HOME: box.home });
      expect(d.code).toBe(1);
      expect(leaks(d.stdout + d.stderr), toml).toEqual([]);
    }
    // A key in the project config (which may be committed) is refused without echoing it.
    writeUserConfig(box.home, `[profiles.p]\nmodel = "m"\n`);
    mkdirSync(join(box.root, '.pith'), { recursive: true });
    writeFileSync(join(box.root, '.pith', 'config.toml'), `[profiles.p]\nmodel = "m"\napi_key = "${CONFIG_KEY}"\n`);
    const p = await cli(['run', 'x'], box.root, { HOME: box.home });
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/API keys are not allowed in a project config/);
    expect(leaks(p.stderr)).toEqual([]);
  });

  it('writes the config file 0600 in a 0700 directory, and warns about a world-readable one', async () => {
    const box = makeSandbox('pith-secrets-');
    const path = join(box.home, '.config', 'pith', 'config.toml');
    await writeConfigFile(path, { default_profile: 'p', profiles: { p: { provider: 'openai', endpoint: 'http://127.0.0.1:9/v1', model: 'm', api_key: CONFIG_KEY } } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.home, '.config', 'pith')).mode & 0o777).toBe(0o700);
    // Overwriting keeps it private too.
    chmodSync(path, 0o600);
    await writeConfigFile(path, { default_profile: 'p', profiles: { p: { model: 'm2', api_key: CONFIG_KEY } } }, { overwrite: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);

    chmodSync(path, 0o644);
    for (const args of [['profiles'], ['run', '--yes', 'x']]) {
      const r = await cli(args, box.root, { HOME: box.home });
      expect(r.stderr).toMatch(/contains an api_key and is readable by other users \(mode 644\); run: chmod 600 /);
      expect(leaks(r.stderr + r.stdout)).toEqual([]);
    }
    const d = await cli(['doctor'], box.root, { HOME: box.home });
    expect(d.stdout).toMatch(/warn\s+config\s+.*readable by other users/);
    chmodSync(path, 0o600);
    expect((await cli(['profiles'], box.root, { HOME: box.home })).stderr).not.toMatch(/readable by other users/);
    expect(readFileSync(path, 'utf8')).toContain(CONFIG_KEY); // the one place it belongs
  });
});
