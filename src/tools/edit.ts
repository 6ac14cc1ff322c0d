/**
 * edit { path, edits: [{ from, to?, text } | { after, text }] } or { path, old, new }.
 * Refused whole (file untouched) when any anchor is stale, with a fresh excerpt of the region.
 * On success the file is written atomically and the result is only the changed regions with
 * fresh anchors (a deletion shows its neighbours), so no re-read is needed.
 */
import { writeFileAtomic, type ToolSpec } from '../core/index.js';
import { anchorExample, contentHash, lineHash, parseAnchor, stripAnchorPrefixes } from './anchors.js';
import { editDescription, editParams } from './descriptions.js';
import { applyEdits, type Change, type EditOp } from './edit-engine.js';
import { replaceOnce } from './edit-replace.js';
import { defineTool, fail, requireApproval, type ToolFail } from './framework.js';
import { resolvePath } from './path-guard.js';
import { excerptRows, readHeader } from './read-format.js';
import { docText, splitNewText } from './text-doc.js';
import type { FileSnapshot } from './file-cache.js';
import type { ToolDeps } from './types.js';

interface RawOp {
  from?: string;
  to?: string;
  after?: string;
  text: string;
}

interface EditArgs {
  path: string;
  edits?: RawOp[];
  old?: string;
  new?: string;
}

