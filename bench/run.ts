#!/usr/bin/env node
/**
 * `npm run bench` / `npm run bench:check` / `npm run bench:peers`: see bench/README.md.
 * Exit codes: 0 ok, 1 the check found a regression, 2 usage or setup error, 130 interrupted.
 */
import { runBench } from './harness/bench.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write('\nbench: interrupted; finishing the current run...\n');
  controller.abort();
});

const code = await runBench(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), signal: controller.signal });
process.exit(controller.signal.aborted ? 130 : code);
