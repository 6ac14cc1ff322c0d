import { appendFile, mkdir, readdir, readFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PithError } from '../core/index.js';
import { applyRecord, emptyState, parseRecord, type RunSummary, type SessionRecord, type SessionState } from './records.js';

/**
 * The session log: `<root>/.pith/sessions/<id>.jsonl`, append-only. Each record is one
 * `appendFile` of one complete line, so a killed process can tear at most the last line;
 * readers skip lines that do not parse, and a writer reopening a torn file starts a fresh line.
 */
export interface SessionLog {
  readonly id: string;
  readonly path: string;
  user(text: string): Promise<void>;
  /** The assistant's final text of a turn. */
  assistant(text: string): Promise<void>;
  run(summary: RunSummary): Promise<void>;
  /** Forgets the last n visible turns for good; resolves to how many were forgotten. */
  rollback(n: number): Promise<number>;
  /** The session as the model may see it now (same fold as loadSession). */
  state(): SessionState;
}

export interface SessionOpenOptions {
  cwd: string;
  profile: string;
  now?: () => Date;
}

export function sessionsDir(root: string): string {
  return join(root, '.pith', 'sessions');
}

const ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

function newId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15); // 20260102-030405
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Starts a new session and writes its start record. */
export async function createSession(root: string, opts: SessionOpenOptions): Promise<SessionLog> {
  const now = opts.now ?? (() => new Date());
  await mkdir(sessionsDir(root), { recursive: true });
  const started = now();
  const id = newId(started);
  const log = makeLog(root, id, emptyState(id), now);
  await log.append({ v: 1, kind: 'start', ts: started.toISOString(), cwd: opts.cwd, profile: opts.profile });
  return log;
}

/** Continues an existing session: appends to the same file, after a fresh start record marked resumed. */
export async function resumeSession(root: string, id: string, opts: SessionOpenOptions): Promise<SessionLog> {
  const now = opts.now ?? (() => new Date());
  const state = await loadSession(root, id);
  if (!state) throw new PithError('usage', `no session '${id}' in ${sessionsDir(root)}`, "run 'pith --resume' to list sessions");
  const path = join(sessionsDir(root), `${id}.jsonl`);
  if (!(await endsWithNewline(path))) await appendFile(path, '\n'); // isolate a torn last line
  const log = makeLog(root, id, state, now);
  await log.append({ v: 1, kind: 'start', ts: now().toISOString(), cwd: opts.cwd, profile: opts.profile, resumed: true });
  return log;
}

function makeLog(root: string, id: string, state: SessionState, now: () => Date): SessionLog & { append(r: SessionRecord): Promise<void> } {
  const path = join(sessionsDir(root), `${id}.jsonl`);
  let chain: Promise<unknown> = Promise.resolve();
  /**
   * Appends in call order even when callers do not await. `make` runs when the record's turn
   * comes, so it sees the state of everything appended before it. The state follows only
   * records that reached the file.
   */
  const appendWith = (make: () => SessionRecord | null): Promise<SessionRecord | null> => {
    const p = chain.then(async () => {
      const r = make();
      if (!r) return null;
      await appendFile(path, JSON.stringify(r) + '\n');
      applyRecord(state, r);
      return r;
    });
    chain = p.catch(() => {});
    return p;
  };
  const append = async (r: SessionRecord): Promise<void> => void (await appendWith(() => r));
  const ts = () => now().toISOString();
  return {
    id,
    path,
    append,
    user: (text) => append({ v: 1, kind: 'user', ts: ts(), text }),
    assistant: (text) => append({ v: 1, kind: 'assistant', ts: ts(), text }),
    run: (s) => append({ v: 1, kind: 'run', ts: ts(), ...s }),
    async rollback(n) {
      const r = await appendWith(() => {
        const turns = Math.max(0, Math.min(Math.floor(n), state.turns.length));
        return turns > 0 ? { v: 1, kind: 'rollback', ts: ts(), turns } : null;
      });
      return r?.kind === 'rollback' ? r.turns : 0;
    },
    state: () => state,
  };
}

/** The session folded from its file; null when there is no such session. Torn lines are skipped and counted. */
export async function loadSession(root: string, id: string): Promise<SessionState | null> {
  if (!ID_RE.test(id)) return null;
  let text: string;
  try {
    text = await readFile(join(sessionsDir(root), `${id}.jsonl`), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const state = emptyState(id);
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const r = parseRecord(line);
    if (r) applyRecord(state, r);
    else state.skippedLines += 1;
  }
  return state;
}

export interface SessionInfo {
  id: string;
  startedAt: string;
  firstTask: string;
  /** Turns still visible to the model. */
  turns: number;
  /** Every run's tokens, rolled back or not. */
  tokens: number;
  costUsd: number;
}

/** Sessions of this project, newest first. */
export async function listSessions(root: string, limit = 20): Promise<SessionInfo[]> {
  let names: string[];
  try {
    names = await readdir(sessionsDir(root));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const ids = names.filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -'.jsonl'.length));
  const states = await Promise.all(ids.map((id) => loadSession(root, id)));
  return states
    .filter((s): s is SessionState => s !== null)
    .sort((a, b) => (b.startedAt || b.id).localeCompare(a.startedAt || a.id))
    .slice(0, limit)
    .map((s) => ({ id: s.id, startedAt: s.startedAt, firstTask: s.firstTask, turns: s.turns.length, tokens: s.totalTokens, costUsd: s.totalCostUsd }));
}

async function endsWithNewline(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) return true;
    const buf = Buffer.alloc(1);
    await fh.read(buf, 0, 1, size - 1);
    return buf[0] === 0x0a;
  } finally {
    await fh.close();
  }
}
