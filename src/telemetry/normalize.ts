import type { TokenBreakdown } from '../core/index.js';
import { TELEMETRY_VERSION, type TelemetryKind, type TelemetryRecord } from './records.js';

/**
 * Turns one parsed JSON line into a TelemetryRecord of the current schema, whatever version wrote it.
 *
 * Contract:
 * - `v` missing reads as 0 (older). Older and newer versions are read alike: every field the
 *   current schema knows is filled with its default when missing or of the wrong type
 *   (number 0, nullable fields null, strings '', booleans false, breakdown all zeros).
 * - Status-like strings are passed through as written (a newer writer may add values); a missing
 *   one reads as 'unknown', except call/tool status, inferred from error_kind/error_type.
 * - Fields the current schema does not know are kept untouched.
 * - A value that is not an object is 'malformed'; a kind we do not know is 'unknown_kind'.
 * The parsed object is updated in place (it belongs to the reader), which keeps this cheap.
 */
export type Normalized =
  | { type: 'record'; record: TelemetryRecord; version: 'current' | 'older' | 'newer' }
  | { type: 'unknown_kind' }
  | { type: 'malformed' };

type Field = 'num' | 'num?' | 'str' | 'str?' | 'bool' | 'breakdown' | 'status';

const BASE: Record<string, Field> = { ts: 'str', session: 'str', run: 'str', profile: 'str', model: 'str', project: 'str?' };
const PROVIDER: Record<string, Field> = {
  input_tokens: 'num?',
  output_tokens: 'num?',
  cached_input_tokens: 'num?',
  reasoning_tokens: 'num?',
};
const TOTALS: Record<string, Field> = {
  ...PROVIDER,
  calls: 'num',
  tool_calls: 'num',
  counted_tokens: 'num',
  cost_usd: 'num',
  duration_ms: 'num',
};

const FIELDS: Record<TelemetryKind, Array<[string, Field]>> = {
  call: Object.entries({
    ...BASE,
    ...PROVIDER,
    call: 'num',
    step: 'str?',
    counted_tokens: 'num',
    breakdown: 'breakdown',
    cost_usd: 'num',
    duration_ms: 'num',
    status: 'status',
    finish_reason: 'str?',
    error_kind: 'str?',
    retries: 'num',
  } satisfies Record<string, Field>),
  tool: Object.entries({
    ...BASE,
    step: 'str?',
    call: 'num',
    tool: 'str',
    tokens: 'num',
    truncated: 'bool',
    cached: 'bool',
    error_type: 'str?',
    duration_ms: 'num',
    status: 'status',
  } satisfies Record<string, Field>),
  step: Object.entries({
    ...BASE,
    ...TOTALS,
    step: 'str',
    plan: 'str?',
    title: 'str',
    status: 'status',
    estimate_low: 'num?',
    estimate_high: 'num?',
  } satisfies Record<string, Field>),
  run: Object.entries({
    ...BASE,
    ...TOTALS,
    mode: 'status',
    task: 'str',
    status: 'status',
    steps: 'num',
    first_request_tokens: 'num',
    peak_request_tokens: 'num',
    stale_edits: 'num',
    malformed_calls: 'num',
    estimate_low: 'num?',
    estimate_high: 'num?',
  } satisfies Record<string, Field>),
};

const PARTS: Array<keyof TokenBreakdown> = ['system', 'tools', 'task', 'excerpts', 'history'];

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function fix(o: Record<string, unknown>, name: string, field: Field): void {
  const x = o[name];
  switch (field) {
    case 'num':
      if (!isNum(x)) o[name] = 0;
      return;
    case 'num?':
      if (x !== null && !isNum(x)) o[name] = null;
      return;
    case 'str':
      if (typeof x !== 'string') o[name] = '';
      return;
    case 'str?':
      if (x !== null && typeof x !== 'string') o[name] = null;
      return;
    case 'status':
      if (typeof x !== 'string' || x === '') o[name] = 'unknown';
      return;
    case 'bool':
      if (typeof x !== 'boolean') o[name] = false;
      return;
    case 'breakdown': {
      const b = (x !== null && typeof x === 'object' ? x : {}) as Record<string, unknown>;
      const out: TokenBreakdown = { system: 0, tools: 0, task: 0, excerpts: 0, history: 0 };
      for (const p of PARTS) if (isNum(b[p])) out[p] = b[p] as number;
      o[name] = out;
      return;
    }
  }
}

export function normalizeRecord(value: unknown): Normalized {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { type: 'malformed' };
  const o = value as Record<string, unknown>;
  const kind = o.kind;
  if (kind !== 'call' && kind !== 'tool' && kind !== 'step' && kind !== 'run') return { type: 'unknown_kind' };
  const v = isNum(o.v) ? o.v : 0;
  o.v = v;
  for (const [name, field] of FIELDS[kind]) fix(o, name, field);
  // Older call/tool records may lack a status: infer it from the error field they do carry.
  if (kind === 'call' && o.status === 'unknown') o.status = o.error_kind ? 'error' : 'ok';
  if (kind === 'tool' && o.status === 'unknown') o.status = o.error_type ? 'error' : 'ok';
  const version = v === TELEMETRY_VERSION ? 'current' : v < TELEMETRY_VERSION ? 'older' : 'newer';
  return { type: 'record', record: o as unknown as TelemetryRecord, version };
}
