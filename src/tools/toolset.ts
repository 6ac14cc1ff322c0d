/**
 * A session's tools with their shared state (file cache, shown-lines memory, edit history,
 * recall store, approval memory). The executor calls `run(name, rawJson, signal)`, which never
 * throws: unknown names come back as `unknown_tool`, unreadable JSON as `bad_args`.
 */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  PithError,
  type AnchorMode,
  type ApprovalMode,
  type ApprovalRequest,
  type Decision,
  type ToolContext,
  type ToolResult,
  type ToolSchema,
  type ToolSpec,
} from '../core/index.js';
import type { SymbolIndex } from '../index/types.js';
import { getTokenizer } from '../tokens/index.js';
import { initAnchors } from './anchors.js';
import { createApprovalPolicy, type RuleDecision } from './approval.js';
import { createBashTool } from './bash.js';
import { createEditHistory } from './edit-history.js';
import { createEditTool } from './edit.js';
import { createFileCache } from './file-cache.js';
import { exampleOf, fail, isFramed, shapeResult } from './framework.js';
import { createReadTool } from './read.js';
import { createRecallStore } from './recall-store.js';
import { createRecallTool } from './recall.js';
import { createSearchTool } from './search.js';
import { createShownMemory } from './shown.js';
import { createSymbolsTool } from './symbols.js';
import { DEFAULT_LIMITS, type SessionState, type ToolDeps, type ToolLimits } from './types.js';
import { createWriteTool } from './write.js';

export interface ToolsetOptions {
  /** Project root; resolved to its real path once. */
  root: string;
  anchors?: AnchorMode;
  approval: { mode: ApprovalMode; rules?: Readonly<Record<string, RuleDecision>> };
  /** The human: asked when the policy says ask. */
  approve(req: ApprovalRequest): Promise<Decision>;
  index?: SymbolIndex;
  limits?: Partial<ToolLimits>;
  /** Environment for bash; undefined = inherit. */
  env?: NodeJS.ProcessEnv;
  /** More tools (e.g. from MCP) run through the same runner and approval policy. */
  extraTools?: readonly ToolSpec[];
}

export interface Toolset {
  readonly root: string;
  readonly anchors: AnchorMode;
  readonly limits: ToolLimits;
  readonly tools: readonly ToolSpec[];
  readonly state: SessionState;
  get(name: string): ToolSpec | undefined;
  /** What the provider sends: name, description, parameters of every tool. */
  schemas(): ToolSchema[];
  /** Run one tool with the model's raw JSON arguments. Never throws. */
  run(name: string, rawArgs: string, signal: AbortSignal): Promise<ToolResult>;
  /**
   * The executor pruned earlier outputs (of one file, or all) from the context: the next read
   * of them is served in full instead of "unchanged since you read it".
   */
  forgetShown(path?: string): void;
}

/** The core tools, in the order they are offered. */
export const CORE_TOOL_NAMES = ['read', 'edit', 'write', 'search', 'bash', 'recall', 'symbols'] as const;

export async function createToolset(opts: ToolsetOptions): Promise<Toolset> {
  let root: string;
  try {
    root = await realpath(resolve(opts.root));
  } catch {
    throw new PithError('usage', `project root ${opts.root} does not exist`, 'pass an existing directory with --root');
  }
  const [tokenizer] = await Promise.all([getTokenizer(), initAnchors()]);
  const limits: ToolLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const anchors = opts.anchors ?? 'hash';
  const state: SessionState = {
    files: createFileCache(limits.fileCacheBytes, limits.maxFileBytes),
    shown: createShownMemory(),
    recall: createRecallStore(limits.recallBytes),
    history: createEditHistory(),
    policy: createApprovalPolicy(opts.approval.mode, opts.approval.rules),
  };
  const deps: ToolDeps = { anchors, limits, tokenizer, state, index: opts.index, env: opts.env };
  const core = [createReadTool, createEditTool, createWriteTool, createSearchTool, createBashTool, createRecallTool, createSymbolsTool].map((f) => f(deps));
  const tools = [...core, ...(opts.extraTools ?? [])];
  const byName = new Map(tools.map((t) => [t.name, t]));

  return {
    root,
    anchors,
    limits,
    tools,
    state,
    get: (name) => byName.get(name),
    schemas: () => tools.map((t) => ({ name: t.name, description: t.description, parameters: t.params })),
    async run(name, rawArgs, signal) {
      const spec = byName.get(name);
      if (!spec) return shapeResult(fail('unknown_tool', `no tool named "${name}"; tools: ${[...byName.keys()].join(', ')}`), tokenizer);
      let args: unknown = {};
      if (rawArgs.trim() !== '') {
        try {
          args = JSON.parse(rawArgs);
        } catch (e) {
          const ex = exampleOf(spec);
          return shapeResult(fail('bad_args', `${name}: arguments are not valid JSON (${(e as Error).message})${ex ? `. Example: ${ex}` : ''}`), tokenizer);
        }
      }
      // Framework tools apply the policy themselves; others get it in front of approve here.
      const approve = isFramed(spec) ? opts.approve : (req: ApprovalRequest) => state.policy.decide(req, opts.approve);
      const ctx: ToolContext = { root, signal, approve };
      try {
        return await spec.execute(args, ctx);
      } catch (e) {
        return shapeResult(fail('failed', `${name} failed: ${e instanceof Error ? e.message : String(e)}`), tokenizer);
      }
    },
    forgetShown(path) {
      state.shown.forgetViews(path === undefined ? undefined : resolve(root, path));
    },
  };
}
