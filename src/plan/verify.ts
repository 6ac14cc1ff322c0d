import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verify } from './types.js';
import { escapeRegExp } from '../core/index.js';

export interface VerifyOutcome {
  ok: boolean;
  /** One line, plus the check's output when it failed (capped by the caller). */
  detail: string;
}

export type RunCommand = (command: string, signal: AbortSignal) => Promise<{ exitCode: number | null; output: string; timedOut: boolean }>;

/** Check a step's `verify` after it ran. */
export async function runVerify(v: Verify, root: string, changed: readonly string[], run: RunCommand, signal: AbortSignal): Promise<VerifyOutcome> {
  if (v === 'none') return { ok: true, detail: 'no check' };
  if ('command' in v) {
    const r = await run(v.command, signal);
    const ok = r.exitCode === 0 && !r.timedOut;
    return { ok, detail: ok ? `\`${v.command}\` passed` : `\`${v.command}\` ${r.timedOut ? 'timed out' : `failed (exit ${r.exitCode})`}\n${tail(r.output, 40)}` };
  }
  if ('changed' in v) {
    const ok = changed.includes(v.changed.replace(/^\.\//, ''));
    return { ok, detail: ok ? `${v.changed} changed` : `${v.changed} was not changed` };
  }
  const text = await readFile(join(root, v.absent.file), 'utf8').catch(() => '');
  let re: RegExp;
  try {
    re = new RegExp(v.absent.pattern, 'm');
  } catch {
    re = new RegExp(escapeRegExp(v.absent.pattern), 'm');
  }
  const m = re.exec(text);
  if (!m) return { ok: true, detail: `"${v.absent.pattern}" absent from ${v.absent.file}` };
  const line = text.slice(0, m.index).split('\n').length;
  return { ok: false, detail: `"${v.absent.pattern}" still in ${v.absent.file} at line ${line}` };
}

function tail(text: string, lines: number): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? [`[... ${all.length - lines} lines cut]`, ...all.slice(-lines)] : all).join('\n');
}
