/**
 * read { path, lines?: "a-b", symbol? }. A directory path shows its tree (list-dir.ts).
 * Output: a header (readHeader) then one row per line in the anchor format. Files within
 * `smallFileLines` and `smallFileChars` come whole; larger ones as outline rows, `---`, then the
 * head. A range or a symbol shows at most `readMaxLines`. A range of an unchanged file this
 * session already showed (and the executor has not pruned) is answered with one line instead of
 * the text again.
 */
import { stat } from 'node:fs/promises';
import { escapeRegExp, type ToolSpec } from '../core/index.js';
import { defineTool, fail, type ToolOutput } from './framework.js';
import { listDirectory } from './list-dir.js';
import { formatOutline, outlineOf, pickSymbol } from './outline.js';
import { resolvePath } from './path-guard.js';
import { excerptRows, parseRange, readHeader } from './read-format.js';
import { READ_DESCRIPTION, READ_PARAMS } from './descriptions.js';
import { moreLinesNote } from './truncate.js';
import type { ToolDeps } from './types.js';
import type { FileSnapshot } from './file-cache.js';

/** A symbol read of a name the file only uses shows this many uses, with this many lines around each. */
const USE_PLACES = 3;
const USE_CONTEXT = 2;

interface ReadArgs {
  path: string;
  lines?: string;
  symbol?: string;
}

