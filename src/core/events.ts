import type { Usage } from './provider-types.js';

export type RunStatus = 'ok' | 'failed' | 'budget_exhausted' | 'loop' | 'aborted' | 'error';

export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'budget' | 'skipped';

/** Where the tokens of one request went. Sums to the request's counted tokens. */
export interface TokenBreakdown {
  system: number;
  tools: number;
  task: number;
  excerpts: number;
  history: number;
}

/**
 * The one stream every front end (TUI, print mode, --json, bench) consumes.
 * snake_case `type`s; add variants, never booleans.
 */
export type EngineEvent =
  | { type: 'run_start'; runId: string; task: string; profile: string; model: string }
  | { type: 'plan_ready'; planId: string; steps: number; estimate: { low: number; high: number; lowUsd: number; highUsd: number } }
  | { type: 'step_start'; stepId: string; index: number; total: number; title: string }
  | { type: 'call_start'; call: number; countedTokens: number; breakdown: TokenBreakdown; contextTokens: number }
  | { type: 'model_delta'; text: string }
  | { type: 'reasoning_delta'; text: string }
  | { type: 'call_end'; call: number; usage: Usage | null; countedTokens: number; costUsd: number; durationMs: number }
  | { type: 'retry'; attempt: number; delayMs: number; reason: string }
  | { type: 'tool_start'; id: string; name: string; args: string }
  | { type: 'tool_end'; id: string; name: string; display: string; tokens: number; error?: string; cached?: boolean }
  | { type: 'hook_result'; command: string; ok: boolean; tokens: number }
  | { type: 'budget_warning'; used: number; limit: number; level: 70 | 90 }
  | { type: 'notice'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'step_end'; stepId: string; status: StepStatus; tokens: number; costUsd: number }
  | {
      type: 'run_end';
      runId: string;
      status: RunStatus;
      inputTokens: number;
      outputTokens: number;
      calls: number;
      toolCalls: number;
      costUsd: number;
      durationMs: number;
      summary: string;
    };

export type EngineEventType = EngineEvent['type'];
