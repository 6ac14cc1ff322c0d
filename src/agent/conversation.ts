import type { Message, ToolCall, ToolSchema, TokenBreakdown } from '../core/index.js';
import { countMessage, countTools, REPLY_PRIMING, type Tokenizer } from '../tokens/index.js';

/** Outputs smaller than this are never stubbed. */
export const MIN_STUBBED_TOKENS = 60;

/** One tool output in the history, with what we need to prune it well. */
interface ToolEntry {
  index: number;
  name: string;
  /** The file the call was about (its `path` argument), if any. */
  path: string | null;
  /** Model-turn number that produced it. */
  turn: number;
  /** The call changed files (an edit's result, not a view of the file). */
  wrote: boolean;
  stubbed: boolean;
  /** Not a tool output: this pre-loaded excerpt (an index into `pieces`) in the task message. */
  piece?: number;
}

/** One file's pre-loaded excerpts in the task message. */
interface Piece {
  path: string;
  text: string;
}

/** Replaces a pruned output (`excerpt`: a pre-loaded excerpt, not a tool output): the stub text and the recall id it names. */
export type StubFor = (name: string, path: string | null, tokens: number, full: string, excerpt: boolean) => { stub: string; id: string };

export interface ShrinkResult {
  stubbed: number;
  savedTokens: number;
  /** Files whose outputs left the context: the tool layer must serve them in full again. */
  paths: string[];
}

/**
 * The fresh context of one step: system prompt, the task message (task + carry-forward +
 * excerpts), then the turns. Shrinking replaces old tool outputs with one-line stubs, oldest
 * and stale-first, in one block, so the prefix the provider caches stays stable between calls.
 */
export class Conversation {
  private readonly msgs: Message[];
  private readonly toolEntries: ToolEntry[] = [];
  private readonly changedAtTurn = new Map<string, number>();
  /** Recall id -> the file its pruned text was about, so a recall's output keeps that path. */
  private readonly recallPaths = new Map<string, string>();
  /** The first model turn that called a tool about each file. */
  private readonly firstTouch = new Map<string, number>();
  private readonly pieces: Piece[] = [];
  private turn = 0;

  /** `preloaded`: file excerpts after the task (one piece per file, prunable like reads). */
  constructor(
    system: string,
    private readonly taskText: string,
    private readonly excerptsText: string,
    preloaded: ReadonlyArray<{ path: string; text: string }> = [],
  ) {
    for (const p of preloaded) {
      const same = this.pieces.find((q) => q.path === p.path);
      if (same) same.text += `\n\n${p.text}`;
      else this.pieces.push({ path: p.path, text: p.text });
    }
    this.msgs = [
      { role: 'system', content: system },
      { role: 'user', content: this.userText() },
    ];
    this.pieces.forEach((p, i) => this.toolEntries.push({ index: 1, name: 'read', path: p.path, turn: 0, wrote: false, stubbed: false, piece: i }));
  }

  private userText(): string {
    return [this.taskText, this.excerptsText, ...this.pieces.map((p) => p.text)].filter(Boolean).join('\n\n');
  }

  messages(): Message[] {
    return this.msgs;
  }

  addAssistant(content: string, toolCalls: ToolCall[]): void {
    this.turn++;
    this.msgs.push(toolCalls.length ? { role: 'assistant', content, toolCalls } : { role: 'assistant', content });
  }

  addToolResult(call: ToolCall, content: string, path: string | null, asUserText: boolean, wrote = false): void {
    const about = path ?? (call.name === 'recall' ? this.recallPaths.get(recallIdOf(call.arguments)) ?? null : null);
    if (about && !this.firstTouch.has(about)) this.firstTouch.set(about, this.turn);
    this.toolEntries.push({ index: this.msgs.length, name: call.name, path: about, turn: this.turn, wrote, stubbed: false });
    this.msgs.push(
      asUserText
        ? { role: 'user', content: `[${call.name} result]\n${content}` }
        : { role: 'tool', toolCallId: call.id, name: call.name, content },
    );
  }

  /** Append a line to the newest tool output (hook results, budget notes). */
  appendToLast(text: string, toolName?: string): void {
    const outputs = this.toolEntries.filter((e) => e.piece === undefined);
    const entry = [...outputs].reverse().find((e) => !toolName || e.name === toolName) ?? outputs.at(-1);
    if (!entry) {
      this.msgs.push({ role: 'user', content: text });
      return;
    }
    const m = this.msgs[entry.index]!;
    m.content = `${m.content}\n${text}`;
  }

  markChanged(path: string): void {
    this.changedAtTurn.set(path, this.turn);
  }

