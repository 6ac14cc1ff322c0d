import type { Action } from './conversation.js';
import type { Intent } from './tasks.js';
import { pathArg, roleOf, type ToolSet } from './toolset.js';
import { locate, runs, stubRecallId, type FileView, type Located, type Seen, type Views } from './view.js';

/**
 * Turning one intent into one concrete tool call for the tools on offer, using only what the
 * view says the model has seen. When the text an edit needs is not visible, the answer is a
 * read (or a recall of a pruned output, or a search to find the line) instead of the edit.
 */
export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
  /** One short line for the reply text. */
  say: string;
}

export interface ResolveContext {
  set: ToolSet;
  views: Views;
  actions: readonly Action[];
}

const IDENT = /^[A-Za-z_$][\w$.]*$/;

function withExtras(ctx: ResolveContext, name: string, args: Record<string, unknown>, say: string): PlannedCall {
  for (const k of ctx.set.extraRequired.get(name) ?? []) args[k] = say;
  return { name, args, say };
}

function anchor(n: number, s: Seen): string {
  return s.kind === 'hash' ? `${n}:${s.hash}` : String(n);
}

function anchorable(at: Located): boolean {
  return at.lines.every((s) => s.kind === 'hash') || at.lines.every((s) => s.kind === 'line');
}

/** The needle is visible as plain text (a blob or numbered lines of any kind). */
function visibleText(view: FileView, needle: string): boolean {
  return view.blobs.some((b) => b.includes(needle)) || locate(view, needle) !== null;
}

/** A read intent is satisfied once the region is on screen: 5+ consecutive lines around it, or a blob. */
export function readSatisfied(view: FileView, around: string | undefined): boolean {
  if (around === undefined) return view.blobs.some((b) => b.split('\n').length >= 5) || runs(view).some((r) => r.lines.length >= 5);
  if (view.blobs.some((b) => b.includes(around))) return true;
  return runs(view).some((r) => r.lines.length >= 5 && r.lines.some((s) => s.text.includes(around)));
}

/**
 * The text an edit needs is on screen in context: inside a run of visible lines (5 or more, and
 * at least one line more than the text itself), or in a whole-file blob. A model that already
 * sees what it will change does not read the region again first.
 */
export function editInView(view: FileView, needle: string): boolean {
  if (view.blobs.some((b) => b.includes(needle))) return true;
  const size = needle.replace(/\n$/, '').split('\n').length;
  return runs(view).some((r) => r.lines.length >= Math.max(5, size + 1) && r.lines.map((s) => s.text).join('\n').includes(needle));
}

/** A line number where `needle` (or its first line) was seen, e.g. from a search hit or outline. */
function knownLine(view: FileView, needle: string): number | null {
  const first = needle.split('\n').find((l) => l.trim())?.trim() ?? needle;
  for (const [n, s] of [...view.lines].sort((a, b) => a[0] - b[0])) if (s.text.includes(first)) return n;
  // Outline entries such as "clamp 33-40" or "function clamp  L33-40".
  if (IDENT.test(first)) {
    for (const b of view.blobs) {
      const m = new RegExp(`\\b${first.replace(/[$.]/g, '\\$&')}\\b[^\\n]*?(\\d+)\\s*[-–]\\s*\\d+`).exec(b);
      if (m) return Number(m[1]);
    }
  }
  return null;
}

