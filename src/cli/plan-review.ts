import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describeVerify, approvedPlan, planPaths, readPlanMarkdown, reviewReducer, savePlan, startReview, type Plan, type PlanEstimate, type ReviewState } from '../plan/index.js';
import type { CliIO } from './io.js';
import { fmt } from './print-events.js';

/** The plan as text: steps with files, verify and estimate, then the total. */
export function formatPlan(plan: Plan, estimate: PlanEstimate | null): string {
  const lines = [`Plan ${plan.id}: ${plan.task}`];
  plan.steps.forEach((s, i) => {
    const e = estimate?.steps.get(s.id);
    lines.push(`  ${i + 1}. ${s.title}${e ? `  ~${fmt(e.low)}-${fmt(e.high)} tok` : ''}${s.status !== 'pending' ? `  [${s.status}]` : ''}`);
    if (s.files.length) lines.push(`     files: ${s.files.join(', ')}`);
    if (s.verify !== 'none') lines.push(`     verify: ${describeVerify(s.verify)}`);
    if (s.unknown?.length) lines.push(`     ! unknown: ${s.unknown.join(', ')}`);
  });
  if (estimate) {
    const t = estimate.total;
    lines.push(`Estimate: ${fmt(t.low)}-${fmt(t.high)} tokens, $${t.lowUsd.toFixed(4)}-$${t.highUsd.toFixed(4)}${t.calibrated ? ' (calibrated on past runs)' : ' (no history yet: wide range)'}`);
  }
  return lines.join('\n');
}

/**
 * Interactive review with @clack/prompts: approve all, step by step, annotate, drop, edit
 * plan.md in $EDITOR, or cancel. Returns the approved plan, or null when cancelled.
 */
export async function reviewInTerminal(root: string, plan: Plan, estimate: PlanEstimate | null, io: CliIO): Promise<Plan | null> {
  const p = await import('@clack/prompts');
  const streams = { input: io.stdin as NodeJS.ReadStream, output: io.stdout as NodeJS.WriteStream };
  let state: ReviewState = startReview(plan);
  const pickStep = async (message: string) => {
    const id = await p.select({ message, options: state.plan.steps.map((s, i) => ({ value: s.id, label: `${i + 1}. ${s.title}` })), ...streams });
    return p.isCancel(id) ? null : (id as string);
  };
  for (;;) {
    io.stdout.write(formatPlan(state.plan, estimate) + '\n');
    const action = await p.select({
      message: 'Run this plan?',
      options: [
        { value: 'all', label: 'approve all and run' },
        { value: 'each', label: 'approve step by step' },
        { value: 'note', label: 'annotate a step' },
        { value: 'drop', label: 'drop a step' },
        { value: 'edit', label: 'edit plan.md in $EDITOR' },
        { value: 'cancel', label: 'cancel' },
      ],
      ...streams,
    });
    if (p.isCancel(action) || action === 'cancel') return null;
    if (action === 'all') return approvedPlan(reviewReducer(state, { type: 'approve_all' }));
    if (action === 'each') {
      for (const s of state.plan.steps) {
        const ok = await p.confirm({ message: `Run step "${s.title}"?`, ...streams });
        if (p.isCancel(ok)) return null;
        if (ok) state = reviewReducer(state, { type: 'approve', stepId: s.id });
      }
      const chosen = approvedPlan(state);
      return chosen.steps.length ? chosen : null;
    }
    if (action === 'note') {
      const id = await pickStep('Annotate which step?');
      const note = id && (await p.text({ message: 'Note for the executor', ...streams }));
      if (id && typeof note === 'string') state = reviewReducer(state, { type: 'annotate', stepId: id, note });
    }
    if (action === 'drop') {
      const id = await pickStep('Drop which step?');
      if (id) state = reviewReducer(state, { type: 'drop', stepId: id });
    }
    if (action === 'edit') {
      await savePlan(root, state.plan);
      const editor = io.env.VISUAL || io.env.EDITOR || 'vi';
      spawnSync(editor, [planPaths(root).markdown], { stdio: 'inherit', shell: true });
      const r = readPlanMarkdown(await readFile(planPaths(root).markdown, 'utf8'), state.plan);
      if (r.ok) state = reviewReducer(state, { type: 'replace_plan', plan: r.plan });
      else io.stderr.write(`plan.md could not be read back, kept the previous plan:\n  ${r.errors.join('\n  ')}\n`);
    }
  }
}