/** Rows to echo: each change's new lines, or the two lines around a deletion, merged. */
function echoRanges(changes: readonly Change[], total: number): Array<[number, number]> {
  const spans = changes.map((c): [number, number] =>
    c.newLines.length > 0 ? [c.newStart, c.newStart + c.newLines.length - 1] : [Math.max(1, c.newStart - 1), Math.min(total, c.newStart)],
  );
  const merged: Array<[number, number]> = [];
  for (const s of spans.filter(([a, b]) => a <= b && b >= 1)) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

export function createEditTool(deps: ToolDeps): ToolSpec {
  const { anchors, state } = deps;
  const ex = anchorExample(anchors);

  function excerpt(rel: string, snap: FileSnapshot, region: [number, number]): string {
    const total = snap.doc.lines.length;
    const [a, b] = [Math.max(1, region[0]), Math.min(total, region[1])];
    if (total === 0) return `${rel}: empty file (0 lines)`;
    const hashes = snap.hashes();
    state.shown.recordLines(snap.abs, a, hashes.slice(a - 1, b));
    return `${readHeader(rel, a, b, total)}\n${excerptRows(snap.doc.lines, (n) => hashes[n - 1], a, b, anchors)}`;
  }

  function parseOps(raw: readonly RawOp[]): EditOp[] | ToolFail {
    const ops: EditOp[] = [];
    for (const [i, op] of raw.entries()) {
      const lines = splitNewText(anchors === 'off' ? op.text : stripAnchorPrefixes(op.text));
      const bad = (field: string, v: unknown) => fail('bad_args', `edit: edits[${i}].${field}: expected an anchor like "${ex}", got ${JSON.stringify(v)}`);
      if ((op.from === undefined) === (op.after === undefined)) {
        return fail('bad_args', `edit: edits[${i}] needs exactly one of from (replace) or after (insert). Example: {"from":"${ex}","text":"new line"}`);
      }
      if (op.after !== undefined) {
        if (op.to !== undefined) return fail('bad_args', `edit: edits[${i}] has after and to: after inserts, from..to replaces; use one`);
        const after = parseAnchor(op.after);
        if (!after) return bad('after', op.after);
        if (lines.length === 0) return fail('bad_args', `edit: edits[${i}] inserts nothing (text is empty)`);
        ops.push({ kind: 'insert', after, lines });
        continue;
      }
      const from = parseAnchor(op.from!);
      if (!from) return bad('from', op.from);
      const to = op.to === undefined ? undefined : parseAnchor(op.to);
      if (to === null) return bad('to', op.to);
      ops.push({ kind: 'replace', from, to, lines });
    }
    return ops;
  }

  return defineTool<EditArgs>(
    {
      name: 'edit',
      description: editDescription(anchors),
      params: editParams(anchors),
      effect: 'write',
      example: anchors === 'off' ? '{"path":"src/a.ts","old":"x = 1","new":"x = 2"}' : `{"path":"src/a.ts","edits":[{"from":"${ex}","text":"x = 2"}]}`,
      hints: { 'edits[].text': 'a string (the new lines; "" deletes)', 'edits[].from': `an anchor like "${ex}"`, 'edits[].to': `an anchor like "${ex}"`, 'edits[].after': `an anchor like "${ex}" or "0"` },
      async run(args, ctx) {
        const hasOps = args.edits !== undefined && args.edits.length > 0;
        const hasOld = args.old !== undefined;
        if (hasOps === hasOld) return fail('bad_args', `edit: give either edits (non-empty) or old + new. Example: ${anchors === 'off' ? '{"path":"a.ts","old":"x","new":"y"}' : `{"path":"a.ts","edits":[{"from":"${ex}","text":"y"}]}`}`);
        if (hasOld && args.new === undefined) return fail('bad_args', 'edit: new is missing (use "" to delete the old text)');
        const at = await resolvePath(ctx.root, args.path, 'write');
        if (!at.ok) return fail(at.type, at.message);
        const got = await state.files.read(at.abs, at.rel);
        if (!got.ok) return fail(got.type, got.type === 'not_found' ? `${got.message}; use write to create it` : `${got.message}; edit refused`);
        const snap = got.snap;
        const rel = at.rel;

        let ops: EditOp[];
        if (hasOld) {
          // Off mode never shows anchors, so there is nothing to strip; otherwise only rows copied whole.
          const clean = (t: string) => (anchors === 'off' ? t : stripAnchorPrefixes(t, 'all'));
          const r = replaceOnce(snap.doc, clean(args.old!), clean(args.new!));
          if (!r.ok) return fail(r.type, r.message, r.region ? excerpt(rel, snap, r.region) : undefined);
          // Anchors taken from the file we just read: never stale.
          const hashes = snap.hashes();
          ops = [{ kind: 'replace', from: { line: r.from, hash: hashes[r.from - 1] }, to: { line: r.to, hash: hashes[r.to - 1] }, lines: r.lines }];
        } else {
          const parsed = parseOps(args.edits!);
          if (!Array.isArray(parsed)) return parsed;
          ops = parsed;
        }

        const res = applyEdits({
          doc: snap.doc,
          hashes: snap.hashes(),
          ops,
          batches: state.history.batches(snap.abs, snap.version),
          shownHash: (line) => state.shown.expectedHash(snap.abs, line),
        });
        if (!res.ok) return fail(res.type, `edit ${rel}: ${res.message}`, res.region ? excerpt(rel, snap, res.region) : undefined);

        const n = ops.length;
        const detail = res.changes.map((c) => [`@@ ${c.oldStart}`, ...c.oldLines.map((l) => `-${l}`), ...c.newLines.map((l) => `+${l}`)].join('\n')).join('\n');
        const denied = await requireApproval(ctx, { kind: 'write', tool: 'edit', summary: `edit ${rel} (${n} op${n === 1 ? '' : 's'})`, detail }, state.policy);
        if (denied) return denied;
        const again = await state.files.read(at.abs, rel);
        if (!again.ok || again.snap.version !== snap.version) return fail('stale', `${rel} changed while waiting for approval; nothing was written. Read it again`);

        const text = docText(res.doc);
        await writeFileAtomic(at.abs, text, snap.mode);
        state.files.invalidate(at.abs);
        const version = contentHash(text);
        state.history.push(at.abs, snap.version, res.batch, version);
        state.shown.remap(at.abs, res.batch);
        if (deps.index) await deps.index.update([rel]).catch(() => undefined);

        const total = res.doc.lines.length;
        const blocks: string[] = [];
        for (const [a, b] of echoRanges(res.changes, total)) {
          const hashes = res.doc.lines.slice(a - 1, b).map(lineHash);
          state.shown.recordLines(at.abs, a, hashes);
          state.shown.recordView(at.abs, version, a, b, 'range');
          blocks.push(excerptRows(res.doc.lines, (l) => hashes[l - a], a, b, anchors));
        }
        const moved = res.relocated > 0 ? `; ${res.relocated} anchor${res.relocated === 1 ? '' : 's'} relocated after earlier edits` : '';
        const shifts = anchors === 'line' ? res.changes.filter((c) => c.newLines.length !== c.oldLines.length) : [];
        const shiftNote = shifts.length
          ? `; lines below ${shifts.map((c) => `${c.oldStart + c.oldLines.length - 1} moved ${c.newLines.length - c.oldLines.length > 0 ? '+' : ''}${c.newLines.length - c.oldLines.length}`).join(', ')}`
          : '';
        const head = `edited ${rel}: ${n} op${n === 1 ? '' : 's'}, now ${total} lines${moved}${shiftNote}`;
        // Regions far apart are separated by `...`, so line numbers are not read as contiguous.
        return { text: [head, blocks.join('\n...\n')].join('\n'), changedFiles: [rel], display: `edit ${rel} (${n} op${n === 1 ? '' : 's'})` };
      },
    },
    deps,
  );
}