function recalled(ctx: ResolveContext, id: string): boolean {
  return ctx.actions.some((a) => roleOf(ctx.set, a.name) === 'recall' && String(a.args?.id) === id);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The call that shows `file` around `target` (a symbol name or a text). Candidates in order:
 * a recall of a pruned output, a symbol read, a line range around a line where the target was
 * seen, a symbol read by the script's `hint`, a search (or grep) to learn the line, a whole-file
 * read. A candidate already tried with the same arguments is skipped; null when all were tried.
 */
export function readCall(ctx: ResolveContext, file: string, target: string | undefined, hint?: string): PlannedCall | null {
  const { set } = ctx;
  const view = ctx.views.get(file);
  const out: PlannedCall[] = [];
  const stub = [...view.stubs].reverse().find((id) => !recalled(ctx, id));
  if (stub && set.recall) out.push(withExtras(ctx, set.recall.name, { [set.recall.id]: stub }, `Recalling ${file}.`));
  const r = set.read;
  const say = `Reading ${file}${target && target.length < 40 ? ` around ${target}` : ''}.`;
  const line = target ? knownLine(view, target) : null;
  if (r) {
    if (target && r.symbol && IDENT.test(target)) out.push(withExtras(ctx, r.name, { [r.path]: file, [r.symbol]: target }, say));
    if (line !== null && r.lines) out.push(withExtras(ctx, r.name, { [r.path]: file, [r.lines]: `${Math.max(1, line - 10)}-${line + 30}` }, say));
    if (line !== null && r.offset) out.push(withExtras(ctx, r.name, { [r.path]: file, [r.offset]: Math.max(1, line - 10), ...(r.limit ? { [r.limit]: 60 } : {}) }, say));
    if (hint && r.symbol && IDENT.test(hint)) out.push(withExtras(ctx, r.name, { [r.path]: file, [r.symbol]: hint }, say));
  }
  const probe = target?.split('\n').find((l) => l.trim())?.trim();
  const readBefore = ctx.actions.some((a) => roleOf(set, a.name) === 'read' && pathArg(a.args)?.endsWith(file));
  if (readBefore && probe && line === null) {
    if (set.search) {
      const s = set.search;
      const literalByDefault = Boolean(s.regexFlag);
      out.push(withExtras(ctx, s.name, { [s.pattern]: s.literal || literalByDefault ? probe : escapeRegExp(probe), ...(s.literal ? { [s.literal]: true } : {}) }, `Searching for ${probe.slice(0, 40)}.`));
    } else if (set.bash) {
      const call = bashCall(ctx, `grep -n -H -F -e '${probe.replace(/'/g, `'\\''`)}' '${file}'`, `Searching for ${probe.slice(0, 40)}.`);
      if (call) out.push(call);
    }
  }
  if (r) out.push(withExtras(ctx, r.name, { [r.path]: file }, say));
  return out.find((c) => !tried(ctx, c)) ?? null;
}

/** The same call was made and its output is still in the context (not pruned): repeating it shows nothing new. */
function tried(ctx: ResolveContext, c: PlannedCall): boolean {
  const key = JSON.stringify(c.args);
  return ctx.actions.some((a) => a.name === c.name && JSON.stringify(a.args) === key && a.result !== null && stubRecallId(a.result) === undefined);
}

type EditIntent = Extract<Intent, { do: 'replace' | 'insert_after' }>;

/** The anchored op for one edit intent, with the lines it covers, or null when its text is not on screen with anchors. */
function anchoredOp(view: FileView, intent: EditIntent): { op: Record<string, unknown>; from: number; to: number } | null {
  const at = locate(view, intent.do === 'replace' ? intent.old : intent.anchor_text);
  if (!at || !anchorable(at)) return null;
  const op =
    intent.do === 'replace'
      ? { from: anchor(at.from, at.lines[0]), ...(at.to > at.from ? { to: anchor(at.to, at.lines[at.lines.length - 1]) } : {}), text: at.prefix + intent.new + at.suffix }
      : { after: anchor(at.to, at.lines[at.lines.length - 1]), text: intent.text };
  return { op, from: at.from, to: at.to };
}

/**
 * The edit for a replace / insert_after / write intent, or the read it needs first. When the
 * edit tool takes a list of edits, the `next` intents on the same file whose text is on screen
 * too (and whose lines do not overlap) go in the same call, as a model batches edits it can
 * already see; `covered` says how many of `next` it took.
 */
export function mutationCall(ctx: ResolveContext, intent: Extract<Intent, { do: 'replace' | 'insert_after' | 'write' }>, hint?: string, next: readonly Intent[] = []): (PlannedCall & { covered?: number }) | null {
  const { set } = ctx;
  const file = intent.file;
  if (intent.do === 'write') {
    if (set.write) return withExtras(ctx, set.write.name, { [set.write.path]: file, [set.write.content]: intent.content }, `Writing ${file}.`);
    if (set.bash) return bashCall(ctx, `mkdir -p "$(dirname '${file}')" && cat > '${file}' <<'PITH_EOF'\n${intent.content.replace(/\n$/, '')}\nPITH_EOF`, `Writing ${file}.`);
    return null;
  }
  const e = set.edit;
  if (!e) return null;
  const view = ctx.views.get(file);
  const needle = intent.do === 'replace' ? intent.old : intent.anchor_text;
  const first = e.edits ? anchoredOp(view, intent) : null;
  if (e.edits && first) {
    const ops = [first];
    for (const n of next) {
      if ((n.do !== 'replace' && n.do !== 'insert_after') || n.file !== file) break;
      const more = anchoredOp(view, n);
      if (!more || ops.some((o) => more.from <= o.to && o.from <= more.to)) break;
      ops.push(more);
    }
    return { ...withExtras(ctx, e.name, { [e.path]: file, [e.edits]: ops.map((o) => o.op) }, `Editing ${file}.`), covered: ops.length - 1 };
  }
  if (e.old && e.new && visibleText(view, needle)) {
    if (intent.do === 'replace') return withExtras(ctx, e.name, { [e.path]: file, [e.old]: intent.old, [e.new]: intent.new }, `Editing ${file}.`);
    const whole = wholeLines(view, needle);
    if (whole) return withExtras(ctx, e.name, { [e.path]: file, [e.old]: whole, [e.new]: `${whole}\n${intent.text}` }, `Editing ${file}.`);
  }
  return readCall(ctx, file, needle, hint);
}

/** The full lines that contain `needle`, from whatever the model saw. */
function wholeLines(view: FileView, needle: string): string | null {
  const at = locate(view, needle);
  if (at) return at.lines.map((s) => s.text).join('\n');
  for (const b of view.blobs) {
    const i = b.indexOf(needle);
    if (i < 0) continue;
    const start = b.lastIndexOf('\n', i - 1) + 1;
    const nl = b.indexOf('\n', i + needle.length);
    return b.slice(start, nl < 0 ? b.length : nl);
  }
  return null;
}

/** `last`: the script finishes after this command, so a tool that can end the task on success is told to. */
export function bashCall(ctx: ResolveContext, command: string, say: string, last = false): PlannedCall | null {
  const b = ctx.set.bash;
  if (!b) return null;
  const args: Record<string, unknown> = { [b.command]: b.array ? ['bash', '-lc', command] : command };
  if (last && b.done) args[b.done] = true;
  return withExtras(ctx, b.name, args, say);
}

export function findSymbolCall(ctx: ResolveContext, name: string): PlannedCall | null {
  const { set } = ctx;
  const say = `Looking for ${name}.`;
  if (set.symbols) return withExtras(ctx, set.symbols.name, { [set.symbols.query]: name }, say);
  if (set.search) return withExtras(ctx, set.search.name, { [set.search.pattern]: name }, say);
  return bashCall(ctx, `grep -rn '${name.replace(/'/g, '')}' --exclude-dir=node_modules --exclude-dir=.git .`, say);
}
