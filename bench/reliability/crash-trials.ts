/**
 * The full crash-safety trials: `npm run build && node dist/bench/reliability/crash-trials.js
 * [--trials 50] [--seed 7] [--json]`. Same trials and checks as
 * test/reliability/crash-safety.test.ts (which runs a CI-sized subset). Exits 1 on any problem.
 */
import { parseArgs } from 'node:util';
import { formatCrashSummary, runCrashTrials } from './crash-runner.js';

const { values } = parseArgs({ options: { trials: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } } });
const { trials, summary, calibrationMs, planSavedAtMs } = await runCrashTrials({
  seed: Number(values.seed ?? 7),
  trials: Number(values.trials ?? 50),
  onTrial: (t) => {
    if (values.json) return;
    const state = t.finishedBeforeKill ? 'finished before the kill' : `killed at ${t.killAfterMs} ms, ${t.touchedAtKill.length} file(s) edited, plan ${t.planSaved ? 'saved' : 'not yet saved'}`;
    process.stderr.write(`trial ${String(t.index + 1).padStart(2)}: ${state}; resume exit ${t.resumeCode}, verify ${t.verified ? 'ok' : 'FAILS'}${t.problems.length ? `  ${t.problems.join('; ')}` : ''}\n`);
  },
});
if (values.json) process.stdout.write(JSON.stringify({ summary, trials }, null, 1) + '\n');
else process.stdout.write(formatCrashSummary(summary, calibrationMs, planSavedAtMs) + '\n');
process.exit(summary.problems + summary.corrupted + summary.tornInside > 0 ? 1 : 0);
