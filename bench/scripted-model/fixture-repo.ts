import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { StepVerify } from './tasks.js';

/** Build output and caches never copied with a fixture repository. */
const SKIP = new Set(['build', 'target', 'node_modules', '__pycache__', '.pith', 'Cargo.lock']);

/** Copy fixtures/repos/<repo> into a fresh temp dir; returns the copy's root. */
export function copyRepo(fixturesDir: string, repo: string, parent = tmpdir()): string {
  const src = resolve(fixturesDir, 'repos', repo);
  if (!existsSync(src)) throw new Error(`no fixture repository ${src}`);
  const dest = join(mkdtempSync(join(parent, `pith-${repo}-`)), repo);
  cpSync(src, dest, { recursive: true, filter: (p) => !SKIP.has(basename(p)) });
  return dest;
}

export interface ShellResult {
  ok: boolean;
  code: number | null;
  output: string;
}

/**
 * Run a verify command the way the harness does: `/bin/sh -c` in the repository copy.
 * `PITH_TSC` should name a TypeScript compiler (the TypeScript fixture compiles with it).
 */
export function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 180_000): ShellResult {
  const r = spawnSync('/bin/sh', ['-c', command], { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 });
  return { ok: r.status === 0, code: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Check a plan step's verify. `changed` needs the file's content from before the step. */
export function checkStepVerify(v: StepVerify, cwd: string, before: Map<string, string | null>, env?: NodeJS.ProcessEnv): ShellResult {
  if (v === 'none') return { ok: true, code: 0, output: '' };
  if ('command' in v) return runShell(v.command, cwd, env);
  if ('absent' in v) {
    const path = join(cwd, v.absent.file);
    const found = existsSync(path) && new RegExp(v.absent.pattern).test(readFileSync(path, 'utf8'));
    return { ok: !found, code: found ? 1 : 0, output: found ? `${v.absent.file} still matches ${v.absent.pattern}` : '' };
  }
  const path = join(cwd, v.changed);
  const now = existsSync(path) ? readFileSync(path, 'utf8') : null;
  const ok = now !== (before.get(v.changed) ?? null);
  return { ok, code: ok ? 0 : 1, output: ok ? '' : `${v.changed} did not change` };
}