  breakdown(tok: Tokenizer, tools: readonly ToolSchema[]): { total: number; breakdown: TokenBreakdown } {
    const counts = this.msgs.map((m) => countMessage(tok, m));
    const excerpts = [this.excerptsText, ...this.pieces.map((p) => p.text)].reduce((n, t) => n + (t ? tok.count(t) : 0), 0);
    const toolTokens = countTools(tok, tools);
    const breakdown: TokenBreakdown = {
      system: counts[0]!,
      tools: toolTokens,
      task: counts[1]! - excerpts + REPLY_PRIMING,
      excerpts,
      history: counts.slice(2).reduce((a, b) => a + b, 0),
    };
    const total = counts.reduce((a, b) => a + b, 0) + toolTokens + REPLY_PRIMING;
    return { total, breakdown };
  }

  /**
   * Stub old tool outputs until the request is at most `target` tokens. Never touches the
   * outputs of the newest turn (the model may still need them to finish the current edit).
   * Order: outputs about files changed since they were produced, then oldest first.
   */
  shrink(tok: Tokenizer, tools: readonly ToolSchema[], target: number, stubFor: StubFor): ShrinkResult {
    let { total } = this.breakdown(tok, tools);
    if (total <= target) return { stubbed: 0, savedTokens: 0, paths: [] };
    const candidates = this.toolEntries
      .filter((e) => !e.stubbed && e.turn < this.turn)
      .sort((a, b) => Number(this.isStale(b)) - Number(this.isStale(a)) || a.index - b.index);
    return this.stub(tok, candidates, stubFor, (saved) => (total -= saved) <= target);
  }

  /**
   * Stub, in one block, every output older than the last `keepTurns` model turns, except the
   * working set: the newest view (read or recall) of each file the newest turn touched, since
   * the model is still working on it with those anchors (stubbing it would only make it recall the
   * text and then keep paying for it). Used when the live history passes its soft limit: one
   * prefix change now instead of a little every call.
   */
  stubOlderThan(tok: Tokenizer, keepTurns: number, stubFor: StubFor): ShrinkResult {
    const recent = this.turn - keepTurns;
    const touched = new Set(this.toolEntries.filter((e) => e.turn === this.turn && e.path).map((e) => e.path!));
    const newestView = new Map<string, ToolEntry>();
    for (const e of this.toolEntries) if (e.path && !e.wrote) newestView.set(e.path, e);
    const inWorkingSet = (e: ToolEntry) => e.path !== null && touched.has(e.path) && newestView.get(e.path) === e;
    // A pre-loaded excerpt ages from the model's first call about its file: until the model gets
    // there it is what it was given to start with (pruning it sooner only makes it ask again).
    const since = (e: ToolEntry) => (e.piece !== undefined ? this.firstTouch.get(e.path!) ?? Infinity : e.turn);
    // Recalled text about no file (a command's output) is kept: pruning it again by age would
    // only make the model ask again. Only the context window's hard limit may stub it.
    const candidates = this.toolEntries.filter((e) => !e.stubbed && since(e) <= recent && !inWorkingSet(e) && !(e.name === 'recall' && e.path === null));
    return this.stub(tok, candidates, stubFor);
  }

  /** Stub candidates in order; `enough(saved)` after each one may end it early. */
  private stub(tok: Tokenizer, candidates: ToolEntry[], stubFor: StubFor, enough: (saved: number) => boolean = () => false): ShrinkResult {
    const result: ShrinkResult = { stubbed: 0, savedTokens: 0, paths: [] };
    for (const e of candidates) {
      const m = this.msgs[e.index]!;
      const piece = e.piece === undefined ? null : this.pieces[e.piece]!;
      const full = piece ? piece.text : m.content;
      const before = countMessage(tok, m);
      const tokens = tok.count(full);
      // An output not much bigger than its stub (~20 tokens) stays: stubbing it would save little.
      if (tokens < MIN_STUBBED_TOKENS) continue;
      const { stub, id } = stubFor(e.name, e.path, tokens, full, piece !== null);
      if (piece) {
        piece.text = stub;
        m.content = this.userText();
      } else m.content = stub;
      e.stubbed = true;
      if (e.path) this.recallPaths.set(id, e.path);
      const saved = before - countMessage(tok, m);
      result.savedTokens += saved;
      result.stubbed++;
      if (e.path && !result.paths.includes(e.path)) result.paths.push(e.path);
      if (enough(saved)) break;
    }
    return result;
  }

  private isStale(e: ToolEntry): boolean {
    if (!e.path) return false;
    const changed = this.changedAtTurn.get(e.path);
    return changed !== undefined && changed > e.turn;
  }
}

function recallIdOf(args: string): string {
  try {
    const id = (JSON.parse(args) as { id?: unknown }).id;
    return typeof id === 'string' ? id : '';
  } catch {
    return '';
  }
}
