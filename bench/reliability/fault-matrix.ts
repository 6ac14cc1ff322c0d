/**
 * The full provider-fault matrix: `npm run build && node dist/bench/reliability/fault-matrix.js
 * [--runs 200] [--seed 11] [--rate 0.2] [--kinds 500,stall] [--json]`. Same runs and checks as
 * test/reliability/provider-faults.test.ts (which runs a CI-sized subset). Exits 1 when any run
 * crashed, corrupted a file or left telemetry incomplete.
 */
import { parseArgs } from 'node:util';
import { formatMatrix, runFaultMatrix } from './fault-runner.js';

const { values } = parseArgs({
  options: { runs: { type: 'string' }, seed: { type: 'string' }, rate: { type: 'string' }, kinds: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } },
});
const runs = Number(values.runs ?? 200);
const seed = Number(values.seed ?? 11);
const rate = Number(values.rate ?? 0.2);
const kinds = values.kinds?.split(',').filter(Boolean);

const { records, matrix } = await runFaultMatrix({
  seed, rate, runs, kinds,
  onRun: (r) => {
    if (values.quiet || values.json) return;
    const flags = [r.crash ? 'CRASH' : '', r.corrupted.length ? `CORRUPT ${r.corrupted.join(',')}` : '', ...r.problems].filter(Boolean).join('; ');
    process.stderr.write(`run ${String(r.index + 1).padStart(3)} ${r.task.padEnd(22)} ${String(r.status).padEnd(7)} faults [${r.faults.join(',')}] retries ${r.retries}${flags ? `  ${flags}` : ''}\n`);
  },
});
if (values.json) process.stdout.write(JSON.stringify({ matrix, records }, null, 1) + '\n');
else process.stdout.write(formatMatrix(matrix) + '\n');
const bad = matrix.crashes + matrix.corruptedFiles + matrix.problems + matrix.unhandledRejections;
process.exit(bad > 0 ? 1 : 0);
