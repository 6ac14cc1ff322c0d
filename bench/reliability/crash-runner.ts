/**
 * Crash trials: `node dist/src/cli/main.js plan --yes` as a child process against the scripted
 * model (served from this process), killed with SIGKILL after a seeded random delay. Afterwards:
 * every file the task touches is in one of its whole states, no other file changed, the JSONL
 * logs parse (at most a torn last line), plan files parse, and `pith plan --resume --yes`
 * finishes the plan (or, when the kill came before a plan was saved, says so and a fresh
 * `pith plan --yes` does). Shared by test/reliability and the crash-trials bench script.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chaosRandom } from '../scripted-model/chaos.js';
import { copyRepo, loadTasks, runShell, startScriptedModel, type ScriptedModel, type Task } from '../scripted-model/index.js';
import { FIXTURES, PKG_ROOT, median } from './fault-runner.js';
import { allowedStates, checkRepo, readJsonl, resetRepo } from './repo-state.js';

export const CLI = join(PKG_ROOT, 'dist', 'src', 'cli', 'main.js');

/**
 * A private copy of the built CLI (dist/src, package.json, node_modules linked): the trials
 * spawn many processes over minutes, and a rebuild of dist/ meanwhile must not break them.
 */
function privateCli(work: string): string {
  const pkg = join(work, 'pith-pkg');
  cpSync(join(PKG_ROOT, 'dist', 'src'), join(pkg, 'dist', 'src'), { recursive: true });
  cpSync(join(PKG_ROOT, 'package.json'), join(pkg, 'package.json'));
  cpSync(join(PKG_ROOT, 'src', 'index', 'queries'), join(pkg, 'src', 'index', 'queries'), { recursive: true });
  symlinkSync(join(PKG_ROOT, 'node_modules'), join(pkg, 'node_modules'));
  return join(pkg, 'dist', 'src', 'cli', 'main.js');
}
export const CRASH_TASK = 'js-plan-priority-aging';

export interface CrashTrial {
  index: number;
  killAfterMs: number;
  /** The child exited on its own before the kill (the plan had finished). */
  finishedBeforeKill: boolean;
  /** Files the task touches that had left their original state when the kill came. */
  touchedAtKill: string[];
  corrupted: string[];
  /** Leftover files: only atomic-write temp files are expected here (a kill between open and rename). */
  stray: string[];
  /** Unparsable lines in JSONL logs that are not the last line (must be none). */
  tornInside: string[];
  tornLast: number;
  unreadablePlans: string[];
  planSaved: boolean;
  resumeCode: number | null;
  resumeOutput: string;
  /** The task's own verify after the resume. */
  verified: boolean;
  problems: string[];
}

export interface CrashSummary {
  trials: number;
  killedMidRun: number;
  corrupted: number;
  stray: number;
  tornInside: number;
  tornLast: number;
  resumed: number;
  /** Resumes that first put an interrupted step's partial edits back. */
  restoredOnResume: number;
  restartedFresh: number;
  verified: number;
  problems: number;
  killAfterMs: { median: number; max: number };
  durationMs: number;
}

function configFor(url: string): string {
  return [
    'default_profile = "crash"',
    '[profiles.crash]',
    'provider = "openai"',
    `endpoint = "${url}"`,
    'model = "scripted"',
    'stall_timeout_s = 5',
    'retry_backoff_s = 0.01',
    '[hooks]',
    'on_edit = "off"',
    '',
  ].join('\n');
}

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  ms: number;
}

let cli = CLI;

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv, killAfterMs?: number, onPlanSaved?: (ms: number) => void): Promise<ChildResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const poll = onPlanSaved && setInterval(() => {
      if (listDir(join(cwd, '.pith', 'plans')).length === 0) return;
      onPlanSaved(Date.now() - started);
      clearInterval(poll);
    }, 10);
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      resolve({ code, signal, output, ms: Date.now() - started });
    });
  });
}

export interface CrashOptions {
  seed: number;
  trials: number;
  onTrial?: (t: CrashTrial) => void;
}

