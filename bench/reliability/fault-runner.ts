/**
 * Provider-fault runs: `pith run --yes` in-process on copies of fixture repositories, each run
 * against its own scripted model in chaos mode (seeded per run), then checks of what a user
 * would care about: no crash, a clear status and exit code, every touched file whole, retries
 * bounded and accounted, telemetry complete. Shared by test/reliability and the fault-matrix
 * bench script.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import type { RunStatus } from '../../src/core/index.js';
import { copyRepo, loadTasks, startScriptedModel, type Task } from '../scripted-model/index.js';
import { allowedStates, checkRepo, readJsonl, resetRepo } from './repo-state.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The package root, from the sources (vitest) or from dist/ (the built bench script). */
export const PKG_ROOT = here.split(sep).includes('dist') ? join(here, '..', '..', '..') : join(here, '..', '..');
export const FIXTURES = join(PKG_ROOT, 'fixtures');

/** Small, fast tasks (no compiler in their verify): one or several files, one edit or several per file. */
export const DEFAULT_FAULT_TASKS = ['js-fix-backoff', 'py-fix-bulk-discount', 'js-tag-filter'];
export const MAX_RETRIES = 4;

export interface FaultRunOptions {
  seed: number;
  rate: number;
  runs: number;
  kinds?: string[];
  taskIds?: string[];
  /** Called after each run (progress output in the bench script). */
  onRun?: (r: FaultRunRecord) => void;
}

export interface FaultRunRecord {
  index: number;
  task: string;
  seed: number;
  exitCode: number | null;
  status: string | null;
  /** main() threw, or returned something that is not an exit code. */
  crash: string | null;
  /** Chaos kinds the server applied to this run's requests. */
  faults: string[];
  requests: number;
  calls: number;
  retries: number;
  maxCallRetries: number;
  corrupted: string[];
  stray: string[];
  finished: boolean;
  /** Problems with telemetry or accounting, each one line; empty when complete. */
  problems: string[];
  /** Why the run stopped, as the user read it (the line before the status line), for runs that did not end ok. */
  reason: string;
  durationMs: number;
}

export interface FaultMatrix {
  seed: number;
  rate: number;
  runs: number;
  requests: number;
  faultsByKind: Record<string, number>;
  crashes: number;
  corruptedFiles: number;
  strayFiles: number;
  statuses: Record<string, number>;
  finishedRuns: number;
  retries: { median: number; max: number; total: number };
  problems: number;
  unhandledRejections: number;
  durationMs: number;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(c, _e, cb) { chunks.push(c.toString()); cb(); } });
  return { stream, text: () => chunks.join('') };
}

/** A config with one profile tuned for fault runs: 1 s stall timeout, fast backoff, no hooks. */
export function faultConfig(): string {
  return [
    'default_profile = "chaos"',
    '[profiles.chaos]',
    'provider = "openai"',
    'endpoint = "http://127.0.0.1:9/v1"', // replaced per run through PITH_ENDPOINT
    'model = "scripted"',
    'stall_timeout_s = 1',
    `max_retries = ${MAX_RETRIES}`,
    'retry_backoff_s = 0.005',
    '[hooks]',
    'on_edit = "off"',
    '',
  ].join('\n');
}

