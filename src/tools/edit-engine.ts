/**
 * The anchored edit engine: pure, no I/O. Resolves every op's anchors against the current
 * file, relocating an anchor only through the line shifts of our own earlier edits (exact, no
 * guessing); a mismatch anywhere refuses the whole call as stale. Ops are given in the
 * coordinates the model saw and applied bottom-up, so they do not disturb each other.
 */
import type { Anchor } from './anchors.js';
import { mapLine, type Batch, type Shift } from './edit-history.js';
import { spliceDoc, type TextDoc } from './text-doc.js';

export type EditOp =
  | { kind: 'replace'; from: Anchor; to?: Anchor; lines: string[] }
  | { kind: 'insert'; after: Anchor; lines: string[] };

export interface EngineInput {
  doc: TextDoc;
  /** Anchor hash of each current line. */
  hashes: readonly string[];
  ops: readonly EditOp[];
  /** Our own earlier edits to this file, oldest first (see EditHistory). */
  batches: readonly Batch[];
  /** The hash shown for a bare line number, if that line was shown. */
  shownHash(line: number): string | undefined;
}

/** One applied op, in file order: where it was (old coordinates) and where it is now. */
export interface Change {
  oldStart: number;
  oldLines: string[];
  /** 1-based first line in the new file; with newLines empty, the line that now follows the deletion. */
  newStart: number;
  newLines: string[];
}

export type EngineResult =
  | { ok: true; doc: TextDoc; batch: Shift[]; changes: Change[]; relocated: number }
  | { ok: false; type: 'stale' | 'bad_args'; message: string; region?: [number, number] };

type Resolved = { ok: true; line: number; moved: boolean } | Extract<EngineResult, { ok: false }>;

function around(line: number, n: number): [number, number] {
  return [Math.max(1, line - 3), Math.max(1, Math.min(n, line + 3))];
}

function resolve(a: Anchor, input: EngineInput, zeroOk: boolean): Resolved {
  const n = input.doc.lines.length;
  if (a.line === 0) {
    return zeroOk ? { ok: true, line: 0, moved: false } : { ok: false, type: 'bad_args', message: 'line 0 exists only as `after: "0"` (insert at the top)' };
  }
  const expected = a.hash ?? input.shownHash(a.line);
  if (expected === undefined) {
    return { ok: false, type: 'stale', message: `line ${a.line} was not shown to you yet; current text below`, region: around(a.line, n) };
  }
  if (a.line <= n && input.hashes[a.line - 1] === expected) return { ok: true, line: a.line, moved: false };
  if (a.hash) {
    const found = new Set<number>();
    for (let k = 0; k < input.batches.length; k++) {
      let l: number | undefined = a.line;
      for (let j = k; j < input.batches.length && l !== undefined; j++) l = mapLine(l, input.batches[j]!);
      if (l !== undefined && l >= 1 && l <= n && input.hashes[l - 1] === expected) found.add(l);
    }
    if (found.size === 1) return { ok: true, line: [...found][0]!, moved: true };
  }
  const what = a.line > n ? `line ${a.line} no longer exists (the file has ${n} lines)` : `line ${a.line} changed since you saw it`;
  return { ok: false, type: 'stale', message: `${what}; nothing was written. Current text below`, region: around(Math.min(a.line, Math.max(n, 1)), n) };
}

interface Placed extends Shift {
  index: number;
  lines: string[];
}

export function applyEdits(input: EngineInput): EngineResult {
  const placed: Placed[] = [];
  let relocated = 0;
  for (const [index, op] of input.ops.entries()) {
    if (op.kind === 'insert') {
      const r = resolve(op.after, input, true);
      if (!r.ok) return r;
      if (r.moved) relocated++;
      placed.push({ start: r.line + 1, del: 0, ins: op.lines.length, index, lines: op.lines });
      continue;
    }
    const f = resolve(op.from, input, false);
    if (!f.ok) return f;
    const t = op.to ? resolve(op.to, input, false) : f;
    if (!t.ok) return t;
    if (t.line < f.line) return { ok: false, type: 'bad_args', message: `edits[${index}]: to (line ${t.line}) is above from (line ${f.line})` };
    relocated += (f.moved ? 1 : 0) + (op.to && t.moved ? 1 : 0);
    placed.push({ start: f.line, del: t.line - f.line + 1, ins: op.lines.length, index, lines: op.lines });
  }
  for (const a of placed) {
    for (const b of placed) {
      if (a === b || a.del === 0) continue;
      const aEnd = a.start + a.del - 1;
      const clash = b.del > 0 ? b.start <= aEnd && a.start <= b.start + b.del - 1 : b.start > a.start && b.start <= aEnd;
      if (clash) return { ok: false, type: 'bad_args', message: `edits[${a.index}] and edits[${b.index}] overlap (lines ${a.start}-${aEnd}); merge them into one op` };
    }
  }
  // Bottom-up; at one start a replace goes before inserts, and inserts in reverse call order,
  // so inserts land above the replaced block and in the order they were given.
  const order = placed.slice().sort((x, y) => y.start - x.start || y.del - x.del || y.index - x.index);
  let doc = input.doc;
  for (const p of order) doc = spliceDoc(doc, p.start - 1, p.del, p.lines);
  const changes: Change[] = [];
  let offset = 0;
  for (const p of order.slice().reverse()) {
    const oldLines = input.doc.lines.slice(p.start - 1, p.start - 1 + p.del);
    changes.push({ oldStart: p.start, oldLines, newStart: p.start + offset, newLines: p.lines });
    offset += p.ins - p.del;
  }
  const batch = placed.map(({ start, del, ins }) => ({ start, del, ins }));
  return { ok: true, doc, batch, changes, relocated };
}
