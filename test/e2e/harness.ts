import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { copyRepo, loadTasks, runShell, startScriptedModel, type Task } from '../../bench/scripted-model/index.js';

export const FIXTURES = resolve('fixtures');
export const TSC = resolve('node_modules/.bin/tsc');

/** The task list, optionally with some tasks rewritten (e.g. a verify made to fail). */
export function tasks(patch?: (t: Task) => Task): Task[] {
  const all = loadTasks(join(FIXTURES, 'tasks'));
  return patch ? all.map(patch) : all;
}

export async function scripted(list: Task[]) {
  return startScriptedModel({ tasks: list });
}

export function repoCopy(task: Task): string {
  return copyRepo(FIXTURES, task.repo, mkdtempSync(join(tmpdir(), 'pith-e2e-')));
}

/** Run the pith CLI in-process in `cwd` against `url`, capturing its output. */
export async function pith(args: string[], cwd: string, url: string, extraEnv: Record<string, string> = {}, signal?: AbortSignal) {
  const out = { stdout: '', stderr: '' };
  const sink = (k: 'stdout' | 'stderr') => ({ write: (s: string | Uint8Array) => ((out[k] += String(s)), true) }) as unknown as NodeJS.WritableStream;
  const home = mkdtempSync(join(tmpdir(), 'pith-e2e-home-'));
  const io: CliIO = {
    stdout: sink('stdout'), stderr: sink('stderr'), stdin: process.stdin, cwd, isTTY: false,
    env: { PATH: process.env.PATH, HOME: home, PITH_ENDPOINT: url, PITH_MODEL: 'pith-scripted', PITH_TSC: TSC, ...extraEnv },
    signal: signal ?? new AbortController().signal,
  };
  const code = await main(args, io);
  return { code, ...out, home };
}

export function verify(task: Task, cwd: string): boolean {
  return runShell(task.verify, cwd, { ...process.env, PITH_TSC: TSC }).code === 0;
}

export function telemetry(cwd: string): Array<Record<string, unknown>> {
  return readFileSync(join(cwd, '.pith', 'telemetry.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}
