import type { EngineEvent, StepStatus } from '../core/index.js';

/** What the transcript shows, one entry per thing that happened (streamed text grows its entry). */
export type EntryKind = 'user' | 'text' | 'tool' | 'hook' | 'step' | 'run' | 'info' | 'warn' | 'error';

export interface Entry {
  kind: EntryKind;
  text: string;
  /** tool_start id, so tool_end can complete its line. */
  id?: string;
  /** A tool or check that failed, a tool still running (undefined). */
  ok?: boolean;
  /** Dim trailing detail: token cost. */
  meta?: string;
}

export type Phase = 'idle' | 'running' | 'planning' | 'reviewing';

export interface SessionStats {
  /** Finished runs (a plan is one task). */
  tasks: number;
  inputTokens: number;
  outputTokens: number;
  toolCalls: number;
  costUsd: number;
  /** Highest request size seen, as a % of the context window. */
  peakContextPct: number;
  /** Tokens (in + out) of each finished task, oldest first; planning counts toward its plan. */
  perTask: number[];
  /** Tokens of the task under way. */
  currentTask: number;
}

export interface StepView {
  status: StepStatus;
  tokens: number;
}

export interface ViewState {
  entries: Entry[];
  phase: Phase;
  /** What the engine is doing right now ("thinking", "read", "check"), '' when idle. */
  activity: string;
  /** Size of the last request against the context window. */
  context: { used: number; limit: number };
  step: { index: number; total: number } | null;
  /** Live status and tokens of plan steps, by step id. */
  steps: Readonly<Record<string, StepView>>;
  currentStepId: string | null;
  session: SessionStats;
}

/** Actions the TUI itself adds to the stream of engine events. */
export type LocalAction =
  | { type: 'ui_user'; text: string }
  | { type: 'ui_message'; level: 'info' | 'warn' | 'error'; text: string }
  | { type: 'ui_phase'; phase: Phase }
  | { type: 'ui_context_limit'; limit: number }
  | { type: 'ui_plan_steps'; ids: string[] }
  | { type: 'ui_clear' };

export type ViewAction = EngineEvent | LocalAction;

/** Most entries kept: older ones scroll away for good (the session log keeps the record). */
export const MAX_ENTRIES = 2000;

export function initialViewState(contextLimit: number): ViewState {
  return {
    entries: [],
    phase: 'idle',
    activity: '',
    context: { used: 0, limit: contextLimit },
    step: null,
    steps: {},
    currentStepId: null,
    session: { tasks: 0, inputTokens: 0, outputTokens: 0, toolCalls: 0, costUsd: 0, peakContextPct: 0, perTask: [], currentTask: 0 },
  };
}
