import type { RunStatus } from '../core/index.js';

/**
 * One line of `.pith/sessions/<id>.jsonl`. Every record carries `v` and `kind`; readers skip
 * kinds they do not know (newer writers) and lines that do not parse (a torn last line).
 */
export type SessionRecord =
  | { v: 1; kind: 'start'; ts: string; cwd: string; profile: string; resumed?: boolean }
  | { v: 1; kind: 'user'; ts: string; text: string }
  | { v: 1; kind: 'assistant'; ts: string; text: string }
  | { v: 1; kind: 'run'; ts: string; task: string; status: RunStatus; tokens: number; costUsd: number; files?: string[] }
  | { v: 1; kind: 'rollback'; ts: string; turns: number };

export type RunSummary = Omit<Extract<SessionRecord, { kind: 'run' }>, 'v' | 'kind' | 'ts'>;

/** A user message and everything that answered it, up to the next user message. */
export interface Turn {
  task: string;
  /** The last assistant final text of the turn. */
  answer?: string;
  runs: RunSummary[];
  tokens: number;
  costUsd: number;
  /** Files changed by the turn's runs, deduplicated, in first-seen order. */
  files: string[];
}

export interface SessionState {
  id: string;
  /** From the first start record (ISO time); '' if the file has none. */
  startedAt: string;
  cwd: string;
  profile: string;
  /** The turns the model may still see: rolled-back turns are gone for good. */
  turns: Turn[];
  /** First user message ever written, rolled back or not: how a person recognises the session. */
  firstTask: string;
  /** Tokens of every run, rolled back or not: what the session cost. */
  totalTokens: number;
  totalCostUsd: number;
  /** Turns removed by rollback markers. */
  rolledBack: number;
  /** Lines that did not parse (a torn write from a killed process). */
  skippedLines: number;
}

export function emptyState(id: string): SessionState {
  return { id, startedAt: '', cwd: '', profile: '', turns: [], firstTask: '', totalTokens: 0, totalCostUsd: 0, rolledBack: 0, skippedLines: 0 };
}

/**
 * Fold one record into the state (mutates it). The single definition of what a session means,
 * used both by the reader and by the live writer. A rollback removes the last n turns that are
 * still visible at that point; turns appended after the marker are new turns, so turns dropped
 * once can never come back.
 */
export function applyRecord(s: SessionState, r: SessionRecord): void {
  switch (r.kind) {
    case 'start':
      if (!s.startedAt) Object.assign(s, { startedAt: r.ts, cwd: r.cwd, profile: r.profile });
      break;
    case 'user':
      s.turns.push({ task: r.text, runs: [], tokens: 0, costUsd: 0, files: [] });
      if (!s.firstTask) s.firstTask = r.text;
      break;
    case 'assistant':
      currentTurn(s, '').answer = r.text;
      break;
    case 'run': {
      const t = currentTurn(s, r.task);
      const { v: _v, kind: _k, ts: _ts, ...run } = r;
      t.runs.push(run);
      t.tokens += r.tokens;
      t.costUsd += r.costUsd;
      for (const f of r.files ?? []) if (!t.files.includes(f)) t.files.push(f);
      s.totalTokens += r.tokens;
      s.totalCostUsd += r.costUsd;
      if (!s.firstTask) s.firstTask = r.task;
      break;
    }
    case 'rollback': {
      const n = Math.max(0, Math.min(Math.floor(r.turns), s.turns.length));
      s.turns.splice(s.turns.length - n, n);
      s.rolledBack += n;
      break;
    }
    default:
      break; // unknown kind from a newer writer
  }
}

/** An assistant text or run with no user message before it opens a turn of its own. */
function currentTurn(s: SessionState, task: string): Turn {
  const last = s.turns[s.turns.length - 1];
  if (last) return last;
  const t: Turn = { task, runs: [], tokens: 0, costUsd: 0, files: [] };
  s.turns.push(t);
  return t;
}

/** Parse one line; null for a torn or foreign line. */
export function parseRecord(line: string): SessionRecord | null {
  try {
    const r = JSON.parse(line) as SessionRecord;
    return r && typeof r === 'object' && r.v === 1 && typeof r.kind === 'string' ? r : null;
  } catch {
    return null;
  }
}