export function createReadTool(deps: ToolDeps): ToolSpec {
  const { limits, state, anchors } = deps;

  function show(rel: string, snap: FileSnapshot, start: number, end: number): string {
    const hashes = snap.hashes();
    state.shown.recordLines(snap.abs, start, hashes.slice(start - 1, end));
    state.shown.recordView(snap.abs, snap.version, start, end, 'range');
    return excerptRows(snap.doc.lines, (n) => hashes[n - 1], start, end, anchors);
  }

  function repeat(rel: string, start: number, end: number, total: number): ToolOutput {
    return { text: `${readHeader(rel, start, end, total)}: unchanged since you read it; it is still above`, cached: true };
  }

  /**
   * A name the file uses but does not define (an import, a call): the lines around its first
   * USE_PLACES uses, so asking for it costs no second call. Null when the name does not occur.
   */
  function usesOf(rel: string, snap: FileSnapshot, name: string): ToolOutput | null {
    const word = new RegExp(`(^|[^\\w$])${escapeRegExp(name)}($|[^\\w$])`);
    const lines = snap.doc.lines;
    const at: number[] = [];
    for (let i = 0; i < lines.length; i++) if (word.test(lines[i]!)) at.push(i + 1);
    if (at.length === 0) return null;
    const parts = [`${rel} defines no ${name}; it is used on line${at.length > 1 ? 's' : ''} ${at.slice(0, 12).join(', ')}${at.length > 12 ? ', ...' : ''}:`];
    let last = 0;
    for (const n of at.slice(0, USE_PLACES)) {
      if (n <= last) continue; // already on screen with the use before it
      const start = Math.max(last + 1, n - USE_CONTEXT);
      const end = Math.min(lines.length, n + USE_CONTEXT);
      parts.push(readHeader(rel, start, end, lines.length), show(rel, snap, start, end));
      last = end;
    }
    return { text: parts.join('\n'), display: `read ${rel}: ${at.length} use${at.length > 1 ? 's' : ''} of ${name}` };
  }

  async function range(rel: string, snap: FileSnapshot, start: number, wanted: number): Promise<ToolOutput> {
    const total = snap.doc.lines.length;
    const end = Math.min(wanted, total, start + limits.readMaxLines - 1);
    if (state.shown.hasView(snap.abs, snap.version, start, end, 'range')) return repeat(rel, start, end, total);
    const rows = [readHeader(rel, start, end, total), show(rel, snap, start, end)];
    const more = end < Math.min(wanted, total);
    if (more) rows.push(moreLinesNote(rel, end + 1, Math.min(wanted, total), limits.readMaxLines));
    return { text: rows.join('\n'), truncated: more, display: `read ${rel} ${start}-${end}/${total}` };
  }

  return defineTool<ReadArgs>(
    {
      name: 'read',
      description: READ_DESCRIPTION[anchors],
      params: READ_PARAMS,
      effect: 'read',
      example: '{"path":"src/app.ts","lines":"1-80"}',
      hints: { lines: 'a line range like "40-90"', symbol: 'a definition name like "parseArgs"' },
      async run(args, ctx) {
        const at = await resolvePath(ctx.root, args.path, 'read');
        if (!at.ok) return fail(at.type, at.message);
        if ((await stat(at.abs).catch(() => null))?.isDirectory()) return listDirectory(deps, ctx.root, at.rel, ctx.signal);
        const got = await state.files.read(at.abs, at.rel);
        if (!got.ok) return fail(got.type, got.type === 'not_found' ? `${got.message}; read a directory or search to find the right path` : got.message);
        const { snap } = got;
        const rel = at.rel;
        const total = snap.doc.lines.length;
        if (total === 0) return { text: `${rel}: empty file (0 lines)` };

        if (args.symbol) {
          const defs = await outlineOf(deps.index, rel, snap.doc.lines);
          const def = pickSymbol(defs, args.symbol);
          if (!def) {
            const uses = usesOf(rel, snap, args.symbol);
            if (uses) return uses;
            const names = defs.slice(0, 20).map((d) => d.name).join(', ');
            return fail('not_found', `no definition named ${args.symbol} in ${rel}${names ? `; it defines: ${names}` : ''}`);
          }
          const span = symbolSpan(snap.doc.lines, def.startLine, def.endLine);
          return range(rel, snap, span.start, span.end);
        }
        if (args.lines) {
          const r = parseRange(args.lines);
          if (!r) return fail('bad_args', `read: lines: expected a range like "40-90", got "${args.lines}"`);
          if (r.start > total) return fail('bad_args', `${rel} has ${total} lines; line ${r.start} does not exist`);
          if (r.end !== undefined && r.end < r.start) return fail('bad_args', `read: lines "${args.lines}" ends before it starts`);
          return range(rel, snap, r.start, r.end ?? total);
        }
        // Lines alone would let 150 long lines (3,000+ tokens) through whole.
        if (total <= limits.smallFileLines && snap.text.length <= limits.smallFileChars) return range(rel, snap, 1, total);

        const head = Math.min(limits.headLines, total);
        if (state.shown.hasView(snap.abs, snap.version, 1, head, 'overview')) return repeat(rel, 1, head, total);
        const outline = formatOutline(await outlineOf(deps.index, rel, snap.doc.lines));
        const body = show(rel, snap, 1, head);
        state.shown.recordView(snap.abs, snap.version, 1, head, 'overview');
        const next = moreLinesNote(rel, head + 1, total, limits.readMaxLines).replace(/\]$/, ' or {"symbol":"NAME"}]');
        const text = [`${readHeader(rel, 1, head, total)}; outline first`, outline || '(no definitions found)', '---', body, next].join('\n');
        return { text, truncated: true, display: `read ${rel} outline + 1-${head}/${total}` };
      },
    },
    deps,
  );
}

/**
 * Attributes and decorators directly above a definition (`#[test]`, `@Override`) belong with it.
 * Doc comments do not come along: measured, they cost more on every symbol read than they saved.
 */
const LEADING = /^\s*(#\[|@\w)/;
/** A definition shorter than this comes with neighbouring lines, so the model sees where it sits. */
const MIN_SYMBOL_LINES = 5;
const MAX_LEADING_LINES = 12;

/** The lines a symbol read shows: the definition, the attributes on top of it, and for a tiny one its neighbours. */
export function symbolSpan(lines: readonly string[], startLine: number, endLine: number): { start: number; end: number } {
  let start = startLine;
  while (start > 1 && startLine - start < MAX_LEADING_LINES && LEADING.test(lines[start - 2]!)) start--;
  let end = endLine;
  for (let grow = true; end - start + 1 < MIN_SYMBOL_LINES && grow; ) {
    grow = false;
    if (start > 1) { start--; grow = true; }
    if (end - start + 1 < MIN_SYMBOL_LINES && end < lines.length) { end++; grow = true; }
  }
  return { start, end };
}
