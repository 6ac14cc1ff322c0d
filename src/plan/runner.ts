import { runExecutor, type ExecutorDeps, type ExecutorOptions, type ExecutorResult } from '../agent/index.js';
import type { RunStatus } from '../core/index.js';
import type { SymbolDef, SymbolIndex } from '../index/types.js';
import { TELEMETRY_VERSION, type StepRecord } from '../telemetry/index.js';
import { carryForward } from './carry-forward.js';
import { buildExcerpts, leftNote } from './excerpts.js';
import type { Range } from './estimate.js';
import type { Plan, PlanStep } from './types.js';
import { runVerify, type RunCommand, type VerifyOutcome } from './verify.js';

export interface PlanRunDeps extends ExecutorDeps {
  root: string;
  index?: SymbolIndex;
  runCommand: RunCommand;
  /** A file's content before this plan step changed it (from undo snapshots): null = did not exist, undefined = unknown. */
  beforeContent?: (path: string) => Promise<string | null | undefined>;
  readFile: (path: string) => Promise<string | null>;
  /** Persist the plan after every step (crash-safe resume). */
  save: (plan: Plan) => Promise<void>;
  /** Told when a step starts (undo groups); awaited, so the previous group is closed first. */
  onStepStart?: (step: PlanStep) => void | Promise<void>;
}

export interface PlanRunOptions {
  plan: Plan;
  base: Omit<ExecutorOptions, 'task' | 'excerpts' | 'preloaded' | 'budget' | 'ids'>;
  ids: { session: string; run: string; profile: string };
  stepTokens: number;
  stepToolCalls: number;
  planTokens: number;
  maxUsd?: number;
  excerptTokens: number;
  estimates?: Map<string, Range & { raw: number }>;
}

export type PlanStatus = 'ok' | 'paused' | 'budget_exhausted' | 'aborted' | 'error';

export interface PlanRunResult {
  status: PlanStatus;
  message: string;
  steps: ExecutorResult[];
  tokens: number;
  costUsd: number;
}

/**
 * Run the plan's unfinished steps in order. Each attempt is a fresh executor run that sees the
 * step, the plan outline, the carry-forward of earlier steps and pre-loaded excerpts. A failed
 * verify retries the step once with the failure added; a second failure pauses the plan.
 */
