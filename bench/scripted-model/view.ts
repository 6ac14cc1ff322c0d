import type { Action } from './conversation.js';
import { pathArg, roleOf, type ToolSet } from './toolset.js';

/**
 * What the agent has actually shown the model of each file, rebuilt from the conversation alone.
 * Numbered lines come from anchored reads (`12:k3|text`, hash mode), line-mode reads (`12|text`),
 * grep-style hits (`path:12:text`) and pre-loaded excerpts in user messages; plain text (off mode,
 * whole-file reads) is kept as blobs. Our own successful edits are applied to the view, so lines
 * shifted by them keep their hashes; a refused edit resets the file to the excerpt that came back.
 * A pruned output (a one-line stub naming `recall`) shows nothing, so its lines must be asked for again.
 */
export interface Seen {
  text: string;
  /** 'hash' and 'line' lines may be named as edit anchors; 'plain' ones only give positions and text. */
  kind: 'hash' | 'line' | 'plain';
  hash?: string;
}

export interface FileView {
  lines: Map<number, Seen>;
  blobs: string[];
  /** Recall ids of pruned outputs about this file since its last change by the agent. */
  stubs: string[];
}

export interface Views {
  files: Map<string, FileView>;
  get(file: string): FileView;
}

const HASH_LINE = /^(\d+):([0-9A-Za-z_-]{1,6})\|(.*)$/;
const LINE_MODE = /^(\d+)\|(.*)$/;
const CAT_N = /^\s*(\d+)\t(.*)$/;
const RECALL_JSON = /recall\s*\{\s*"id"\s*:\s*"([^"]+)"\s*\}/i;
const RECALL_ID = /recall\b[^A-Za-z0-9\n]*(?:id\b[^A-Za-z0-9\n]*)?([A-Za-z0-9_.:-]+)/i;

