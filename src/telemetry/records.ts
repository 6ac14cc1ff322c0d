import type { RunStatus, StepStatus, TokenBreakdown } from '../core/index.js';

/**
 * The telemetry schema: `.pith/telemetry.jsonl`, one record per line. Every field is documented
 * in CONFIG.md. Bump TELEMETRY_VERSION on an incompatible change; readers accept older versions.
 * Never an API key, a secret or a full file content in any record.
 */
export const TELEMETRY_VERSION = 1;

export interface RecordBase {
  v: number;
  /** ISO 8601 time the record was written. */
  ts: string;
  session: string;
  run: string;
  profile: string;
  model: string;
  /** Only in the global copy: the project root the record was written in. */
  project?: string | null;
}

/** Token fields as the provider reported them; null when it did not. */
export interface ProviderTokens {
  input_tokens: number | null;
  output_tokens: number | null;
  cached_input_tokens: number | null;
  reasoning_tokens: number | null;
}

export interface CallRecord extends RecordBase, ProviderTokens {
  kind: 'call';
  /** 1-based index of the call within its run. */
  call: number;
  step: string | null;
  /** Our own count of what we sent, with its breakdown by part. */
  counted_tokens: number;
  breakdown: TokenBreakdown;
  cost_usd: number;
  duration_ms: number;
  status: 'ok' | 'error' | 'aborted';
  finish_reason: string | null;
  error_kind: string | null;
  retries: number;
}

export interface ToolRecord extends RecordBase {
  kind: 'tool';
  step: string | null;
  call: number;
  tool: string;
  /** Tokens of the result the model saw. */
  tokens: number;
  truncated: boolean;
  cached: boolean;
  error_type: string | null;
  duration_ms: number;
  status: 'ok' | 'error';
}

export interface Totals extends ProviderTokens {
  calls: number;
  tool_calls: number;
  counted_tokens: number;
  cost_usd: number;
  duration_ms: number;
}

export interface StepRecord extends RecordBase, Totals {
  kind: 'step';
  step: string;
  plan: string | null;
  title: string;
  status: StepStatus;
  estimate_low: number | null;
  estimate_high: number | null;
  /** The uncalibrated estimate the range was derived from (calibration learns actual / raw). */
  estimate_raw?: number | null;
}

export interface RunRecord extends RecordBase, Totals {
  kind: 'run';
  mode: 'run' | 'plan' | 'chat';
  /** The task, cut to 200 characters. */
  task: string;
  status: RunStatus;
  steps: number;
  first_request_tokens: number;
  peak_request_tokens: number;
  stale_edits: number;
  malformed_calls: number;
  /** Tokens taken out of requests by stubbing old tool outputs (context shrinking). */
  shrink_saved_tokens?: number;
  estimate_low: number | null;
  estimate_high: number | null;
  estimate_raw?: number | null;
}

export type TelemetryRecord = CallRecord | ToolRecord | StepRecord | RunRecord;
export type TelemetryKind = TelemetryRecord['kind'];
