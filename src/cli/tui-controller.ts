import { readFile } from 'node:fs/promises';
import type { ApprovalRequest, Decision } from '../core/index.js';
import { estimateFor, latestPlanId, loadPlan, makePlan, planPaths, readPlanMarkdown, runPlanFlow, savePlan, syncFromMarkdown, type MadePlan, type Plan } from '../plan/index.js';
import { createSession, listSessions, resumeContext, resumeSession, undoLast, type SessionLog } from '../session/index.js';
import { projectTelemetryPath, summarizeFile } from '../telemetry/index.js';
import type { Approver, TaskOutcome, TuiController, TuiInfo } from '../tui/index.js';
import type { Engine } from './engine.js';
import type { CliIO } from './io.js';
import { homeOf, resolveRuntime, type Runtime, type RuntimeFlags } from './runtime.js';

/** Tokens of earlier turns' summary sent with each new task of a session. */
const RESUME_TOKENS = 400;

export interface TuiControllerOptions {
  io: CliIO;
  flags: RuntimeFlags;
  /** MCP servers that failed, and the like: shown in the transcript. */
  onNotice?: (message: string) => void;
}

/**
 * The TUI's controller: the engine behind an interface the TUI can hold. The engine is built in
 * the background (the tokenizer takes most of a second), rebuilt when the profile or model
 * changes, and the session log follows every task.
 */
export function createTuiController(initial: Runtime, o: TuiControllerOptions): TuiController {
  let runtime = initial;
  let flags: RuntimeFlags = { ...o.flags };
  let approver: Approver = async () => 'deny';
  const approve = (req: ApprovalRequest): Promise<Decision> => approver(req);
  // engine.js pulls in every module (~300 ms of imports): loaded after the screen is up.
  const build = async (rt: Runtime) => (await import('./engine.js')).createEngine(rt, { approve, env: o.io.env, onNotice: o.onNotice });
  const newRunId = async () => (await import('./engine.js')).newRunId();
  // Built on first need or when the TUI says the keyboard is quiet (warm()), never before the
  // screen is drawn.
  let engineP: Promise<Engine> | null = null;
  const engineReady = (): Promise<Engine> => {
    if (!engineP) {
      engineP = build(runtime);
      engineP.catch(() => {});
    }
    return engineP;
  };
  let indexBuilt: Promise<unknown> | null = null;
  let session: Promise<SessionLog> | null = null;
  let lastMade: { made: MadePlan; runId: string } | null = null;
  const root = initial.projectRoot;
  const log = () => (session ??= createSession(root, { cwd: o.io.cwd, profile: runtime.profileName }));
  const indexed = async (e: Engine) => (indexBuilt ??= e.index.build({ signal: o.io.signal }).catch(() => undefined));

  const info = (): TuiInfo => ({
    profile: runtime.profileName, model: runtime.provider.model, plannerModel: runtime.profile.plannerModel,
    contextTokens: runtime.provider.contextTokens, endpoint: runtime.provider.endpoint,
  });

  const swap = async (next: RuntimeFlags): Promise<TuiInfo> => {
    const rt = await resolveRuntime({ flags: next, env: o.io.env, cwd: o.io.cwd, home: homeOf(o.io.env) });
    const engine = await build(rt);
    const old = engineP ?? Promise.resolve(null);
    engineP = Promise.resolve(engine);
    runtime = rt;
    flags = next;
    indexBuilt = null;
    void old.then((e) => e?.close(), () => {});
    return info();
  };

  const finishPlan = async (plan: Plan, r: { status: string; message: string; tokens: number; costUsd: number; steps: Array<{ changedFiles: string[] }> }): Promise<TaskOutcome> => {
    const status = r.status === 'paused' ? 'paused' : (r.status as TaskOutcome['status']);
    const files = [...new Set(r.steps.flatMap((s) => s.changedFiles))];
    await (await log()).run({ task: plan.task, status: status === 'paused' ? 'failed' : status, tokens: r.tokens, costUsd: r.costUsd, files }).catch(() => {});
    return { status, summary: r.message };
  };

  return {
    info,
    profiles: () => Object.entries(runtime.config.profiles).map(([name, p]) => ({ name, model: p.model, endpoint: p.endpoint ?? p.provider, active: name === runtime.profileName })),
    switchProfile: (name) => swap({ profile: name }),
    setModel: (id) => swap({ ...flags, profile: runtime.profileName === 'env' ? flags.profile : runtime.profileName, model: id }),
    setApprover: (fn) => void (approver = fn),

    async runTask(task, t) {
      const engine = await engineReady();
      const l = await log();
      const prior = resumeContext(l.state(), RESUME_TOKENS, (s) => engine.tokenizer.count(s));
      await l.user(task);
      const { runTask } = await import('./run-task.js');
      const result = await runTask(engine, task, { signal: t.signal, emit: t.emit, excerpts: prior || undefined, attachments: t.attachments });
      if (result.status === 'ok' && result.summary) await l.assistant(result.summary);
      await l.run({ task, status: result.status, tokens: result.inputTokens + result.outputTokens, costUsd: result.costUsd, files: result.changedFiles });
      return { status: result.status, summary: result.summary };
    },

    async makePlan(task, t) {
      const engine = await engineReady();
      await indexed(engine);
      const { attachedExcerpts } = await import('./run-task.js');
      const attached = await attachedExcerpts(engine, t.attachments, t.signal);
      await (await log()).user(task);
      const runId = await newRunId();
      const made = await makePlan(task, engine, { runId, signal: t.signal, emit: t.emit, attached: attached || undefined });
      lastMade = { made, runId };
      return { plan: made.plan, estimate: made.estimate, checks: engine.checkCommands };
    },

    async runPlan(plan, t) {
      const engine = await engineReady();
      await savePlan(engine.root, plan);
      const same = lastMade?.made.plan.id === plan.id ? lastMade : null;
      const estimate = t.estimate ?? (await estimateFor(plan, engine));
      const r = await runPlanFlow(plan, engine, { runId: same?.runId ?? (await newRunId()), signal: t.signal, emit: t.emit, estimate, extraResults: same?.made.plannerRuns });
      lastMade = null;
      return finishPlan(plan, r);
    },

    async resumePlan(t) {
      const engine = await engineReady();
      const id = await latestPlanId(engine.root);
      if (!id) return null;
      const plan = await syncFromMarkdown(engine.root, await loadPlan(engine.root, id));
      if (!plan.steps.some((s) => s.status !== 'passed' && s.status !== 'skipped')) return null;
      await indexed(engine);
      return finishPlan(plan, await runPlanFlow(plan, engine, { runId: await newRunId(), signal: t.signal, emit: t.emit }));
    },

    async planFile(plan) {
      await savePlan(root, plan);
      return planPaths(root).markdown;
    },
    async readPlanFile(plan) {
      return readPlanMarkdown(await readFile(planPaths(root).markdown, 'utf8'), plan);
    },

    async allTimeStats() {
      const { report } = await summarizeFile(projectTelemetryPath(root));
      return { summary: report.summary, runs: report.runs };
    },
    async files() {
      const engine = await engineReady();
      await indexed(engine);
      return engine.index.files();
    },
    undo: () => undoLast(root),
    sessions: () => listSessions(root),
    async resumeSession(id) {
      const l = resumeSession(root, id, { cwd: o.io.cwd, profile: runtime.profileName });
      await l;
      session = l;
      return { id, turns: (await l).state().turns.length };
    },
    rollback: async (n) => (await log()).rollback(n),
    warm: () => void engineReady(),
    async close() {
      await (await engineP?.catch(() => null))?.close();
    },
  };
}
