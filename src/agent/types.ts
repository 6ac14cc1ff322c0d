import type { EngineEvent, Provider, RunStatus, ToolResult, ToolSchema } from '../core/index.js';
import type { Price, Tokenizer } from '../tokens/index.js';
import type { TelemetrySink } from '../telemetry/index.js';
import type { StepBudget } from './budget.js';

/** What the loop needs of the tool layer (adapted from the toolset by the composition root). */
export interface ToolRunner {
  schemas(): ToolSchema[];
  /** Runs a tool by name with the raw JSON text the model sent. Never throws. */
  run(name: string, argsJson: string, signal: AbortSignal): Promise<ToolResult>;
  /** The model's context no longer holds earlier outputs about these files ('all': a fresh context): serve them in full again. */
  forgetShown(paths: string[] | 'all'): void;
  /** Keep a full text retrievable by the `recall` tool; returns its id. */
  keep(text: string): string;
}

/** Runs the project's checks after a turn's edits; null when there is nothing to run. */
export interface HookRunner {
  run(changedFiles: string[], signal: AbortSignal): Promise<{ command: string; ok: boolean; output: string } | null>;
}

export interface ExecutorDeps {
  provider: Provider;
  tools: ToolRunner;
  tokenizer: Tokenizer;
  sink: TelemetrySink;
  emit: (event: EngineEvent) => void;
  hooks?: HookRunner;
  /** Told about every file a tool changed (index refresh, undo snapshots). */
  onFilesChanged?: (paths: string[]) => void | Promise<void>;
  now?: () => number;
}

/**
 * An excerpt of one file the engine read before the first model call (a definition the task
 * names, the lines around a word it names), as the read tool showed it. It goes in the task
 * message, and is pruned like a read of the model's own once the model has moved on from the file.
 */
export interface Preloaded {
  path: string;
  text: string;
}

export interface ExecutorOptions {
  task: string;
  /** Replaces the executor's system prompt (the planner uses its own). */
  systemPrompt?: string;
  /** Pre-loaded context for plan steps: carry-forward summary, plan outline, excerpts. */
  excerpts?: string;
  /** File excerpts read before the first call (see Preloaded), after `excerpts` in the task message. */
  preloaded?: Preloaded[];
  conventions?: string;
  model: string;
  contextTokens: number;
  /** Tokens kept free for the reply in every call. */
  replyReserve: number;
  budget: StepBudget;
  price: Price;
  /** Who this run is, for telemetry. */
  ids: { session: string; run: string; profile: string; step: string | null };
  signal: AbortSignal;
  /** Describe tools in the prompt and parse calls from text (endpoints without tool support). */
  toolsInText?: boolean;
  /**
   * Soft limit on the history plus the pre-loaded excerpts (tokens): past it, outputs older than
   * the last two turns, and excerpts of files the model worked on before them, are stubbed in one
   * block (recallable). 0 = only shrink when the context window is full.
   */
  historyTokens?: number;
  /** Most tool calls executed from one reply; the rest are dropped with a note. */
  maxCallsPerTurn?: number;
}

export interface ExecutorResult {
  status: RunStatus;
  /** The model's final text, or why it stopped. */
  summary: string;
  calls: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number | null;
  reasoningTokens: number | null;
  countedTokens: number;
  costUsd: number;
  durationMs: number;
  firstRequestTokens: number;
  peakRequestTokens: number;
  changedFiles: string[];
  staleEdits: number;
  malformedCalls: number;
  /** Tokens saved by stubbing old outputs. */
  shrinkSavedTokens: number;
}
