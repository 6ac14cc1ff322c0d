import type { Preloaded, ToolRunner } from '../agent/index.js';
import type { SymbolIndex } from '../index/types.js';
import type { Tokenizer } from '../tokens/index.js';
import type { PlanStep } from './types.js';
import { addWordPlaces, placesWorthShowing, wordPlacesBudget, wordsToPlace, WORD_PLACES_TOKENS } from './task-words.js';
import { symbolsNamedIn } from './task-symbols.js';

export interface Excerpts {
  /** Reads made for the model, in order (sent with its task, one piece per file). */
  items: Preloaded[];
  tokens: number;
  /** What did not fit or could not be read. */
  left: string[];
}

/**
 * Pre-loaded excerpts for a step, through the read tool so anchors and "already shown" memory
 * match what the executor will later see. Symbols first (whole definitions), then each file
 * not yet covered (small files whole, large ones as outline + head: the read tool never sends a
 * whole large file), then the lines around the step's code words in those files. Stops at the budget; says
 * which symbols and files it left out.
 */
export async function buildExcerpts(step: PlanStep, tools: ToolRunner, index: SymbolIndex | undefined, tok: Tokenizer, budget: number, signal: AbortSignal): Promise<Excerpts> {
  // A step its plan gave no files or symbols (a one-step plan of the whole task, say) is on its
  // own, like a task given to `pith run`: it gets what its text names.
  if (step.files.length === 0 && step.symbols.length === 0) return namedCode(`${step.title}\n${step.instruction}`, tools, index, tok, signal);
  const out = new ExcerptSet(tools, tok, budget, signal);
  const covered = new Set<string>();
  for (const sym of step.symbols) {
    const { path: maybeFile, name } = splitSymbolRef(sym);
    let path = maybeFile;
    if (!path && index) {
      const hits = await index.find(name, 3);
      const inStepFiles = hits.find((h) => step.files.includes(h.path));
      path = (inStepFiles ?? hits[0])?.path ?? null;
    }
    if (!path) { out.left.push(sym); continue; }
    if (await out.read(sym, { path, symbol: name })) covered.add(path);
  }
  for (const file of step.files) if (!covered.has(file)) await out.read(file, { path: file });
  const words = wordsToPlace(`${step.title}\n${step.instruction}`, step.symbols);
  // Only in the step's own files (those of its symbols included): a step sees what its plan gave it.
  const own = new Set([...step.files, ...covered]);
  await addWordPlaces(words, tools, out, Math.min(WORD_PLACES_TOKENS, budget - out.tokens), signal, (ps) => ps.filter((p) => own.has(p.path))).catch(() => undefined);
  return out.result();
}

/** Tokens at most for the definitions a task names, pre-loaded with it. */
export const NAMED_CODE_TOKENS = 1200;

/**
 * What a task's text names, read through the read tool (anchored, remembered as shown): whole
 * definitions it names, then the lines around the places its code words occur. The model can
 * then edit them without a search and a read first; each file's excerpts are pruned like the
 * model's own reads once it has worked on that file and moved on.
 */
export async function namedCode(text: string, tools: ToolRunner, index: SymbolIndex | undefined, tok: Tokenizer, signal: AbortSignal): Promise<Excerpts> {
  const set = new ExcerptSet(tools, tok, NAMED_CODE_TOKENS, signal);
  const refs = index ? await symbolsNamedIn(text, index).catch(() => []) : [];
  for (const ref of refs) {
    const { path, name } = splitSymbolRef(ref);
    if (path) await set.read(ref, { path, symbol: name });
  }
  await addWordPlaces(wordsToPlace(text, refs), tools, set, wordPlacesBudget(text), signal, placesWorthShowing(text)).catch(() => undefined);
  return set.result();
}

/** Reads collected under a token budget: what fits is kept, the rest named in `left`. */
export class ExcerptSet {
  readonly items: Preloaded[] = [];
  readonly left: string[] = [];
  private used = 0;
  /** Line ranges shown, per file (from each read's header). */
  private readonly shown = new Map<string, Array<[number, number]>>();

  constructor(
    private readonly tools: ToolRunner,
    private readonly tok: Tokenizer,
    private readonly budget: number,
    private readonly signal: AbortSignal,
  ) {}

  get tokens(): number {
    return this.used;
  }

  /** Line `line` of `path` is in a read already kept. */
  covers(path: string, line: number): boolean {
    return (this.shown.get(path) ?? []).some(([a, b]) => a <= line && line <= b);
  }

  /**
   * Read `args`; true when it was read and the set stays within `budget` tokens (the set's own by
   * default). A repeat of a range already shown adds nothing and counts as read. What could not
   * be read or did not fit is named in `left` as `label`, unless the label is null.
   */
  async read(label: string | null, args: { path: string; lines?: string; symbol?: string }, budget = this.budget): Promise<boolean> {
    const json = JSON.stringify(args);
    const r = await this.tools.run('read', json, this.signal);
    if (r.error) {
      if (label !== null) this.left.push(args.symbol ? label : `${label} (${r.error.type === 'not_found' ? 'new file' : r.error.message})`);
      return false;
    }
    if (r.meta.cached) return true;
    const n = this.tok.count(r.forModel);
    if (this.used + n > budget) {
      if (label !== null) this.left.push(label);
      return false;
    }
    this.items.push({ path: args.path, text: r.forModel });
    this.used += n;
    // The read header says which lines came: "path lines 12-40 of 127".
    const range = / lines (\d+)-(\d+) of \d+/.exec(r.forModel.split('\n', 1)[0]!);
    if (range) this.shown.set(args.path, [...(this.shown.get(args.path) ?? []), [Number(range[1]), Number(range[2])]]);
    return true;
  }

  result(): Excerpts {
    return { items: this.items, tokens: this.used, left: this.left };
  }
}

/** The note for what was not pre-loaded, or '' when everything was. */
export function leftNote(left: readonly string[]): string {
  return left.length ? `[not pre-loaded: ${left.join(', ')}; read them if needed]` : '';
}

/** `src/a.ts:clamp` -> file and name; `clamp`, `Queue.run`, `Type::fn` -> name only. */
export function splitSymbolRef(ref: string): { path: string | null; name: string } {
  const m = /^([^:\s]+\.[A-Za-z0-9]+):(?!:)(.+)$/.exec(ref);
  return m ? { path: m[1]!, name: m[2]! } : { path: null, name: ref };
}
