/**
 * The tool framework: a tool is defined once (`defineTool`) and the framework does, for every
 * tool alike, argument validation, the approval policy in front of `ctx.approve`, result
 * shaping with an exact token count, the final size cap (cut + recall), and turning any throw
 * into a `failed` result. `execute` never throws.
 */
import type { ApprovalRequest, JsonSchema, ToolContext, ToolErrorType, ToolResult, ToolSpec } from '../core/index.js';
import type { Tokenizer } from '../tokens/index.js';
import type { ApprovalPolicy } from './approval.js';
import type { RecallStore } from './recall-store.js';
import { cutToTokens, recallNote } from './truncate.js';
import type { ToolLimits } from './types.js';
import { badArgsMessage, validateArgs } from './validate.js';

export interface ToolOk {
  text: string;
  display?: string;
  truncated?: boolean;
  cached?: boolean;
  changedFiles?: string[];
  recallId?: string;
  exitCode?: number | null;
  endsTask?: boolean;
  hits?: Array<{ path: string; line: number; text: string }>;
  matches?: number;
}

export interface ToolFail {
  error: ToolErrorType;
  /** One line: what went wrong and what to do instead. */
  message: string;
  /** Extra lines under the message (e.g. a fresh excerpt after a stale edit). */
  text?: string;
  changedFiles?: string[];
  recallId?: string;
}

export type ToolOutput = ToolOk | ToolFail;

export const fail = (error: ToolErrorType, message: string, text?: string): ToolFail => ({ error, message, text });

export function isFail(o: ToolOutput): o is ToolFail {
  return 'error' in o;
}

export interface ToolDef<A> {
  name: string;
  description: string;
  params: JsonSchema;
  effect: ToolSpec['effect'];
  /** A valid call's arguments as JSON text, quoted in bad-args messages. */
  example: string;
  /** Field path ("edits[].from") -> how to spell it, for bad-args messages. */
  hints?: Record<string, string>;
  /** Never cut by the framework (recall returns what it stored). */
  uncapped?: boolean;
  run(args: A, ctx: ToolContext): Promise<ToolOutput>;
}

/** What the framework needs of a tool's deps (ToolDeps satisfies it). */
export interface FrameworkEnv {
  tokenizer: Tokenizer;
  limits: ToolLimits;
  state: { recall: RecallStore; policy: ApprovalPolicy };
}

/** Ask through the (policy-wrapped) approve; null = go ahead, else the `denied` result. */
export async function requireApproval(ctx: ToolContext, req: ApprovalRequest, policy: ApprovalPolicy): Promise<ToolFail | null> {
  const d = await ctx.approve(req);
  if (d !== 'deny') return null;
  return fail('denied', `${req.summary}: denied (${policy.reasonFor(req)}). Do not retry it; take another way or ask the user.`);
}

/** Shape a result: exact tokens, display line. Exported for tool-less results (unknown_tool, bad JSON). */
export function shapeResult(out: ToolOutput, tok: Tokenizer): ToolResult {
  const forModel = isFail(out) ? `error: ${out.message}${out.text ? `\n${out.text}` : ''}` : out.text;
  const display = isFail(out) ? `error: ${out.message}` : (out.display ?? forModel.split('\n', 1)[0]!);
  const result: ToolResult = {
    forModel,
    display: display.length > 160 ? `${display.slice(0, 157)}...` : display,
    meta: { tokens: tok.count(forModel), truncated: !isFail(out) && out.truncated === true },
  };
  if (!isFail(out) && out.cached) result.meta.cached = true;
  if (out.changedFiles?.length) result.meta.changedFiles = out.changedFiles;
  if (out.recallId) result.meta.recallId = out.recallId;
  if (!isFail(out) && out.exitCode !== undefined) result.meta.exitCode = out.exitCode;
  if (!isFail(out) && out.endsTask) result.meta.endsTask = true;
  if (!isFail(out) && out.hits?.length) result.meta.hits = out.hits;
  if (!isFail(out) && out.matches !== undefined) result.meta.matches = out.matches;
  if (isFail(out)) result.error = { type: out.error, message: out.message };
  return result;
}

function capOutput(name: string, out: ToolOutput, env: FrameworkEnv): ToolOutput {
  if (isFail(out)) return out;
  if (env.tokenizer.count(out.text) <= env.limits.maxResultTokens) return out;
  const c = cutToTokens(out.text, env.limits.maxResultTokens, env.tokenizer);
  const id = out.recallId ?? env.state.recall.put(out.text, name);
  const text = [...c.head, recallNote(id, c.cut), ...c.tail].join('\n');
  return { ...out, text, truncated: true, recallId: id };
}

const examples = new WeakMap<ToolSpec, string>();

/** The example call of a framework tool; undefined for tools built elsewhere (MCP). */
export function exampleOf(spec: ToolSpec): string | undefined {
  return examples.get(spec);
}

/** True for tools built by defineTool: they apply the approval policy themselves. */
export function isFramed(spec: ToolSpec): boolean {
  return examples.has(spec);
}

export function defineTool<A>(def: ToolDef<A>, env: FrameworkEnv): ToolSpec {
  const spec: ToolSpec = {
    name: def.name,
    description: def.description,
    params: def.params,
    effect: def.effect,
    async execute(raw, ctx) {
      const checked = validateArgs(def.params, raw, def.hints);
      if (!checked.ok) return shapeResult(fail('bad_args', badArgsMessage(def.name, checked, def.example)), env.tokenizer);
      if (ctx.signal.aborted) return shapeResult(fail('aborted', `${def.name} was cancelled before it ran`), env.tokenizer);
      const guarded: ToolContext = { ...ctx, approve: (req) => env.state.policy.decide(req, (r) => ctx.approve(r)) };
      let out: ToolOutput;
      try {
        out = await def.run(checked.value as A, guarded);
      } catch (e) {
        out = fail('failed', `${def.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      return shapeResult(def.uncapped ? out : capOutput(def.name, out, env), env.tokenizer);
    },
  };
  examples.set(spec, def.example);
  return spec;
}
