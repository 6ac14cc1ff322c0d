import { parseArgs } from 'node:util';
import { PithError } from '../../core/index.js';
import { estimateFor, latestPlanId, loadPlan, makePlan, runPlanFlow, savePlan, syncFromMarkdown } from '../../plan/index.js';
import { restoreOpenGroup } from '../../session/index.js';
import { createPrintApprover, yesMode } from '../approve.js';
import { createEngine, newRunId, type Engine } from '../engine.js';
import { attachedExcerpts } from '../run-task.js';
import type { CliIO } from '../io.js';
import { formatPlan, reviewInTerminal } from '../plan-review.js';
import { createEventPrinter } from '../print-events.js';
import { exitCodeFor } from '../exit-codes.js';
import { RUNTIME_ARG_OPTIONS, reportError, runtimeOrSetup } from '../runtime.js';

const USAGE = `usage: pith plan "task" [--yes] [--json] [--attach FILE]... [--max-tokens N] [--max-usd X] [--profile NAME]
       pith plan --resume [--plan ID] [--yes]

Asks the planner model for a plan, shows it with a cost estimate (a range in tokens and
dollars, calibrated on past runs), lets you review it (approve all, step by step, annotate,
drop, edit .pith/plan.md in $EDITOR, cancel), then runs each step as a fresh, budget-capped
executor call. Edits you make to .pith/plan.md before a run are used.

options:
  --yes            approve the plan and every edit and command without asking
  --resume         continue the newest (or --plan ID) paused or interrupted plan from its first
                   unfinished step; passed steps are not re-run
  --max-tokens N   cap for the whole plan (default: the profile's budget.plan_tokens)
  --max-usd X      cap in dollars (default: the profile's budget.max_usd)
  --attach FILE    give the planner FILE too (as the read tool shows it); repeatable
  --json           JSONL events on stdout
  --profile, --model, --endpoint   as for every command (CONFIG.md)

Without a terminal and without --yes the plan is printed and pith exits 2.
exit codes: 0 all steps passed, 1 a step failed (plan paused), 2 usage/config/not approved,
3 budget exhausted, 130 interrupted`;

export async function planCommand(argv: string[], io: CliIO): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        ...RUNTIME_ARG_OPTIONS, yes: { type: 'boolean', short: 'y' }, attach: { type: 'string', multiple: true, short: 'a' }, json: { type: 'boolean' }, resume: { type: 'boolean' }, plan: { type: 'string' },
        'max-tokens': { type: 'string' }, 'max-usd': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    io.stderr.write(`pith plan: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) return io.stdout.write(USAGE + '\n'), 0;
  const task = positionals.join(' ').trim();
  if (!task && !values.resume) return io.stderr.write(`pith plan: the task is empty.\n\n${USAGE}\n`), 2;
  let engine: Engine | undefined;
  try {
    const runtime = await runtimeOrSetup(io, { profile: values.profile, model: values.model, endpoint: values.endpoint });
    if (typeof runtime === 'number') return runtime;
    engine = await createEngine(runtime, { approve: createPrintApprover(io), approvalMode: yesMode(values.yes, runtime.approval.mode), env: io.env, onNotice: (m) => io.stderr.write(`pith: ${m}\n`) });
    const limit = (v: string | undefined, name: string) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new PithError('usage', `${name} takes a positive number, got "${v}"`);
      return n;
    };
    engine.budget = { ...engine.budget, planTokens: limit(values['max-tokens'], '--max-tokens') ?? engine.budget.planTokens, maxUsd: limit(values['max-usd'], '--max-usd') ?? engine.budget.maxUsd };
    const emit = createEventPrinter(io.stdout, { json: Boolean(values.json), color: io.isTTY && !io.env.NO_COLOR });
    const runId = newRunId();
    await engine.index.build({ signal: io.signal }).catch(() => undefined);

    if (values.resume) {
      const id = values.plan ?? (await latestPlanId(engine.root));
      if (!id) throw new PithError('usage', 'there is no plan to resume in this project', 'start one with pith plan "task"');
      const plan = await syncFromMarkdown(engine.root, await loadPlan(engine.root, id));
      const left = plan.steps.filter((s) => s.status !== 'passed' && s.status !== 'skipped');
      if (left.length === 0) return io.stdout.write(`plan ${plan.id}: every step has passed; nothing to resume.\n`), 0;
      // A step still marked running was cut off (the process was killed): its partial edits are
      // put back to how the step found them, so it re-runs from a clean start.
      const cut = plan.steps.find((s) => s.status === 'running');
      const restored = cut ? await restoreOpenGroup(engine.root, `${plan.id}:${cut.id}`) : [];
      if (restored.length) await engine.index.update(restored).catch(() => undefined);
      if (!values.json) {
        if (restored.length) io.stdout.write(`the interrupted step had changed ${restored.join(', ')}: restored to before the step\n`);
        io.stdout.write(`${formatPlan(plan, null)}${checksLine(engine.checkCommands)}\nresuming plan ${plan.id} at "${left[0]!.title}" (${left.length} of ${plan.steps.length} steps left)\n`);
      }
      const result = await runPlanFlow(plan, engine, { runId, signal: io.signal, emit });
      return exitCodeFor(result.status === 'paused' ? 'failed' : result.status);
    }

    const attached = await attachedExcerpts(engine, values.attach, io.signal);
    const made = await makePlan(task, engine, { runId, signal: io.signal, emit, attached: attached || undefined });
    let plan = made.plan;
    // Every command the plan will run is on screen before it is approved: step verifies and the hooks after edits.
    if (!values.json) io.stdout.write(formatPlan(plan, made.estimate) + checksLine(engine.checkCommands) + '\n');
    if (!values.yes) {
      if (!io.isTTY) {
        io.stderr.write(`pith plan: not approved (no terminal to ask). Review .pith/plan.md, then run \`pith plan --resume --yes\`, or pass --yes.\n`);
        return 2;
      }
      const approved = await reviewInTerminal(engine.root, plan, made.estimate, io);
      if (!approved) return io.stdout.write('cancelled; the plan is kept in .pith/plan.md\n'), 2;
      plan = approved;
    }
    // plan.md may have been edited while the plan was shown.
    plan = await syncFromMarkdown(engine.root, plan);
    await savePlan(engine.root, plan);
    const estimate = plan === made.plan ? made.estimate : await estimateFor(plan, engine);
    const result = await runPlanFlow(plan, engine, { runId, signal: io.signal, emit, estimate, extraResults: made.plannerRuns });
    return exitCodeFor(result.status === 'paused' ? 'failed' : result.status);
  } catch (e) {
    return reportError(io, e);
  } finally {
    await engine?.close();
  }
}

/** The hook commands run after every edit, as a line under the plan ('' when there are none). */
function checksLine(commands: readonly string[]): string {
  return commands.length ? `\nAfter each edit pith runs: ${commands.map((c) => `\`${c}\``).join(', ')}` : '';
}