export async function runFaultMatrix(o: FaultRunOptions): Promise<{ records: FaultRunRecord[]; matrix: FaultMatrix }> {
  const started = Date.now();
  const tasks = loadTasks(join(FIXTURES, 'tasks'));
  const chosen = (o.taskIds ?? DEFAULT_FAULT_TASKS).map((id) => {
    const t = tasks.find((x) => x.id === id);
    if (!t) throw new Error(`no fixture task ${id}`);
    return t;
  });
  const work = mkdtempSync(join(tmpdir(), 'pith-faults-'));
  const home = join(work, 'home');
  mkdirSync(join(home, '.config', 'pith'), { recursive: true });
  writeFileSync(join(home, '.config', 'pith', 'config.toml'), faultConfig(), { mode: 0o600 });
  // One pristine copy and one working copy per task, reset between runs.
  const groups = chosen.map((task) => {
    const pristine = copyRepo(FIXTURES, task.repo, work);
    const root = join(work, `run-${task.id}`);
    resetRepo(root, pristine);
    return { task, pristine, root, allowed: allowedStates(task, pristine) };
  });
  let unhandled = 0;
  const onUnhandled = () => void unhandled++;
  process.on('unhandledRejection', onUnhandled);
  const records: FaultRunRecord[] = [];
  try {
    for (let i = 0; i < o.runs; i++) {
      const g = groups[i % groups.length]!;
      const seed = (Math.imul(o.seed, 1000003) + i * 7919) >>> 0;
      const r = await oneRun(i, seed, g, home, tasks, o);
      records.push(r);
      o.onRun?.(r);
      resetRepo(g.root, g.pristine);
    }
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return { records, matrix: summarise(o, records, unhandled, Date.now() - started) };
}

async function oneRun(
  index: number,
  seed: number,
  g: { task: Task; pristine: string; root: string; allowed: Map<string, (string | null)[]> },
  home: string,
  tasks: Task[],
  o: FaultRunOptions,
): Promise<FaultRunRecord> {
  const t0 = Date.now();
  const model = await startScriptedModel({ tasks, chaos: { seed, rate: o.rate, kinds: o.kinds, stallMs: 10_000 } });
  const out = sink();
  const err = sink();
  const io: CliIO = {
    stdout: out.stream, stderr: err.stream, stdin: process.stdin, cwd: g.root, isTTY: false, signal: new AbortController().signal,
    env: { HOME: home, PATH: process.env.PATH, PITH_ENDPOINT: model.url, PITH_TSC: join(PKG_ROOT, 'node_modules', '.bin', 'tsc') },
  };
  let exitCode: number | null = null;
  let crash: string | null = null;
  try {
    const code = await main(['run', '--yes', g.task.prompt], io);
    if (typeof code === 'number') exitCode = code;
    else crash = `main returned ${String(code)}`;
  } catch (e) {
    crash = e instanceof Error ? (e.stack ?? e.message) : String(e);
  } finally {
    await model.close();
  }
  const problems: string[] = [];
  const tel = readJsonl(join(g.root, '.pith', 'telemetry.jsonl'));
  if (tel.bad.length) problems.push(`telemetry: ${tel.bad.length} unparsable line(s)`);
  if (tel.records.some((r) => typeof r.v !== 'number' || typeof r.kind !== 'string')) problems.push('telemetry: a record without v or kind');
  const runs = tel.records.filter((r) => r.kind === 'run');
  const calls = tel.records.filter((r) => r.kind === 'call');
  if (runs.length !== 1) problems.push(`telemetry: ${runs.length} run records`);
  const run = runs[0];
  const status = typeof run?.status === 'string' ? run.status : null;
  if (run && run.calls !== calls.length) problems.push(`telemetry: run says ${String(run.calls)} calls, ${calls.length} call records`);
  const retriesOf = calls.map((c) => (typeof c.retries === 'number' ? c.retries : NaN));
  if (retriesOf.some((n) => Number.isNaN(n))) problems.push('telemetry: a call record without retries');
  const retries = retriesOf.reduce((a, b) => a + (b || 0), 0);
  const maxCallRetries = Math.max(0, ...retriesOf.filter((n) => !Number.isNaN(n)));
  if (maxCallRetries > MAX_RETRIES) problems.push(`retries: a call retried ${maxCallRetries} times (max_retries ${MAX_RETRIES})`);
  // Every attempt the server saw is a call or one of its retries: nothing unaccounted, nothing hidden.
  if (model.requests.length !== calls.length + retries) problems.push(`accounting: server saw ${model.requests.length} requests, telemetry ${calls.length} calls + ${retries} retries`);
  if (!crash && status && exitCode !== exitCodeFor(status as RunStatus)) problems.push(`exit code ${exitCode} does not match status ${status}`);
  const lines = out.text().trimEnd().split('\n');
  const summary = lines.pop() ?? '';
  const reason = status && status !== 'ok' ? (lines.filter((l) => l.trim()).pop() ?? '').slice(0, 200) : '';
  if (!crash && status && !summary.startsWith(`${status} · `)) problems.push(`stdout does not end with the status line: ${JSON.stringify(summary.slice(0, 120))}`);
  const repo = checkRepo(g.root, g.pristine, g.allowed);
  const finalFiles = [...g.allowed.keys()];
  return {
    index, task: g.task.id, seed, exitCode, status, crash,
    faults: model.requests.map((r) => r.chaos).filter((k): k is string => k !== null),
    requests: model.requests.length, calls: calls.length, retries, maxCallRetries,
    corrupted: repo.corrupted, stray: repo.stray, finished: finalFiles.every((f) => repo.finished.includes(f)),
    problems, reason, durationMs: Date.now() - t0,
  };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function summarise(o: FaultRunOptions, records: FaultRunRecord[], unhandled: number, durationMs: number): FaultMatrix {
  const faultsByKind: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  for (const r of records) {
    for (const k of r.faults) faultsByKind[k] = (faultsByKind[k] ?? 0) + 1;
    const s = r.crash ? 'CRASH' : (r.status ?? 'none');
    statuses[s] = (statuses[s] ?? 0) + 1;
  }
  const retries = records.map((r) => r.retries);
  return {
    seed: o.seed, rate: o.rate, runs: records.length, requests: records.reduce((n, r) => n + r.requests, 0),
    faultsByKind, crashes: records.filter((r) => r.crash).length,
    corruptedFiles: records.reduce((n, r) => n + r.corrupted.length, 0), strayFiles: records.reduce((n, r) => n + r.stray.length, 0),
    statuses, finishedRuns: records.filter((r) => r.finished).length,
    retries: { median: median(retries), max: Math.max(0, ...retries), total: retries.reduce((a, b) => a + b, 0) },
    problems: records.reduce((n, r) => n + r.problems.length, 0), unhandledRejections: unhandled, durationMs,
  };
}

export function formatMatrix(m: FaultMatrix): string {
  const kinds = Object.entries(m.faultsByKind).sort((a, b) => b[1] - a[1]);
  const total = kinds.reduce((n, [, c]) => n + c, 0);
  return [
    `fault matrix: seed ${m.seed}, rate ${Math.round(m.rate * 100)}%, ${m.runs} runs, ${m.requests} model requests, ${(m.durationMs / 1000).toFixed(1)} s`,
    `  faults injected: ${total} (${kinds.map(([k, c]) => `${k} ${c}`).join(', ')})`,
    `  crashes: ${m.crashes}   unhandled rejections: ${m.unhandledRejections}   files corrupted: ${m.corruptedFiles}   stray files: ${m.strayFiles}`,
    `  statuses: ${Object.entries(m.statuses).map(([k, c]) => `${k} ${c}`).join(', ')}   task finished: ${m.finishedRuns}/${m.runs}`,
    `  retries per run: median ${m.retries.median}, max ${m.retries.max} (total ${m.retries.total})   accounting/telemetry problems: ${m.problems}`,
  ].join('\n');
}