export async function runCrashTrials(o: CrashOptions): Promise<{ trials: CrashTrial[]; summary: CrashSummary; calibrationMs: number; planSavedAtMs: number }> {
  const started = Date.now();
  const tasks = loadTasks(join(FIXTURES, 'tasks'));
  const task = tasks.find((t) => t.id === CRASH_TASK)!;
  const work = mkdtempSync(join(tmpdir(), 'pith-crash-'));
  cli = privateCli(work);
  const home = join(work, 'home');
  mkdirSync(join(home, '.config', 'pith'), { recursive: true });
  const pristine = copyRepo(FIXTURES, task.repo, work);
  const root = join(work, 'trial');
  const allowed = allowedStates(task, pristine);
  const model = await startScriptedModel({ tasks });
  writeFileSync(join(home, '.config', 'pith', 'config.toml'), configFor(model.url), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, PITH_TSC: join(PKG_ROOT, 'node_modules', '.bin', 'tsc') };
  const trials: CrashTrial[] = [];
  let calibrationMs = 0;
  let planSavedAtMs = 0;
  try {
    // Calibration: uninterrupted runs tell how long a whole plan takes here. The first one is
    // slower (cold disk caches, first tsc start); the trials run warm, so the faster one counts,
    // else most kills would land after the trial's plan had already finished.
    for (let run = 0; run < 2; run++) {
      resetRepo(root, pristine);
      let planSavedMs = 0;
      const full = await runCli(['plan', '--yes', task.prompt], root, env, undefined, (ms) => (planSavedMs = ms));
      if (full.code !== 0) throw new Error(`an uninterrupted plan run failed (exit ${full.code}):\n${full.output.slice(-2000)}`);
      if (calibrationMs === 0 || full.ms < calibrationMs) {
        calibrationMs = full.ms;
        planSavedAtMs = planSavedMs || Math.round(full.ms / 2);
      }
    }
    for (let i = 0; i < o.trials; i++) {
      // Most of a run is start-up and planning: one kill in five lands there, the rest while
      // steps run (from the moment the plan is saved to a little past the end).
      const r = chaosRandom(o.seed, i);
      const early = chaosRandom(o.seed, i, 2) < 0.2;
      const delay = early ? r * planSavedAtMs : planSavedAtMs + r * (calibrationMs * 1.05 - planSavedAtMs);
      const t = await trial(i, Math.round(delay), task, root, pristine, allowed, env, model);
      trials.push(t);
      o.onTrial?.(t);
    }
  } finally {
    await model.close();
  }
  const killAfter = trials.map((t) => t.killAfterMs);
  const summary: CrashSummary = {
    trials: trials.length,
    killedMidRun: trials.filter((t) => !t.finishedBeforeKill).length,
    corrupted: trials.reduce((n, t) => n + t.corrupted.length, 0),
    stray: trials.reduce((n, t) => n + t.stray.length, 0),
    tornInside: trials.reduce((n, t) => n + t.tornInside.length, 0),
    tornLast: trials.reduce((n, t) => n + t.tornLast, 0),
    resumed: trials.filter((t) => t.planSaved && t.resumeCode === 0).length,
    restoredOnResume: trials.filter((t) => /restored to before the step/.test(t.resumeOutput)).length,
    restartedFresh: trials.filter((t) => !t.planSaved && t.resumeCode === 0).length,
    verified: trials.filter((t) => t.verified).length,
    problems: trials.reduce((n, t) => n + t.problems.length, 0),
    killAfterMs: { median: median(killAfter), max: Math.max(0, ...killAfter) },
    durationMs: Date.now() - started,
  };
  return { trials, summary, calibrationMs, planSavedAtMs };
}

