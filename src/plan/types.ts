import type { StepStatus } from '../core/index.js';

/** How a step proves it is done. */
export type Verify =
  | 'none'
  | { command: string }
  | { absent: { file: string; pattern: string } }
  | { changed: string };

export interface PlanStep {
  id: string;
  title: string;
  instruction: string;
  files: string[];
  symbols: string[];
  verify: Verify;
  /** The step's own token cap; else the profile's step_tokens. */
  budget?: number;
  status: StepStatus;
  /** Files and symbols the index does not know: shown at review, never silently dropped. */
  unknown?: string[];
  /** What the last attempt left behind, for the carry-forward and --resume. */
  result?: { summary: string; carry: string; tokens: number; attempts: number; failure?: string };
}

export interface Plan {
  id: string;
  task: string;
  createdAt: string;
  steps: PlanStep[];
}

export function isVerify(v: unknown): v is Verify {
  if (v === 'none') return true;
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  if (typeof o.command === 'string') return true;
  if (typeof o.changed === 'string') return true;
  const a = o.absent as Record<string, unknown> | undefined;
  return !!a && typeof a.file === 'string' && typeof a.pattern === 'string';
}

export function describeVerify(v: Verify): string {
  if (v === 'none') return 'none';
  if ('command' in v) return `command: ${v.command}`;
  if ('changed' in v) return `changed: ${v.changed}`;
  return `absent: ${v.absent.file} :: ${v.absent.pattern}`;
}

/** Inverse of describeVerify (plan.md lines). null = unreadable. */
export function readVerify(text: string): Verify | null {
  const t = text.trim();
  if (t === 'none' || t === '') return 'none';
  const m = /^(command|changed|absent):\s*(.*)$/.exec(t);
  if (!m) return null;
  const body = m[2]!.trim();
  if (m[1] === 'command') return body ? { command: body } : null;
  if (m[1] === 'changed') return body ? { changed: body } : null;
  const [file, pattern] = body.split(/\s*::\s*/, 2);
  return file && pattern ? { absent: { file, pattern } } : null;
}
