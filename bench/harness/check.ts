import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { RunResult, Settings } from './types.js';

/**
 * The regression check (`--check`): a fast subset on the scripted model, compared with the
 * committed bench/baseline.json. It fails when any task's input + output tokens for any agent
 * rise more than TOLERANCE over the baseline, or when a task that passed now fails. The scripted
 * model is deterministic, so equal code gives equal numbers: the tolerance only absorbs
 * deliberate small growth.
 */
export const CHECK_TASKS = ['ts-clamp-swap', 'js-tag-filter', 'py-lead-time-param', 'js-plan-priority-aging'];
export const CHECK_AGENTS = ['pith-run', 'pith-plan'];
export const TOLERANCE = 0.05;

export interface BaselineEntry {
  pass: boolean;
  input_tokens: number;
  output_tokens: number;
  calls: number;
}

export interface BaselineFile {
  version: 1;
  generated_at: string;
  git_commit: string | null;
  tolerance: number;
  tasks: string[];
  agents: string[];
  /** results[task][agent] */
  results: Record<string, Record<string, BaselineEntry>>;
}

export interface CheckOutcome {
  ok: boolean;
  /** Human-readable, one line per task x agent, then a verdict. */
  report: string;
}

export function buildBaseline(results: readonly RunResult[], settings: Settings): BaselineFile {
  const out: BaselineFile['results'] = {};
  for (const r of results) {
    (out[r.task] ??= {})[r.agent] = { pass: r.pass, input_tokens: r.input_tokens, output_tokens: r.output_tokens, calls: r.calls };
  }
  return { version: 1, generated_at: settings.started_at, git_commit: settings.git_commit, tolerance: TOLERANCE, tasks: settings.tasks, agents: settings.agents, results: out };
}

export function readBaseline(path: string): BaselineFile {
  if (!existsSync(path)) throw new Error(`no baseline at ${path}; create it with --check --update`);
  const b = JSON.parse(readFileSync(path, 'utf8')) as BaselineFile;
  if (b.version !== 1 || typeof b.results !== 'object') throw new Error(`${path}: not a bench baseline (version 1)`);
  return b;
}

export function writeBaseline(path: string, b: BaselineFile): void {
  writeFileSync(path, JSON.stringify(b, null, 2) + '\n');
}

const pct = (now: number, was: number) => (was === 0 ? (now === 0 ? '0.0%' : 'new') : `${now >= was ? '+' : ''}${(((now - was) / was) * 100).toFixed(1)}%`);

export function compareToBaseline(results: readonly RunResult[], base: BaselineFile): CheckOutcome {
  const lines: string[] = [];
  let failures = 0;
  let improved = 0;
  const tol = base.tolerance ?? TOLERANCE;
  for (const [task, agents] of Object.entries(base.results)) {
    for (const [agent, was] of Object.entries(agents)) {
      const now = results.find((r) => r.task === task && r.agent === agent);
      const label = `${task}  ${agent}`.padEnd(44);
      if (!now) {
        lines.push(`FAIL  ${label}  not run`);
        failures++;
        continue;
      }
      const wasTotal = was.input_tokens + was.output_tokens;
      const nowTotal = now.input_tokens + now.output_tokens;
      const problems: string[] = [];
      if (nowTotal > wasTotal * (1 + tol)) problems.push(`tokens over +${(tol * 100).toFixed(0)}%`);
      if (was.pass && !now.pass) problems.push(`passed before, fails now${now.error ? ` (${now.error})` : ''}`);
      if (nowTotal < wasTotal * (1 - tol)) improved++;
      const detail = `in ${was.input_tokens} -> ${now.input_tokens}  out ${was.output_tokens} -> ${now.output_tokens}  total ${wasTotal} -> ${nowTotal} (${pct(nowTotal, wasTotal)})  pass ${was.pass ? 'yes' : 'no'} -> ${now.pass ? 'yes' : 'no'}`;
      lines.push(`${problems.length ? 'FAIL' : 'ok  '}  ${label}  ${detail}${problems.length ? `  <- ${problems.join('; ')}` : ''}`);
      if (problems.length) failures++;
    }
  }
  const verdict = failures
    ? `bench check FAILED: ${failures} regression${failures > 1 ? 's' : ''} against the baseline (tolerance +${(tol * 100).toFixed(0)}% on input + output tokens). If the growth is intended, rerun with --check --update and commit bench/baseline.json.`
    : `bench check passed${improved ? `; ${improved} entr${improved > 1 ? 'ies' : 'y'} improved by more than ${(tol * 100).toFixed(0)}%: consider --check --update to lock the gain in` : ''}.`;
  return { ok: failures === 0, report: `${lines.join('\n')}\n${verdict}\n` };
}