/** A tool result that reports failure (refused, stale, not found...): judged by its first line. */
export function isFailure(result: string | null): boolean {
  if (result === null) return true;
  const first = result.trimStart().split('\n', 1)[0] ?? '';
  return /^(\[?error\b|error:|stale\b|refused\b|failed\b|no match\b|not found\b|invalid\b|unknown tool\b|\{"error")/i.test(first) || /\b(stale|refused)\b/i.test(first);
}

/** A pruned output: short, one line, mentions recall. Returns its recall id when it names one. */
export function stubRecallId(result: string | null): string | null | undefined {
  if (result === null || result.length > 400 || result.trim().includes('\n') || !/recall/i.test(result)) return undefined;
  // A tool's error line that mentions recall ("recall: no stored output ...") is not a stub.
  if (isFailure(result)) return undefined;
  // The id a stub spells out as a call (`recall {"id":"r3"}`) wins over any other "recall" word in it.
  return RECALL_JSON.exec(result)?.[1] ?? RECALL_ID.exec(result)?.[1] ?? null;
}

export function canonicalPath(path: string, known: readonly string[]): string {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (known.includes(p)) return p;
  return known.find((k) => p.endsWith('/' + k)) ?? p;
}

function newView(): FileView {
  return { lines: new Map(), blobs: [], stubs: [] };
}

/** Parse a block of text; `fixed` pins every line to one file, else headers naming a known file switch it. */
function absorb(views: Views, text: string, known: readonly string[], fixed: string | null): void {
  let current = fixed;
  let blob: string[] = [];
  const flush = () => {
    if (current && blob.length) views.get(current).blobs.push(blob.join('\n'));
    blob = [];
  };
  for (const line of text.split('\n')) {
    let file = current;
    let rest = line;
    // "path:12:k3|text" / "path:12|text" / "path:12:text" (search results name their file).
    const prefixed = /^([^\s:|]+):(\d+[:|].*)$/.exec(line);
    if (prefixed && known.includes(canonicalPath(prefixed[1], known))) {
      file = canonicalPath(prefixed[1], known);
      rest = prefixed[2];
    }
    const h = HASH_LINE.exec(rest);
    const l = h ? null : LINE_MODE.exec(rest);
    const g = h || l ? null : file !== current || fixed === null ? /^(\d+):(.*)$/.exec(rest) : null;
    const c = h || l || g ? null : CAT_N.exec(rest);
    if (file && (h || l || g || c)) {
      flush();
      const n = Number((h ?? l ?? g ?? c)![1]);
      const seen: Seen = h ? { text: h[3], kind: 'hash', hash: h[2] } : l ? { text: l[2], kind: 'line' } : { text: (g ?? c)![2], kind: 'plain' };
      views.get(file).lines.set(n, seen);
      continue;
    }
    if (fixed === null) {
      const header = [...known].sort((a, b) => b.length - a.length).find((k) => line.includes(k));
      if (header) {
        flush();
        current = header;
        continue;
      }
      // A header naming a file the script does not know: its rows are not the current file's.
      if (/^[\w.-]+(\/[\w.-]+)*\.[A-Za-z]{1,5}( lines \d|:?$)/.test(line)) {
        flush();
        current = null;
        continue;
      }
    }
    if (current) blob.push(line);
  }
  flush();
}

/** Replace lines from..to (inclusive; to = from - 1 inserts before `from`) with `texts`, shifting the rest. */
export function spliceLines(view: FileView, from: number, to: number, texts: string[]): void {
  const delta = texts.length - (to - from + 1);
  const next = new Map<number, Seen>();
  for (const [n, s] of view.lines) {
    if (n < from) next.set(n, s);
    else if (n > to) next.set(n + delta, s);
  }
  texts.forEach((t, i) => next.set(from + i, { text: t, kind: 'plain' }));
  view.lines = next;
}

/** Consecutive runs of known lines: [{ start, lines }]. */
export function runs(view: FileView): { start: number; lines: Seen[] }[] {
  const nums = [...view.lines.keys()].sort((a, b) => a - b);
  const out: { start: number; lines: Seen[] }[] = [];
  for (const n of nums) {
    const last = out[out.length - 1];
    if (last && last.start + last.lines.length === n) last.lines.push(view.lines.get(n)!);
    else out.push({ start: n, lines: [view.lines.get(n)!] });
  }
  return out;
}

export interface Located {
  from: number;
  to: number;
  /** Text of line `from` before the match, and of line `to` after it. */
  prefix: string;
  suffix: string;
  lines: Seen[];
}

/** Where `needle` sits among the numbered lines the model has seen, or null. */
export function locate(view: FileView, needle: string): Located | null {
  for (const run of runs(view)) {
    const joined = run.lines.map((s) => s.text).join('\n');
    const at = joined.indexOf(needle);
    if (at < 0) continue;
    const end = at + needle.length;
    const fromIdx = joined.slice(0, at).split('\n').length - 1;
    const toIdx = joined.slice(0, Math.max(at, end - (needle.endsWith('\n') ? 1 : 0))).split('\n').length - 1;
    const lineStart = joined.lastIndexOf('\n', at - 1) + 1;
    const lineEndRaw = joined.indexOf('\n', Math.max(at, end - (needle.endsWith('\n') ? 1 : 0)));
    const lineEnd = lineEndRaw < 0 ? joined.length : lineEndRaw;
    return {
      from: run.start + fromIdx,
      to: run.start + toIdx,
      prefix: joined.slice(lineStart, at),
      suffix: end >= lineEnd ? '' : joined.slice(end, lineEnd),
      lines: run.lines.slice(fromIdx, toIdx + 1),
    };
  }
  return null;
}

function applyEdit(view: FileView, args: Record<string, unknown>, set: ToolSet): void {
  const e = set.edit!;
  const ops = e.edits && Array.isArray(args[e.edits]) ? (args[e.edits] as Record<string, unknown>[]) : null;
  if (ops) {
    const num = (a: unknown) => (typeof a === 'string' || typeof a === 'number' ? Number(String(a).split(':')[0]) : NaN);
    const sorted = [...ops].sort((a, b) => num(b.from ?? b.after) - num(a.from ?? a.after));
    for (const op of sorted) {
      const texts = typeof op.text === 'string' ? (op.text === '' ? [] : op.text.split('\n')) : [];
      if (op.after !== undefined) spliceLines(view, num(op.after) + 1, num(op.after), texts);
      else if (op.from !== undefined) spliceLines(view, num(op.from), op.to !== undefined ? num(op.to) : num(op.from), texts);
    }
    return;
  }
  const oldText = e.old ? args[e.old] : undefined;
  const newText = e.new ? args[e.new] : undefined;
  if (typeof oldText !== 'string' || typeof newText !== 'string') return;
  view.blobs = view.blobs.map((b) => (b.includes(oldText) ? b.replace(oldText, () => newText) : b));
  const at = locate(view, oldText);
  if (at) spliceLines(view, at.from, at.to, (at.prefix + newText + at.suffix).split('\n'));
}

/** Replay the conversation into per-file views. `known` = the files the task's script names. */
export function buildViews(preamble: readonly string[], actions: readonly Action[], set: ToolSet, known: readonly string[]): Views {
  const files = new Map<string, FileView>();
  const views: Views = { files, get: (f) => files.get(f) ?? (files.set(f, newView()), files.get(f)!) };
  for (const text of preamble) absorb(views, text, known, null);
  const recallFile = new Map<string, string>();
  for (const a of actions) {
    const role = roleOf(set, a.name);
    const rawPath = pathArg(a.args);
    const file = rawPath ? canonicalPath(rawPath, known) : role === 'recall' ? recallFile.get(String(a.args?.id ?? '')) ?? null : null;
    const stub = stubRecallId(a.result);
    if (stub !== undefined) {
      if (stub && file) {
        views.get(file).stubs.push(stub);
        recallFile.set(stub, file);
      }
      continue;
    }
    if (a.result === null) continue;
    if ((role === 'edit' || role === 'write') && file) {
      const view = views.get(file);
      if (isFailure(a.result)) {
        view.lines = new Map();
        absorb(views, a.result, known, file);
        continue;
      }
      // Outputs pruned before this change show the file as it was: a model reads it afresh
      // rather than recalling them (recalling stale text only to see it pruned again loops).
      view.stubs = [];
      if (role === 'write') {
        const content = set.write && typeof a.args?.[set.write.content] === 'string' ? (a.args[set.write.content] as string) : '';
        view.lines = new Map(content.split('\n').map((t, i) => [i + 1, { text: t, kind: 'plain' as const }]));
        view.blobs = [content];
      } else if (a.args) applyEdit(view, a.args, set);
      absorb(views, a.result, known, file);
      continue;
    }
    if (isFailure(a.result)) continue;
    absorb(views, a.result, known, role === 'read' || role === 'recall' ? file : null);
  }
  return views;
}