async function trial(
  index: number, killAfterMs: number, task: Task, root: string, pristine: string, allowed: Map<string, (string | null)[]>, env: NodeJS.ProcessEnv, _model: ScriptedModel,
): Promise<CrashTrial> {
  resetRepo(root, pristine);
  const killed = await runCli(['plan', '--yes', task.prompt], root, env, killAfterMs);
  const problems: string[] = [];
  const finishedBeforeKill = killed.signal !== 'SIGKILL';
  if (finishedBeforeKill && killed.code !== 0) problems.push(`run exited ${killed.code} before the kill: ${killed.output.slice(-300)}`);
  const repo = checkRepo(root, pristine, allowed);
  const stray = repo.stray.filter((f) => !/(^|\/)\.[^/]+\.[0-9a-f]{12}\.tmp$/.test(f));
  if (stray.length) problems.push(`stray files other than atomic-write temps: ${stray.join(', ')}`);
  // Logs: every line parses but possibly the last one.
  const pith = join(root, '.pith');
  const logs = [join(pith, 'telemetry.jsonl'), ...listDir(join(pith, 'sessions')).filter((f) => f.endsWith('.jsonl')).map((f) => join(pith, 'sessions', f))];
  const tornInside: string[] = [];
  let tornLast = 0;
  for (const log of logs) {
    const j = readJsonl(log);
    for (const b of j.bad) {
      if (b === j.lines - 1 && !j.endsWithNewline) tornLast++;
      else tornInside.push(`${log.slice(root.length + 1)}:${b + 1}`);
    }
  }
  const plans = listDir(join(pith, 'plans')).filter((f) => f.endsWith('.json'));
  const unreadablePlans = plans.filter((f) => {
    try {
      JSON.parse(readFileSync(join(pith, 'plans', f), 'utf8'));
      return false;
    } catch {
      return true;
    }
  });
  const planSaved = plans.length > 0 && unreadablePlans.length < plans.length;
  let resume: ChildResult;
  if (finishedBeforeKill) {
    resume = await runCli(['plan', '--resume', '--yes'], root, env);
    if (resume.code !== 0 || !/every step has passed; nothing to resume/.test(resume.output)) problems.push(`resume of a finished plan: exit ${resume.code}`);
  } else if (planSaved) {
    resume = await runCli(['plan', '--resume', '--yes'], root, env);
    if (resume.code !== 0) problems.push(`resume exited ${resume.code}: ${resume.output.slice(-400)}`);
  } else {
    // Killed before a plan existed: --resume must say so plainly, then a fresh run does the work.
    const r = await runCli(['plan', '--resume', '--yes'], root, env);
    if (r.code !== 2 || !/no plan to resume/.test(r.output)) problems.push(`resume without a plan: exit ${r.code}: ${r.output.slice(-200)}`);
    resume = await runCli(['plan', '--yes', task.prompt], root, env);
    if (resume.code !== 0) problems.push(`fresh plan after an early kill exited ${resume.code}: ${resume.output.slice(-400)}`);
  }
  const verified = runShell(task.verify, root, env).ok;
  if (!verified) problems.push('the task verify fails after the resume');
  const after = checkRepo(root, pristine, allowed);
  if (after.corrupted.length) problems.push(`corrupted after resume: ${after.corrupted.join(', ')}`);
  return {
    index, killAfterMs, finishedBeforeKill, touchedAtKill: repo.touched, corrupted: repo.corrupted, stray: repo.stray, tornInside, tornLast,
    unreadablePlans, planSaved, resumeCode: resume.code, resumeOutput: resume.output.slice(0, 300) + (resume.output.length > 300 ? ` ... ${resume.output.slice(-300)}` : ''), verified, problems,
  };
}

function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

export function formatCrashSummary(s: CrashSummary, calibrationMs: number, planSavedAtMs: number): string {
  return [
    `crash trials: ${s.trials} (SIGKILL after a seeded delay in 0-${Math.round(calibrationMs * 1.05)} ms, 4 in 5 after the plan was saved; an uninterrupted plan run took ${calibrationMs} ms, its plan saved at ${planSavedAtMs} ms), ${(s.durationMs / 1000).toFixed(1)} s`,
    `  killed mid-run: ${s.killedMidRun}   files corrupted: ${s.corrupted}   leftover temp files: ${s.stray}   torn lines inside logs: ${s.tornInside}   torn last lines: ${s.tornLast}`,
    `  resumed with --resume: ${s.resumed} (${s.restoredOnResume} put an interrupted step's edits back first)   restarted fresh (killed before a plan was saved): ${s.restartedFresh}   task verify passes afterwards: ${s.verified}/${s.trials}   problems: ${s.problems}`,
  ].join('\n');
}
