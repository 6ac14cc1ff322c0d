import { buildRunRecord, sumResults, type ExecutorDeps, type ExecutorOptions, type ExecutorResult, type ToolRunner } from '../agent/index.js';
import type { EngineEvent, RunStatus } from '../core/index.js';
import type { SymbolIndex } from '../index/types.js';
import { readTelemetry, type TelemetrySink } from '../telemetry/index.js';
import { countTools, type Price, type Tokenizer } from '../tokens/index.js';
import { estimatePlan, type PlanEstimate } from './plan-estimate.js';
import { writePlan } from './planner.js';
import { runPlan, type PlanRunResult } from './runner.js';
import { savePlan } from './store.js';
import type { Plan } from './types.js';
import type { RunCommand } from './verify.js';

/**
 * What planning and running a plan need from the composition root. cli/'s Engine satisfies it;
 * the TUI receives it injected, so both front ends share one flow.
 */
export interface PlanFlowDeps {
  root: string;
  sessionId: string;
  profileName: string;
  plannerModel: string;
  tokenizer: Tokenizer;
  tools: ToolRunner;
  index: SymbolIndex;
  sink: TelemetrySink;
  telemetryPath: string;
  price: Price;
  budget: { stepTokens: number; planTokens: number; maxUsd?: number; stepToolCalls: number };
  executorDeps(emit: (e: EngineEvent) => void): ExecutorDeps;
  baseOptions(signal: AbortSignal, model?: string): Omit<ExecutorOptions, 'task' | 'ids' | 'budget'>;
  runCommand: RunCommand;
  readFile(rel: string): Promise<string | null>;
  beforeContent?(rel: string): Promise<string | null | undefined>;
  /** Close an undo group (a plan step). */
  commitGroup?(groupId: string): Promise<unknown>;
  /** Name the undo group a plan step opens, so an interrupted step can be put back on resume. */
  openGroup?(groupId: string): void;
}

/** Planner and excerpt budgets (tokens). */
export const PLANNER_MAP_TOKENS = 1500;
export const PLANNER_BUDGET = { tokens: 30_000, toolCalls: 6 };
export const EXCERPT_TOKENS = 3000;

export interface MadePlan {
  plan: Plan;
  estimate: PlanEstimate;
  plannerRuns: ExecutorResult[];
}

export async function makePlan(task: string, deps: PlanFlowDeps, o: { runId: string; signal: AbortSignal; emit: (e: EngineEvent) => void; attached?: string }): Promise<MadePlan> {
  const repoMap = await deps.index.repoMap({ tokens: PLANNER_MAP_TOKENS, task });
  const base = deps.baseOptions(o.signal, deps.plannerModel);
  // The planner's reply is JSON for us, not prose for the user: its text is not streamed.
  const quiet = (e: EngineEvent) => { if (e.type !== 'model_delta') o.emit(e); };
  o.emit({ type: 'notice', level: 'info', message: `planning with ${deps.plannerModel}…` });
  const { plan, runs } = await writePlan(
    { task, repoMap, attached: o.attached, base: { ...base, ids: { session: deps.sessionId, run: o.runId, profile: deps.profileName, step: 'plan' } }, budget: PLANNER_BUDGET, index: deps.index, root: deps.root, conventions: base.conventions },
    deps.executorDeps(quiet),
  );
  await savePlan(deps.root, plan);
  const estimate = await estimateFor(plan, deps);
  o.emit({ type: 'plan_ready', planId: plan.id, steps: plan.steps.length, estimate: { low: estimate.total.low, high: estimate.total.high, lowUsd: estimate.total.lowUsd, highUsd: estimate.total.highUsd } });
  return { plan, estimate, plannerRuns: runs };
}

export async function estimateFor(plan: Plan, deps: PlanFlowDeps): Promise<PlanEstimate> {
  const base = deps.baseOptions(AbortSignal.timeout(1000));
  const fixedOverhead = deps.tokenizer.count(base.conventions ?? '') + countTools(deps.tokenizer, deps.tools.schemas()) + 180;
  return estimatePlan({
    plan, fixedOverhead, count: (t) => deps.tokenizer.count(t), index: deps.index,
    lineCount: async (p) => { const t = await deps.readFile(p); return t === null ? null : t.split('\n').length; },
    excerptTokens: EXCERPT_TOKENS, ratios: await pastRatios(deps.telemetryPath, base.model), price: deps.price,
  });
}

/** actual / raw of past plan steps of this model, oldest first. */
export async function pastRatios(telemetryPath: string, model: string): Promise<number[]> {
  const ratios: number[] = [];
  await readTelemetry(telemetryPath, (r) => {
    if (r.kind !== 'step' || r.model !== model || !r.estimate_raw) return;
    const actual = (r.input_tokens ?? 0) + (r.output_tokens ?? 0);
    if (actual > 0 && (r.status === 'passed' || r.status === 'failed')) ratios.push(actual / r.estimate_raw);
  }, { prefilter: (l) => l.includes('"kind":"step"') }).catch(() => undefined);
  return ratios;
}

/** Run (or resume) a reviewed plan; writes the run record; the plan file is kept current. */
export async function runPlanFlow(plan: Plan, deps: PlanFlowDeps, o: { runId: string; signal: AbortSignal; emit: (e: EngineEvent) => void; estimate?: PlanEstimate; extraResults?: ExecutorResult[] }): Promise<PlanRunResult> {
  const started = Date.now();
  const estimate = o.estimate ?? (await estimateFor(plan, deps));
  const ids = { session: deps.sessionId, run: o.runId, profile: deps.profileName };
  o.emit({ type: 'run_start', runId: o.runId, task: plan.task, profile: deps.profileName, model: deps.baseOptions(o.signal).model });
  let lastStep: string | null = null;
  const result = await runPlan(
    {
      plan, base: deps.baseOptions(o.signal), ids,
      stepTokens: deps.budget.stepTokens, stepToolCalls: deps.budget.stepToolCalls, planTokens: deps.budget.planTokens, maxUsd: deps.budget.maxUsd,
      excerptTokens: EXCERPT_TOKENS, estimates: estimate.steps,
    },
    {
      ...deps.executorDeps(o.emit), root: deps.root, index: deps.index, runCommand: deps.runCommand, readFile: deps.readFile, beforeContent: deps.beforeContent,
      save: (p) => savePlan(deps.root, p),
      onStepStart: async (s) => {
        if (lastStep) await deps.commitGroup?.(`${plan.id}:${lastStep}`);
        lastStep = s.id;
        deps.openGroup?.(`${plan.id}:${s.id}`);
      },
    },
  );
  if (lastStep) await deps.commitGroup?.(`${plan.id}:${lastStep}`);
  const all = [...(o.extraResults ?? []), ...result.steps];
  const status: RunStatus = result.status === 'paused' ? 'failed' : result.status;
  const raw = [...estimate.steps.values()].reduce((n, s) => n + s.raw, 0);
  await deps.sink.write(buildRunRecord({
    ids, model: deps.baseOptions(o.signal).model, mode: 'plan', task: plan.task, status, results: all, steps: plan.steps.length,
    durationMs: Date.now() - started, estimate: { low: estimate.total.low, high: estimate.total.high, raw },
  })).catch(() => {});
  const t = sumResults(all);
  o.emit({ type: 'run_end', runId: o.runId, status, inputTokens: t.inputTokens, outputTokens: t.outputTokens, calls: t.calls, toolCalls: t.toolCalls, costUsd: t.costUsd, durationMs: Date.now() - started, summary: result.message });
  return result;
}