export async function runPlan(opts: PlanRunOptions, deps: PlanRunDeps): Promise<PlanRunResult> {
  const { plan } = opts;
  const results: ExecutorResult[] = [];
  let tokens = 0;
  let usd = 0;
  const outline = plan.steps.map((s, i) => `${i + 1}. ${s.title}`);
  for (const [i, step] of plan.steps.entries()) {
    if (step.status === 'passed' || step.status === 'skipped') continue;
    if (opts.base.signal.aborted) return finish('aborted', 'cancelled');
    deps.emit({ type: 'step_start', stepId: step.id, index: i + 1, total: plan.steps.length, title: step.title });
    await deps.onStepStart?.(step);
    step.status = 'running';
    await deps.save(plan);
    const defsBefore = await outlines(deps.index, [...new Set(step.files)]);
    const carry = plan.steps.slice(0, i).filter((s) => s.result?.carry).map((s) => s.result!.carry).join('\n');
    let failure: string | undefined;
    let attempt = 0;
    let verify: VerifyOutcome = { ok: false, detail: '' };
    let last: ExecutorResult | null = null;
    const changed = new Set<string>();
    while (attempt < 2) {
      attempt++;
      const planLeft = opts.planTokens - tokens;
      const usdLeft = opts.maxUsd === undefined ? undefined : opts.maxUsd - usd;
      const budgetTokens = Math.min(step.budget ?? opts.stepTokens, planLeft);
      if (budgetTokens <= 0 || (usdLeft !== undefined && usdLeft <= 0)) return finish('budget_exhausted', `plan budget reached before step ${i + 1}`, step);
      deps.tools.forgetShown('all');
      const ex = await buildExcerpts(step, deps.tools, deps.index, deps.tokenizer, opts.excerptTokens, opts.base.signal);
      // A one-step plan is its step: no outline, no "Step 1 of 1", no title that only repeats the
      // instruction's opening words (each would be paid again on every call of the step).
      const context = [
        plan.steps.length > 1 && `Plan:\n${outline.map((l, j) => (j === i ? `${l}  <- this step` : l)).join('\n')}`,
        carry && `Done so far:\n${carry}`,
        leftNote(ex.left),
      ].filter(Boolean).join('\n\n');
      const heading = plan.steps.length > 1 ? `Step ${i + 1} of ${plan.steps.length}: ${step.title}\n` : step.instruction.startsWith(step.title.trim()) ? '' : `${step.title}\n`;
      const task = `${heading}${step.instruction}${failure ? `\n\nThe previous attempt failed its check:\n${failure}\nFix that.` : ''}`;
      last = await runExecutor(
        { ...opts.base, task, excerpts: context, preloaded: ex.items, budget: { tokens: budgetTokens, toolCalls: opts.stepToolCalls, usd: usdLeft }, ids: { ...opts.ids, step: step.id } },
        deps,
      );
      results.push(last);
      tokens += last.inputTokens + last.outputTokens;
      usd += last.costUsd;
      for (const f of last.changedFiles) changed.add(f);
      if (last.status === 'aborted') return finish('aborted', 'cancelled', step);
      if (last.status === 'ok' || last.status === 'budget_exhausted' || last.status === 'loop') {
        verify = await runVerify(step.verify, deps.root, [...changed], deps.runCommand, opts.base.signal);
        if (verify.ok && last.status === 'ok') break;
        failure = last.status === 'ok' ? verify.detail : `${last.summary}${verify.ok ? '' : `\n${verify.detail}`}`;
        if (verify.ok) break; // budget stop but the check passes: the work is done
      } else {
        failure = last.summary;
      }
    }
    const defsAfter = await outlines(deps.index, [...changed]);
    const files = await Promise.all([...changed].map(async (path) => ({ path, before: await deps.beforeContent?.(path), after: await deps.readFile(path) })));
    const passed = verify.ok;
    step.status = passed ? 'passed' : last?.status === 'budget_exhausted' ? 'budget' : 'failed';
    const stepTokens = results.slice(-attempt).reduce((n, r) => n + r.inputTokens + r.outputTokens, 0);
    step.result = {
      summary: last?.summary ?? '',
      carry: carryForward({ index: i + 1, title: step.title, changed: files, defsBefore, defsAfter, verify, summary: last?.summary ?? '' }),
      tokens: stepTokens,
      attempts: attempt,
      failure: passed ? undefined : failure,
    };
    await deps.save(plan);
    await writeStepRecord(opts, deps, step, results.slice(-attempt));
    deps.emit({ type: 'step_end', stepId: step.id, status: step.status, tokens: stepTokens, costUsd: results.slice(-attempt).reduce((n, r) => n + r.costUsd, 0) });
    if (!passed) return finish(step.status === 'budget' ? 'budget_exhausted' : 'paused', `step ${i + 1} (${step.title}) ${step.status === 'budget' ? 'ran out of budget' : 'failed its check twice'}: ${oneLine(failure ?? verify.detail)}`);
  }
  return finish('ok', `all ${plan.steps.length} steps passed`);

  /** A step interrupted mid-run goes back to pending, so --resume re-runs it. */
  async function finish(status: PlanStatus, message: string, step?: PlanStep): Promise<PlanRunResult> {
    if (step && step.status === 'running') {
      step.status = 'pending';
      await deps.save(plan);
    }
    return { status, message, steps: results, tokens, costUsd: usd };
  }
}

async function outlines(index: SymbolIndex | undefined, files: string[]): Promise<Map<string, SymbolDef[] | null>> {
  const m = new Map<string, SymbolDef[] | null>();
  if (!index) return m;
  for (const f of files) m.set(f, await index.outline(f).catch(() => null));
  return m;
}

async function writeStepRecord(opts: PlanRunOptions, deps: PlanRunDeps, step: PlanStep, runs: ExecutorResult[]): Promise<void> {
  const sum = (f: (r: ExecutorResult) => number) => runs.reduce((n, r) => n + f(r), 0);
  const nullableSum = (f: (r: ExecutorResult) => number | null) => (runs.some((r) => f(r) !== null) ? sum((r) => f(r) ?? 0) : null);
  const est = opts.estimates?.get(step.id);
  const record: StepRecord = {
    v: TELEMETRY_VERSION, kind: 'step', ts: new Date().toISOString(), session: opts.ids.session, run: opts.ids.run, profile: opts.ids.profile, model: opts.base.model,
    step: step.id, plan: opts.plan.id, title: step.title, status: step.status,
    calls: sum((r) => r.calls), tool_calls: sum((r) => r.toolCalls),
    input_tokens: sum((r) => r.inputTokens), output_tokens: sum((r) => r.outputTokens),
    cached_input_tokens: nullableSum((r) => r.cachedInputTokens), reasoning_tokens: nullableSum((r) => r.reasoningTokens),
    counted_tokens: sum((r) => r.countedTokens), cost_usd: sum((r) => r.costUsd), duration_ms: sum((r) => r.durationMs),
    estimate_low: est?.low ?? null, estimate_high: est?.high ?? null, estimate_raw: est?.raw ?? null,
  };
  await deps.sink.write(record).catch(() => {});
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}

