/**
 * What a fixture repository may look like after an agent worked on it: for every file a task
 * touches, the sequence of whole states its script passes through (original, after the first
 * edit of that file, after the second, ...). A file in any of these states is "fully edited or
 * untouched"; anything else is a corrupted (torn, mixed or foreign) file.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { insertAfter, replaceOnce, type Intent, type Task } from '../scripted-model/index.js';

/** Produced by the tools we run (compilers, test runners, pith itself), never the agent's edits. */
const IGNORED = new Set(['.pith', 'build', 'target', 'node_modules', '__pycache__', 'Cargo.lock', '.git']);

/** Every intent that writes, in order: a plan's steps in order, else the task's script. */
export function writingIntents(task: Task): Intent[] {
  const all = task.plan ? task.plan.steps.flatMap((s) => s.script) : task.script;
  return all.filter((i) => i.do === 'replace' || i.do === 'insert_after' || i.do === 'write');
}

/** file -> its allowed states (null = does not exist), original first. */
export function allowedStates(task: Task, pristineRoot: string): Map<string, (string | null)[]> {
  const states = new Map<string, (string | null)[]>();
  for (const intent of writingIntents(task)) {
    if (!('file' in intent)) continue;
    const path = join(pristineRoot, intent.file);
    const seq = states.get(intent.file) ?? [existsSync(path) ? readFileSync(path, 'utf8') : null];
    const cur = seq[seq.length - 1];
    if (intent.do === 'write') seq.push(intent.content);
    else if (intent.do === 'replace') seq.push(replaceOnce(cur ?? '', intent.old, intent.new, intent.file));
    else if (intent.do === 'insert_after') seq.push(insertAfter(cur ?? '', intent.anchor_text, intent.text, intent.file));
    states.set(intent.file, seq);
  }
  return states;
}

/** Project-relative file paths under `root`, '/'-separated, skipping tool output directories. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (IGNORED.has(name)) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

export interface RepoCheck {
  /** Files whose content is none of their allowed states. */
  corrupted: string[];
  /** Files the task touches that are no longer in their original state. */
  touched: string[];
  /** Files that appeared and are not part of the task (e.g. a leftover temp file). */
  stray: string[];
  /** Files the task touches that reached their final state. */
  finished: string[];
}

/** Compare `root` against the pristine copy and the task's allowed states. */
export function checkRepo(root: string, pristineRoot: string, allowed: Map<string, (string | null)[]>): RepoCheck {
  const r: RepoCheck = { corrupted: [], touched: [], stray: [], finished: [] };
  const now = new Set(listFiles(root));
  for (const [file, seq] of allowed) {
    const path = join(root, file);
    const content = existsSync(path) ? readFileSync(path, 'utf8') : null;
    const at = seq.indexOf(content);
    if (at < 0) r.corrupted.push(file);
    else if (at > 0) r.touched.push(file);
    if (at === seq.length - 1 && seq.length > 1) r.finished.push(file);
    now.delete(file);
  }
  for (const file of now) {
    const orig = join(pristineRoot, file);
    if (!existsSync(orig)) r.stray.push(file);
    else if (!readFileSync(orig).equals(readFileSync(join(root, file)))) r.corrupted.push(file);
  }
  for (const file of listFiles(pristineRoot)) if (!allowed.has(file) && !existsSync(join(root, file))) r.corrupted.push(file);
  return r;
}

/** Put `root` back to the pristine copy (a fresh recursive copy: the repos are small). */
export function resetRepo(root: string, pristineRoot: string): void {
  rmSync(root, { recursive: true, force: true });
  cpSync(pristineRoot, root, { recursive: true });
}

/** JSONL as written by an append-only log: records, plus how many lines did not parse and where. */
export function readJsonl(path: string): { records: Record<string, unknown>[]; bad: number[]; lines: number; endsWithNewline: boolean } {
  if (!existsSync(path)) return { records: [], bad: [], lines: 0, endsWithNewline: true };
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const records: Record<string, unknown>[] = [];
  const bad: number[] = [];
  lines.forEach((l, i) => {
    try {
      const v = JSON.parse(l);
      if (v && typeof v === 'object' && !Array.isArray(v)) records.push(v);
      else bad.push(i);
    } catch {
      bad.push(i);
    }
  });
  return { records, bad, lines: lines.length, endsWithNewline: text === '' || text.endsWith('\n') };
}
