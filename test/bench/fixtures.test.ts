import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTasks } from '../../bench/scripted-model/tasks.js';
import { applyScript } from '../../bench/scripted-model/apply-script.js';
import { checkStepVerify, copyRepo, runShell } from '../../bench/scripted-model/fixture-repo.js';

// For every fixture task: verify fails on a fresh copy, the script's edits applied directly make it
// pass, and for plans each step's own verify passes right after that step.
const FIXTURES = resolve('fixtures');
const tasks = loadTasks(join(FIXTURES, 'tasks'));
const scratch = mkdtempSync(join(tmpdir(), 'pith-fixtures-'));
const env = { ...process.env, PITH_TSC: resolve('node_modules/.bin/tsc'), CARGO_TARGET_DIR: join(scratch, 'cargo-target'), PYTHONDONTWRITEBYTECODE: '1' };
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(join(dir, e.name)) : 1), 0);
}

describe('fixture repositories', () => {
  it('has at least 4 repositories of 20-150 files, one with a ~3,000-line module', () => {
    const repos = readdirSync(join(FIXTURES, 'repos'));
    expect(repos.length).toBeGreaterThanOrEqual(4);
    for (const r of repos) {
      const n = countFiles(join(FIXTURES, 'repos', r));
      expect(n, r).toBeGreaterThanOrEqual(20);
      expect(n, r).toBeLessThanOrEqual(150);
    }
    const big = readFileSync(join(FIXTURES, 'repos/ledger-ts/src/tax/rates.ts'), 'utf8').split('\n').length;
    expect(big).toBeGreaterThan(2800);
  });

  it('has at least 12 tasks of every required kind, and the 127-line clamp task', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(12);
    const kinds = new Set(tasks.map((t) => t.kind));
    for (const k of ['fix-test', 'rename', 'add-param', 'feature', 'config-default', 'plan', 'small-edit']) expect(kinds, k).toContain(k);
    const clamp = tasks.find((t) => t.id === 'ts-clamp-swap')!;
    expect(clamp.prompt).toContain('clamp swap min and max when min > max');
    expect(readFileSync(join(FIXTURES, 'repos/ledger-ts/src/util/math.ts'), 'utf8').split('\n').length - 1).toBe(127);
  });
});

describe.each(tasks.map((t) => [t.id, t] as const))('task %s', (_id, task) => {
  it('verify fails before and passes after the script', { timeout: 300_000 }, () => {
    const root = copyRepo(FIXTURES, task.repo, scratch);
    const before = runShell(task.verify, root, env);
    expect(before.ok, `verify passed before any change:\n${before.output}`).toBe(false);
    if (task.plan) {
      for (const step of task.plan.steps) {
        const snapshot = new Map(step.files.map((f) => [f, existsSync(join(root, f)) ? readFileSync(join(root, f), 'utf8') : null]));
        applyScript(root, step.script);
        const r = checkStepVerify(step.verify, root, snapshot, env);
        expect(r.ok, `step ${step.id} verify failed:\n${r.output}`).toBe(true);
      }
      const joined = copyRepo(FIXTURES, task.repo, scratch);
      applyScript(joined, task.script);
      const j = runShell(task.verify, joined, env);
      expect(j.ok, `joined script fails verify:\n${j.output}`).toBe(true);
    } else {
      applyScript(root, task.script);
    }
    const after = runShell(task.verify, root, env);
    expect(after.ok, `verify failed after the script:\n${after.output}`).toBe(true);
  });
});
