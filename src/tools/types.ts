/** Shared shapes of the tool layer: limits, session state and what tool factories receive. */
import type { AnchorMode } from '../core/index.js';
import type { SymbolIndex } from '../index/types.js';
import type { Tokenizer } from '../tokens/index.js';
import type { FileCache } from './file-cache.js';
import type { ShownMemory } from './shown.js';
import type { RecallStore } from './recall-store.js';
import type { EditHistory } from './edit-history.js';
import type { ApprovalPolicy } from './approval.js';

/** Every cap the tools apply. All have defaults (DEFAULT_LIMITS); a profile may override any. */
export interface ToolLimits {
  /** Files with at most this many lines, and this many characters, are read whole. */
  smallFileLines: number;
  smallFileChars: number;
  /** A `lines` range or a symbol shows at most this many lines. */
  readMaxLines: number;
  /** Lines of the head shown under the outline of a large file. */
  headLines: number;
  /** Any result above this is cut by the framework (head + tail kept, full text recallable). */
  maxResultTokens: number;
  /** Longest line shown by search and bash before it is clipped. */
  lineMaxChars: number;
  searchMaxMatches: number;
  searchMaxPerFile: number;
  listDepth: number;
  listMaxEntries: number;
  bashTimeoutS: number;
  bashMaxTimeoutS: number;
  bashHeadLines: number;
  bashTailLines: number;
  bashErrorLines: number;
  /** Head and tail kept of a command that exited 0. */
  bashOkHeadLines: number;
  bashOkTailLines: number;
  /** Files larger than this are not read as text. */
  maxFileBytes: number;
  fileCacheBytes: number;
  recallBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ToolLimits> = Object.freeze({
  smallFileLines: 150,
  smallFileChars: 6000,
  readMaxLines: 150,
  headLines: 40,
  maxResultTokens: 4000,
  lineMaxChars: 240,
  searchMaxMatches: 40,
  searchMaxPerFile: 8,
  listDepth: 2,
  listMaxEntries: 150,
  bashTimeoutS: 120,
  bashMaxTimeoutS: 600,
  bashHeadLines: 10,
  bashTailLines: 40,
  bashErrorLines: 20,
  bashOkHeadLines: 2,
  bashOkTailLines: 10,
  maxFileBytes: 2 * 1024 * 1024,
  fileCacheBytes: 32 * 1024 * 1024,
  recallBytes: 16 * 1024 * 1024,
});

/** The per-session state every tool of one toolset shares. */
export interface SessionState {
  files: FileCache;
  shown: ShownMemory;
  recall: RecallStore;
  history: EditHistory;
  policy: ApprovalPolicy;
}

/** What each `create*Tool(deps)` factory receives. */
export interface ToolDeps {
  anchors: AnchorMode;
  limits: ToolLimits;
  tokenizer: Tokenizer;
  state: SessionState;
  index?: SymbolIndex;
  /** Environment for bash; undefined = inherit the process's. */
  env?: NodeJS.ProcessEnv;
}
