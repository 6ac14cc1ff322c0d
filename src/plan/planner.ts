import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { runExecutor, type ExecutorDeps, type ExecutorOptions, type ExecutorResult, type ToolRunner } from '../agent/index.js';
import { PithError } from '../core/index.js';
import type { SymbolIndex } from '../index/types.js';
import { splitSymbolRef } from './excerpts.js';
import { parsePlan } from './parse.js';
import { newPlanId } from './store.js';
import type { Plan } from './types.js';

/** Must start this way: the bench's scripted model recognises planner requests by it. */
export const PLANNER_SYSTEM_PROMPT = `You are pith's planner. Split the task into a few small steps an executor can do one at a time, each with a fresh context.
Reply with only JSON: {"task": "...", "steps": [{"title": "...", "instruction": "...", "files": ["path"], "symbols": ["name"], "verify": "none" | {"command": "..."} | {"absent": {"file": "...", "pattern": "..."}} | {"changed": "path"}}]}
- instruction: what to change and where, precise enough to do without re-reading the task.
- files and symbols: exactly those the step needs (they are pre-loaded for it).
- Use read-only tools only if the map below is not enough.`;

const READ_ONLY = new Set(['read', 'search', 'symbols']);

export interface PlannerInput {
  task: string;
  repoMap: string;
  conventions?: string;
  /** Excerpts of files the user attached. */
  attached?: string;
  base: Omit<ExecutorOptions, 'task' | 'systemPrompt' | 'excerpts' | 'budget'>;
  /** Hard cap of the planning phase (tokens and read-only tool calls). */
  budget: { tokens: number; toolCalls: number };
  index?: SymbolIndex;
  root: string;
}

export interface PlannerOutput {
  plan: Plan;
  /** The planner's executor runs (one, or two with the corrective call), for telemetry totals. */
  runs: ExecutorResult[];
}

/** One planner call (+ at most one corrective call). Throws a clear PithError when no valid plan results. */
export async function writePlan(input: PlannerInput, deps: ExecutorDeps): Promise<PlannerOutput> {
  const tools = readOnly(deps.tools);
  const context = [input.repoMap && `Repository map:\n${input.repoMap}`, input.attached && `Attached:\n${input.attached}`].filter(Boolean).join('\n\n');
  const opts = { ...input.base, systemPrompt: PLANNER_SYSTEM_PROMPT, conventions: input.conventions, budget: input.budget };
  const first = await runExecutor({ ...opts, task: `Task: ${input.task}`, excerpts: context }, { ...deps, tools });
  const runs = [first];
  if (first.status !== 'ok') throw new PithError(first.status === 'aborted' ? 'aborted' : 'provider', `planning stopped: ${first.summary}`);
  let parsed = parsePlan(first.summary, input.task);
  if (!parsed.ok) {
    const fix = `Task: ${input.task}\n\nYour plan was not valid:\n- ${parsed.errors.join('\n- ')}\n\nYour reply was:\n${first.summary.slice(0, 4000)}\n\nReply with the corrected JSON only.`;
    const second = await runExecutor({ ...opts, task: fix, excerpts: context, budget: { ...input.budget, toolCalls: 0 } }, { ...deps, tools: noTools(tools) });
    runs.push(second);
    parsed = second.status === 'ok' ? parsePlan(second.summary, input.task) : { ok: false, errors: [second.summary] };
    if (!parsed.ok) throw new PithError('provider', `the planner did not produce a valid plan after one correction:\n  ${parsed.errors.join('\n  ')}`, 'try again, or use a stronger planner_model');
  }
  const plan: Plan = { id: newPlanId(), createdAt: new Date().toISOString(), ...parsed.plan };
  await flagUnknown(plan, input.root, input.index);
  return { plan, runs };
}

/** Files that do not exist and symbols the index cannot find are flagged for review, never dropped. */
export async function flagUnknown(plan: Plan, root: string, index?: SymbolIndex): Promise<void> {
  for (const step of plan.steps) {
    const unknown: string[] = [];
    for (const f of step.files) {
      if (!(await access(join(root, f)).then(() => true, () => false))) unknown.push(`${f} (not found: new file?)`);
    }
    if (index) {
      for (const s of step.symbols) {
        const { name } = splitSymbolRef(s);
        // `Class.method` / `Type::fn` name a member: the index matches the last part within its container.
        const last = name.split(/\.|::/).pop()!.toLowerCase();
        const hits = await index.find(name, 3);
        if (!hits.some((h) => h.name.toLowerCase() === last)) unknown.push(`${s} (symbol not in the index)`);
      }
    }
    step.unknown = unknown.length ? unknown : undefined;
  }
}

function readOnly(t: ToolRunner): ToolRunner {
  return {
    ...t,
    schemas: () => t.schemas().filter((s) => READ_ONLY.has(s.name)),
    run: (name, args, signal) =>
      READ_ONLY.has(name)
        ? t.run(name, args, signal)
        : Promise.resolve({ forModel: `Error: ${name} is not available while planning (read-only tools: ${[...READ_ONLY].join(', ')})`, meta: { tokens: 12, truncated: false }, error: { type: 'denied' as const, message: 'read-only while planning' } }),
  };
}

function noTools(t: ToolRunner): ToolRunner {
  return { ...t, schemas: () => [] };
}
