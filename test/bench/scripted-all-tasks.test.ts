import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { loadTasks } from '../../bench/scripted-model/tasks.js';
import { startScriptedModel, type ScriptedModel } from '../../bench/scripted-model/server.js';
import { copyRepo, runShell } from '../../bench/scripted-model/fixture-repo.js';
import { runAgent, type Style } from './fake-agent.js';

// Every fixture task, driven end to end by the scripted model through a pith-style and a
// baseline-style agent: the task's verify must pass at the end. Proves each script maps onto
// both tool shapes, not only onto direct file edits.
const FIXTURES = resolve('fixtures');
const tasks = loadTasks(join(FIXTURES, 'tasks'));
const scratch = mkdtempSync(join(tmpdir(), 'pith-scripted-all-'));
const env = { ...process.env, PITH_TSC: resolve('node_modules/.bin/tsc'), CARGO_TARGET_DIR: join(scratch, 'target') };
let server: ScriptedModel;
let client: OpenAI;

beforeAll(async () => {
  server = await startScriptedModel({ tasks });
  client = new OpenAI({ baseURL: server.url, apiKey: 'none', maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

const cases = tasks.flatMap((t) => (['pith', 'baseline'] as Style[]).map((s) => [t.id, s, t] as const));

describe.each(cases)('%s with %s tools', (_id, style, task) => {
  it('ends with verify passing', { timeout: 180_000 }, async () => {
    const root = copyRepo(FIXTURES, task.repo, scratch);
    process.env.CARGO_TARGET_DIR = env.CARGO_TARGET_DIR;
    const run = await runAgent(client, root, task.prompt, style);
    expect(run.finalText.length).toBeGreaterThan(0);
    const r = runShell(task.verify, root, env);
    expect(r.ok, r.output.slice(-1500)).toBe(true);
  });
});
