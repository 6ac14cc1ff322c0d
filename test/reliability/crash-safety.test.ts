/**
 * Crash safety: `pith plan --yes` (the built CLI, as a child process) killed with SIGKILL at
 * seeded random points, then `pith plan --resume --yes`. CI runs a few trials; the full 50 run
 * with `node dist/bench/reliability/crash-trials.js`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatCrashSummary, runCrashTrials, CLI, type CrashSummary, type CrashTrial } from '../../bench/reliability/crash-runner.js';
import { PKG_ROOT, } from '../../bench/reliability/fault-runner.js';
import { walkFiles } from './helpers.js';

const CI_TRIALS = Number(process.env.PITH_CRASH_TRIALS ?? 6);
let trials: CrashTrial[] = [];
let summary: CrashSummary;

/** dist/ is stale when any source file is newer than the built CLI. */
function distIsStale(): boolean {
  if (!existsSync(CLI)) return true;
  const built = statSync(CLI).mtimeMs;
  return [join(PKG_ROOT, 'src'), join(PKG_ROOT, 'bench')].some((d) => walkFiles(d).some((f) => f.endsWith('.ts') && statSync(f).mtimeMs > built));
}

beforeAll(async () => {
  if (distIsStale()) {
    const b = spawnSync('npm', ['run', 'build'], { cwd: PKG_ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`npm run build failed:\n${b.stdout}\n${b.stderr}`);
  }
  const r = await runCrashTrials({ seed: 7, trials: CI_TRIALS });
  trials = r.trials;
  summary = r.summary;
  console.log(formatCrashSummary(summary, r.calibrationMs, r.planSavedAtMs));
}, 600_000);

describe(`crash safety: ${CI_TRIALS} seeded SIGKILLs during a plan run`, () => {
  it('kills land mid-run', () => {
    // Where exactly they land depends on the machine's load; the spread is printed above and
    // measured over 50 trials by the bench script. What must hold: most kills hit a running plan.
    expect(summary.killedMidRun).toBeGreaterThanOrEqual(Math.ceil(CI_TRIALS / 2));
  });

  it('leaves every touched file either its old or its new content, never a mix', () => {
    expect(trials.flatMap((t) => t.corrupted.map((f) => `trial ${t.index}: ${f}`))).toEqual([]);
    // The only leftovers a kill may leave are atomic-write temp files (no partial target).
    for (const t of trials) for (const f of t.stray) expect(f).toMatch(/(^|\/)\.[^/]+\.[0-9a-f]{12}\.tmp$/);
  });

  it('keeps telemetry and logs readable: at most a torn last line, plan files whole', () => {
    expect(trials.flatMap((t) => t.tornInside)).toEqual([]);
    expect(trials.flatMap((t) => t.unreadablePlans)).toEqual([]);
  });

  it('--resume continues and finishes the plan (a fresh run when the kill came before any plan existed)', () => {
    for (const t of trials) {
      expect(t.problems, `trial ${t.index} killed at ${t.killAfterMs} ms`).toEqual([]);
      expect(t.resumeCode).toBe(0);
      expect(t.verified).toBe(true);
    }
    expect(summary.resumed).toBeGreaterThan(0);
  });
});

describe('the open-group journal behind --resume', () => {
  it('puts back exactly what a killed step changed, and nothing of other groups', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { createSnapshotStore, restoreOpenGroup } = await import('../../src/session/index.js');
    const root = mkdtempSync(join(tmpdir(), 'pith-journal-'));
    writeFileSync(join(root, 'a.txt'), 'old a\n');
    writeFileSync(join(root, 'b.txt'), 'old b\n');
    // A committed step: its journal is gone, its changes stay.
    const s1 = createSnapshotStore(root);
    s1.begin('plan:s1');
    await s1.beforeWrite('b.txt');
    writeFileSync(join(root, 'b.txt'), 'new b\n');
    await s1.commit('plan:s1');
    expect(await restoreOpenGroup(root, 'plan:s1')).toEqual([]);
    // A step killed after its writes: no commit.
    s1.begin('plan:s2');
    await s1.beforeWrite('a.txt');
    await s1.beforeWrite('c.txt');
    writeFileSync(join(root, 'a.txt'), 'half-done a\n');
    writeFileSync(join(root, 'c.txt'), 'created\n');
    expect(await restoreOpenGroup(root, 'other:s9')).toEqual([]);
    expect((await restoreOpenGroup(root, 'plan:s2')).sort()).toEqual(['a.txt', 'c.txt']);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('old a\n');
    expect(existsSync(join(root, 'c.txt'))).toBe(false);
    expect(readFileSync(join(root, 'b.txt'), 'utf8')).toBe('new b\n');
    expect(await restoreOpenGroup(root, 'plan:s2')).toEqual([]); // the journal is closed
  });
});
