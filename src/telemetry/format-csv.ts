/**
 * `--csv`: one row per record of one kind, RFC 4180 quoting (comma separated, quotes doubled), rows end in "\n".
 * Columns are the record's fields in schema order; `breakdown` becomes five breakdown_* columns;
 * null is an empty cell. The header row names the columns exactly as below.
 */
import type { TelemetryKind, TelemetryRecord } from './records.js';

const BASE = ['v', 'ts', 'session', 'run', 'profile', 'model'];
const PROVIDER = ['input_tokens', 'output_tokens', 'cached_input_tokens', 'reasoning_tokens'];
const TOTALS = [...PROVIDER, 'calls', 'tool_calls', 'counted_tokens', 'cost_usd', 'duration_ms'];

export const CSV_COLUMNS: Record<TelemetryKind, readonly string[]> = {
  call: [
    ...BASE, 'call', 'step', ...PROVIDER, 'counted_tokens',
    'breakdown_system', 'breakdown_tools', 'breakdown_task', 'breakdown_excerpts', 'breakdown_history',
    'cost_usd', 'duration_ms', 'status', 'finish_reason', 'error_kind', 'retries',
  ],
  tool: [...BASE, 'step', 'call', 'tool', 'tokens', 'truncated', 'cached', 'error_type', 'duration_ms', 'status'],
  step: [...BASE, 'step', 'plan', 'title', 'status', ...TOTALS, 'estimate_low', 'estimate_high'],
  run: [
    ...BASE, 'mode', 'task', 'status', 'steps', ...TOTALS, 'first_request_tokens', 'peak_request_tokens',
    'stale_edits', 'malformed_calls', 'estimate_low', 'estimate_high',
  ],
};

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(kind: TelemetryKind): string {
  return CSV_COLUMNS[kind].join(',') + '\n';
}

/** One CSV line for a record of `kind`; fields it lacks are empty cells. */
export function csvRow(record: TelemetryRecord): string {
  const o = record as unknown as Record<string, unknown>;
  const breakdown = (o.breakdown ?? {}) as Record<string, unknown>;
  return (
    CSV_COLUMNS[record.kind]
      .map((c) => csvCell(c.startsWith('breakdown_') ? breakdown[c.slice('breakdown_'.length)] : o[c]))
      .join(',') + '\n'
  );
}
