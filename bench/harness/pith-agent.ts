import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { RunRecord } from '../../src/telemetry/records.js';
import type { Agent, AgentMetrics, AgentRunInput } from './types.js';

/**
 * pith as a bench agent: `pith run --yes` or `pith plan --yes`, in-process through cli main()
 * with a CliIO whose cwd is the repository copy. Its numbers come from the run record(s) pith
 * wrote to `.pith/telemetry.jsonl` in that copy, never from its console output.
 * An anchor variant writes `.pith/config.toml` with `[tools] anchors = "<mode>"` first.
 */
export type PithMode = 'run' | 'plan';
export type AnchorMode = 'hash' | 'line' | 'off';

function logStream(file: string): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      appendFileSync(file, chunk);
      done();
    },
  });
}

/** Every record of kind `run` in a telemetry file (a malformed line is skipped). */
export function readRunRecords(repo: string): RunRecord[] {
  const path = join(repo, '.pith', 'telemetry.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const r = JSON.parse(line) as { kind?: string };
        return r.kind === 'run' ? [r as RunRecord] : [];
      } catch {
        return [];
      }
    });
}

/** Sum run records into the bench's numbers. One pith command writes one run record. */
export function metricsFromRuns(runs: RunRecord[]): AgentMetrics {
  const sum = (f: (r: RunRecord) => number | null | undefined) => runs.reduce((n, r) => n + (f(r) ?? 0), 0);
  const est = runs.find((r) => r.estimate_low !== null && r.estimate_high !== null);
  return {
    input_tokens: sum((r) => r.input_tokens ?? r.counted_tokens),
    output_tokens: sum((r) => r.output_tokens),
    calls: sum((r) => r.calls),
    tool_calls: sum((r) => r.tool_calls),
    first_request_tokens: runs[0]?.first_request_tokens ?? 0,
    peak_request_tokens: Math.max(0, ...runs.map((r) => r.peak_request_tokens)),
    stale_edits: sum((r) => r.stale_edits),
    malformed_edits: sum((r) => r.malformed_calls),
    cost_usd: sum((r) => r.cost_usd),
    ...(est ? { estimate_low: est.estimate_low!, estimate_high: est.estimate_high! } : {}),
  };
}

export function createPithAgent(mode: PithMode, anchors?: AnchorMode): Agent {
  const name = `pith-${mode}${anchors ? `:${anchors}` : ''}`;
  return {
    name,
    async run(input: AgentRunInput): Promise<AgentMetrics> {
      mkdirSync(join(input.repo, '.pith'), { recursive: true });
      if (anchors) writeFileSync(join(input.repo, '.pith', 'config.toml'), `[tools]\nanchors = "${anchors}"\n`);
      const out = logStream(input.logFile);
      const io: CliIO = {
        stdout: out,
        stderr: out,
        stdin: process.stdin,
        env: { ...input.env, ...input.target.pithEnv },
        cwd: input.repo,
        isTTY: false,
        signal: input.signal,
      };
      const argv = [mode, '--yes', ...input.target.pithArgs, input.prompt];
      let code: number;
      try {
        code = await main(argv, io);
      } catch (e) {
        code = -1;
        appendFileSync(input.logFile, `\n[bench] pith threw: ${(e as Error).stack ?? String(e)}\n`);
      }
      const runs = readRunRecords(input.repo);
      if (runs.length === 0) {
        return { ...metricsFromRuns([]), error: `pith ${mode} exited ${code} and wrote no run record (see ${input.logFile})` };
      }
      return metricsFromRuns(runs);
    },
  };
}
