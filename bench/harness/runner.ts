import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setMaxListeners } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { runShell, type Task } from '../scripted-model/index.js';
import type { Agent, ModelTarget, RunResult } from './types.js';

/**
 * Runs every task x agent x repeat, one at a time (pith runs in-process; two cores), each on a
 * fresh copy of the task's repository, then the task's verify with PITH_TSC set. Copies live at
 * `<scratch>/<task>/<agent>-<repeat>/<repo>`, where scratch has a fixed name per free slot, so the
 * paths an agent shows its model (and so its token counts) are the same from run to run.
 */
export interface RunPlan {
  tasks: Task[];
  agents: Agent[];
  repeats: number;
  fixtures: string;
  target: ModelTarget;
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
  signal?: AbortSignal;
  /** Keep the repository copies (default: removed when the run ends). */
  keep?: boolean;
  /** Base environment for tools and verify (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The package root: the nearest directory up with pith's package.json (works from bench/ and dist/bench/). */
function findRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    const pkg = join(d, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'pith') return d;
    if (dirname(d) === d) throw new Error(`no pith package.json above ${dir}`);
  }
}

export const PKG_ROOT = findRoot(import.meta.dirname);

const SKIP = new Set(['build', 'target', 'node_modules', '__pycache__', '.pith', 'Cargo.lock']);

/** A scratch dir `<tmp>/pith-bench-<n>`, n the first free slot (stale ones older than 6 h are reused). */
export function claimScratch(): string {
  for (let n = 0; n < 10; n++) {
    const dir = join(tmpdir(), `pith-bench-${n}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch {
      if (Date.now() - statSync(dir).mtimeMs > 6 * 3600_000) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        return dir;
      }
    }
  }
  throw new Error(`no free scratch slot under ${tmpdir()} (pith-bench-0..9 all in use)`);
}

export function copyTo(fixtures: string, repo: string, parent: string): string {
  const src = resolve(fixtures, 'repos', repo);
  if (!existsSync(src)) throw new Error(`no fixture repository ${src}`);
  const dest = join(parent, repo);
  rmSync(parent, { recursive: true, force: true });
  mkdirSync(parent, { recursive: true });
  cpSync(src, dest, { recursive: true, filter: (p) => !SKIP.has(basename(p)) });
  return dest;
}

/** The environment tools and verify commands need: a TypeScript compiler and a shared cargo target. */
export function benchEnv(scratch: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    PITH_TSC: base.PITH_TSC ?? join(PKG_ROOT, 'node_modules', '.bin', 'tsc'),
    CARGO_TARGET_DIR: base.CARGO_TARGET_DIR ?? join(scratch, 'cargo-target'),
  };
}

export async function runAll(plan: RunPlan): Promise<RunResult[]> {
  const scratch = claimScratch();
  const env = benchEnv(scratch, plan.env);
  // pith's bash tool and step checks inherit process.env, not the CliIO's env: set both.
  const saved = { PITH_TSC: process.env.PITH_TSC, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR };
  process.env.PITH_TSC = env.PITH_TSC;
  process.env.CARGO_TARGET_DIR = env.CARGO_TARGET_DIR;
  const results: RunResult[] = [];
  const signal = plan.signal ?? new AbortController().signal;
  try {
    for (const task of plan.tasks) {
      for (const agent of plan.agents) {
        for (let repeat = 1; repeat <= plan.repeats; repeat++) {
          if (signal.aborted) return results;
          const dir = join(scratch, task.id, `${agent.name.replace(/[^\w.-]/g, '_')}-${repeat}`);
          const repo = copyTo(plan.fixtures, task.repo, dir);
          const before = plan.target.requests?.length ?? 0;
          const started = Date.now();
          // A signal per run: pith adds an abort listener per call and leaves them on the signal
          // it was given (a MaxListenersExceededWarning after 10 calls); they die with the run.
          const run = new AbortController();
          setMaxListeners(1000, run.signal);
          const forward = () => run.abort();
          signal.addEventListener('abort', forward, { once: true });
          let metrics;
          try {
            metrics = await agent.run({ prompt: task.prompt, repo, target: plan.target, env, logFile: join(dir, 'agent.log'), signal: run.signal });
          } catch (e) {
            metrics = { input_tokens: 0, output_tokens: 0, calls: 0, tool_calls: 0, first_request_tokens: 0, peak_request_tokens: 0, stale_edits: 0, malformed_edits: 0, cost_usd: 0, error: (e as Error).message };
          } finally {
            signal.removeEventListener('abort', forward);
          }
          const wall = Date.now() - started;
          const verify = runShell(task.verify, repo, env);
          const served = plan.target.requests?.slice(before);
          const result: RunResult = {
            task: task.id,
            agent: agent.name,
            repeat,
            pass: verify.ok && !metrics.error,
            ...metrics,
            wall_ms: wall,
            ...(served ? { server_input_tokens: served.reduce((n, r) => n + r.promptTokens, 0) } : {}),
          };
          results.push(result);
          plan.progress?.(`${result.pass ? 'pass' : 'FAIL'}  ${task.id}  ${agent.name}#${repeat}  in ${result.input_tokens}  out ${result.output_tokens}  ${result.calls} calls  ${(wall / 1000).toFixed(1)} s${result.error ? `  (${result.error})` : ''}`);
        }
      }
    }
    return results;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (!plan.keep) rmSync(scratch, { recursive: true, force: true });
    else plan.progress?.(`repository copies kept in ${scratch}`);
  }
}
