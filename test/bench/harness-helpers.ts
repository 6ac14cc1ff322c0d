import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runBench } from '../../bench/harness/bench.js';
import type { BenchDocument } from '../../bench/harness/report.js';

// Runs the bench in-process with captured stdout/stderr and the report going to a temp dir.

export interface BenchRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(c, _e, done) {
        chunks.push(String(c));
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

export const reportDir = mkdtempSync(join(tmpdir(), 'pith-bench-test-out-'));

export async function bench(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<BenchRun> {
  const out = sink();
  const err = sink();
  const code = await runBench([...argv, '--out', reportDir], { stdout: out.stream, stderr: err.stream, env, cwd: process.cwd() });
  return { code, stdout: out.text(), stderr: err.text() };
}

export function parseDoc(run: BenchRun): BenchDocument {
  if (run.code !== 0) throw new Error(`bench exited ${run.code}\n${run.stderr}`);
  return JSON.parse(run.stdout) as BenchDocument;
}

export const RESULT_KEYS = [
  'task', 'agent', 'repeat', 'pass', 'input_tokens', 'output_tokens', 'calls', 'tool_calls', 'first_request_tokens',
  'peak_request_tokens', 'stale_edits', 'malformed_edits', 'wall_ms', 'cost_usd',
];
