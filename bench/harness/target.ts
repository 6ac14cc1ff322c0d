import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { homeOf, resolveRuntime } from '../../src/cli/runtime.js';
import { lookupPrice } from '../../src/tokens/index.js';
import { startScriptedModel, type Task } from '../scripted-model/index.js';
import type { ModelTarget } from './types.js';

/**
 * Where the agents' requests go.
 * - scripted: the scripted model on 127.0.0.1, serving `tasks`; pith gets PITH_ENDPOINT/PITH_MODEL
 *   and a throwaway HOME (no user config, no calibration history), so runs are reproducible.
 * - profile: a profile resolved by pith's own resolveRuntime (user + project config, env), no
 *   script. pith gets `--profile NAME` and the real HOME; the baseline talks to the same endpoint
 *   with the openai SDK (for an `ollama` profile: its OpenAI-compatible `/v1`).
 */
export const SCRIPTED_MODEL_ID = 'pith-scripted';

export async function scriptedTarget(tasks: readonly Task[]): Promise<ModelTarget> {
  const server = await startScriptedModel({ tasks, model: SCRIPTED_MODEL_ID });
  const home = mkdtempSync(join(tmpdir(), 'pith-bench-home-'));
  return {
    kind: 'scripted',
    label: 'scripted',
    baseURL: server.url,
    model: SCRIPTED_MODEL_ID,
    price: { input: 0, output: 0, cached_input: 0 },
    pithArgs: [],
    pithEnv: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ...toolchainHomes(), PITH_ENDPOINT: server.url, PITH_MODEL: SCRIPTED_MODEL_ID, PITH_PROFILE: undefined, PITH_PROVIDER: undefined },
    requests: server.requests,
    close: async () => {
      await server.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function profileTarget(name: string, env: NodeJS.ProcessEnv, cwd: string): Promise<ModelTarget> {
  // Flags and env that would override the profile's endpoint or model are dropped for both agents.
  const clean: NodeJS.ProcessEnv = { ...env, PITH_ENDPOINT: undefined, PITH_MODEL: undefined, PITH_PROFILE: undefined, PITH_PROVIDER: undefined };
  const rt = await resolveRuntime({ flags: { profile: name }, env: clean, cwd, home: homeOf(clean) });
  const endpoint = rt.provider.endpoint.replace(/\/+$/, '');
  const baseURL = rt.provider.provider === 'ollama' ? `${endpoint}/v1` : endpoint;
  const data = mkdtempSync(join(tmpdir(), 'pith-bench-data-'));
  return {
    kind: 'profile',
    label: name,
    baseURL,
    model: rt.provider.model,
    ...(rt.provider.apiKey !== undefined ? { apiKey: rt.provider.apiKey } : {}),
    price: lookupPrice(rt.provider.model, rt.pricing, rt.local).price,
    pithArgs: ['--profile', name],
    // Bench runs stay out of the user's global telemetry copy (pith stats --all-projects).
    pithEnv: { HOME: clean.HOME, XDG_CONFIG_HOME: clean.XDG_CONFIG_HOME, XDG_DATA_HOME: data, PITH_ENDPOINT: undefined, PITH_MODEL: undefined, PITH_PROFILE: undefined, PITH_PROVIDER: undefined },
    close: async () => rmSync(data, { recursive: true, force: true }),
  };
}

/**
 * A throwaway HOME hides rustup's and cargo's toolchains (they live under the real HOME by
 * default): point at them explicitly, so `cargo` in hooks and verify commands still works.
 */
function toolchainHomes(): NodeJS.ProcessEnv {
  const real = process.env.HOME ?? '';
  return { RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(real, '.rustup'), CARGO_HOME: process.env.CARGO_HOME ?? join(real, '.cargo') };
}
