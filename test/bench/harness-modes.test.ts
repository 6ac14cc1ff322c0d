import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTasks } from '../../bench/scripted-model/tasks.js';
import { startScriptedModel, type ScriptedModel } from '../../bench/scripted-model/server.js';
import { bench, parseDoc, reportDir } from './harness-helpers.js';

// `--fixtures DIR` on a user's own directory of tasks, and `--profile NAME` pointed at the
// scripted server as if it were a real endpoint (no script is given to the harness: the server
// just happens to know the task).

const scratch = mkdtempSync(join(tmpdir(), 'pith-bench-modes-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(reportDir, { recursive: true, force: true });
});

describe('bench --fixtures', () => {
  it('runs a task from a copied fixtures directory under its own id', { timeout: 120_000 }, async () => {
    const dir = join(scratch, 'mine');
    mkdirSync(join(dir, 'tasks'), { recursive: true });
    cpSync(resolve('fixtures/repos/stockroom-py'), join(dir, 'repos', 'stockroom-py'), { recursive: true });
    const toml = readFileSync(resolve('fixtures/tasks/py-fix-bulk-discount.toml'), 'utf8').replace('id = "py-fix-bulk-discount"', 'id = "my-bulk-discount"');
    writeFileSync(join(dir, 'tasks', 'my-bulk-discount.toml'), toml);
    const doc = parseDoc(await bench(['--fixtures', dir, '--agents', 'pith-run', '--json']));
    expect(doc.settings.fixtures).toBe(dir);
    expect(doc.settings.tasks).toEqual(['my-bulk-discount']);
    expect(doc.results).toHaveLength(1);
    expect(doc.results[0]).toMatchObject({ task: 'my-bulk-discount', agent: 'pith-run', pass: true });
  });

  it('says what is wrong with a directory that is not in the fixtures format', async () => {
    const r = await bench(['--fixtures', scratch]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no tasks\/ directory/);
  });
});

describe('bench --profile', () => {
  let server: ScriptedModel;
  let home: string;
  beforeAll(async () => {
    server = await startScriptedModel({ tasks: loadTasks(resolve('fixtures/tasks')), model: 'fake-coder' });
    home = join(scratch, 'home');
    mkdirSync(join(home, '.config', 'pith'), { recursive: true });
    writeFileSync(
      join(home, '.config', 'pith', 'config.toml'),
      `[profiles.fake]\nendpoint = "${server.url}"\nmodel = "fake-coder"\n\n[profiles.fake.pricing]\ninput = 2.0\noutput = 8.0\n`,
    );
  });
  afterAll(() => server.close());

  it('runs pith and the baseline against the profile endpoint and prices them', { timeout: 120_000 }, async () => {
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), PITH_ENDPOINT: 'http://127.0.0.1:9/v1', PITH_MODEL: 'wrong' };
    const doc = parseDoc(await bench(['--profile', 'fake', '--tasks', 'py-fix-bulk-discount', '--agents', 'pith-run,baseline', '--json'], env));
    expect(doc.settings.model).toMatchObject({ kind: 'profile', label: 'fake', model: 'fake-coder', endpoint: server.url });
    expect(doc.results.map((r) => [r.agent, r.pass])).toEqual([['pith-run', true], ['baseline', true]]);
    // every request of both agents reached the profile's server (PITH_ENDPOINT was ignored)
    const served = server.requests.reduce((n, r) => n + r.promptTokens, 0);
    expect(served).toBe(doc.results.reduce((n, r) => n + r.input_tokens, 0));
    expect(server.requests.every((r) => r.body.model === 'fake-coder')).toBe(true);
    for (const r of doc.results) {
      expect(r.server_input_tokens).toBeUndefined();
      expect(r.cost_usd).toBeCloseTo((r.input_tokens * 2 + r.output_tokens * 8) / 1e6, 6);
    }
  });

  it('fails clearly on a profile that does not exist', async () => {
    const r = await bench(['--profile', 'nope'], { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no profile named 'nope'/);
  });
});
