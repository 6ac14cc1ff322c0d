import type { ApprovalRequest, Decision, EngineEvent, RunStatus } from '../core/index.js';
import type { Plan, PlanEstimate } from '../plan/index.js';
import type { SessionInfo, UndoReport } from '../session/index.js';
import type { RunPoint, Summary } from '../telemetry/index.js';

/**
 * The only way the TUI reaches the engine. cli/ implements it (src/cli/tui-controller.ts) and
 * injects it; the TUI never builds an engine, reads config or touches process.env.
 *
 * Contracts:
 * - Every long call takes an AbortSignal and reports progress only through `emit`.
 * - `switchProfile` / `setModel` take effect for the next request, without a restart.
 * - Approvals go to the function given to `setApprover`; the engine waits on its promise.
 */
export interface TuiController {
  info(): TuiInfo;
  profiles(): ProfileChoice[];
  switchProfile(name: string): Promise<TuiInfo>;
  setModel(id: string): Promise<TuiInfo>;
  setApprover(approve: Approver): void;
  /** One executor run. `attachments` are project paths the user picked with `@`: sent as excerpts. */
  runTask(task: string, o: TaskIO & { attachments?: string[] }): Promise<TaskOutcome>;
  makePlan(task: string, o: TaskIO & { attachments?: string[] }): Promise<MadePlanView>;
  /** Runs the reviewed plan (approved steps only). */
  runPlan(plan: Plan, o: TaskIO & { estimate?: PlanEstimate }): Promise<TaskOutcome>;
  /** Continues the newest unfinished plan; null when there is none. */
  resumePlan(o: TaskIO): Promise<TaskOutcome | null>;
  /** Saves the plan and returns the path of its plan.md (for `$EDITOR`). */
  planFile(plan: Plan): Promise<string>;
  /** Reads plan.md back after an edit. */
  readPlanFile(plan: Plan): Promise<{ ok: true; plan: Plan } | { ok: false; errors: string[] }>;
  /** All-time figures of this project from its telemetry file. */
  allTimeStats(): Promise<AllTimeStats>;
  /** Project files from the index (.gitignore respected), for the `@` picker. */
  files(): Promise<string[]>;
  undo(): Promise<UndoReport | null>;
  sessions(): Promise<SessionInfo[]>;
  resumeSession(id: string): Promise<{ id: string; turns: number }>;
  /** Forgets the last `turns` turns of the session; resolves to how many were forgotten. */
  rollback(turns: number): Promise<number>;
  /**
   * Start building the engine (tokenizer, tools, MCP servers) if not yet started. Building blocks
   * the event loop for most of a second, so the TUI calls this when the keyboard is quiet; any
   * task or lookup builds it on demand too.
   */
  warm(): void;
  close(): Promise<void>;
}

export interface TuiInfo {
  profile: string;
  model: string;
  plannerModel: string;
  contextTokens: number;
  endpoint: string;
}

export interface ProfileChoice {
  name: string;
  model: string;
  endpoint: string;
  active: boolean;
}

export interface TaskIO {
  signal: AbortSignal;
  emit: (e: EngineEvent) => void;
}

export interface TaskOutcome {
  status: RunStatus | 'paused';
  summary: string;
}

export interface MadePlanView {
  plan: Plan;
  estimate: PlanEstimate;
  /** Commands pith runs after every edit (the project's checks): shown at review like step checks. */
  checks?: string[];
}

export interface AllTimeStats {
  summary: Summary;
  runs: RunPoint[];
}

export type Approver = (req: ApprovalRequest) => Promise<Decision>;
