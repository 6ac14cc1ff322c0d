import { nearest } from './nearest.js';
import { ANCHOR_MODES, APPROVAL_MODES, PROVIDER_KINDS, RULE_DECISIONS } from './types.js';

/**
 * The TOML schema as data. `validateTree` checks a parsed document against it: wrong types and
 * bad enum values become errors naming the dotted key and what was expected; unknown keys become
 * warnings naming the nearest valid key. Valid values pass through unchanged (snake_case).
 */
export type SchemaNode =
  | { t: 'string'; /** "" is a meaningful value (e.g. reasoning_field = "" for none). */ empty?: true }
  | { t: 'int'; min: number }
  | { t: 'number'; min: number }
  | { t: 'bool' }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'strings' }
  | { t: 'dict'; of: SchemaNode }
  | { t: 'table'; fields: Readonly<Record<string, SchemaNode>> }
  | { t: 'tables'; of: SchemaNode }
  | { t: 'either'; options: readonly SchemaNode[] };

const str: SchemaNode = { t: 'string' };
const strings: SchemaNode = { t: 'strings' };
const posInt: SchemaNode = { t: 'int', min: 1 };
const price: SchemaNode = { t: 'number', min: 0 };

const PROFILE: SchemaNode = {
  t: 'table',
  fields: {
    provider: { t: 'enum', values: PROVIDER_KINDS },
    endpoint: str,
    model: str,
    planner_model: str,
    context_tokens: posInt,
    api_key: str,
    api_key_env: str,
    stall_timeout_s: { t: 'number', min: 1 },
    max_retries: { t: 'int', min: 0 },
    retry_backoff_s: { t: 'number', min: 0 },
    pricing: { t: 'table', fields: { input: price, output: price, cached_input: price } },
    budget: {
      t: 'table',
      fields: { step_tokens: posInt, plan_tokens: posInt, max_usd: { t: 'number', min: 0 }, step_tool_calls: posInt },
    },
    compat: {
      t: 'table',
      fields: {
        tools: { t: 'bool' },
        usage_in_stream: { t: 'bool' },
        reasoning_field: { t: 'string', empty: true },
        max_tokens_field: { t: 'enum', values: ['max_tokens', 'max_completion_tokens'] },
      },
    },
    mcp_servers: {
      t: 'tables',
      of: {
        t: 'table',
        fields: {
          name: str,
          command: strings,
          env: { t: 'dict', of: str },
          url: str,
          include_tools: strings,
          exclude_tools: strings,
          timeout_s: { t: 'number', min: 1 },
        },
      },
    },
  },
};

export const CONFIG_SCHEMA: SchemaNode = {
  t: 'table',
  fields: {
    default_profile: str,
    profiles: { t: 'dict', of: PROFILE },
    approval: {
      t: 'table',
      fields: { mode: { t: 'enum', values: APPROVAL_MODES }, rules: { t: 'dict', of: { t: 'enum', values: RULE_DECISIONS } } },
    },
    tools: { t: 'table', fields: { anchors: { t: 'enum', values: ANCHOR_MODES } } },
    hooks: {
      t: 'table',
      fields: { on_edit: { t: 'either', options: [strings, { t: 'enum', values: ['auto', 'off'] }] }, timeout_s: { t: 'number', min: 1 } },
    },
    telemetry: { t: 'table', fields: { global_copy: { t: 'bool' } } },
  },
};

export interface Issue {
  path: string[];
  message: string;
}

export interface TreeResult {
  errors: Issue[];
  /** Unknown keys, each with the nearest valid key at that level. */
  unknown: Issue[];
}

export function validateTree(node: SchemaNode, value: unknown, path: string[] = []): TreeResult {
  const out: TreeResult = { errors: [], unknown: [] };
  walk(node, value, path, out);
  return out;
}

function walk(node: SchemaNode, v: unknown, path: string[], out: TreeResult): void {
  // Values under key-ish names are never echoed back: error output gets pasted into issues.
  const secret = path.some((p) => p === 'api_key' || p === 'env' || /secret|password/i.test(p));
  const bad = (): void => void out.errors.push({ path, message: `expected ${expected(node)}, got ${secret && typeof v === 'string' ? 'a string' : describe(v)}` });
  switch (node.t) {
    case 'string':
      if (typeof v !== 'string') bad();
      else if (v.trim() === '' && !node.empty) out.errors.push({ path, message: 'expected a non-empty string' });
      return;
    case 'int':
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v) || (node.t === 'int' && !Number.isInteger(v))) bad();
      else if (v < node.min) out.errors.push({ path, message: `expected ${expected(node)}, got ${v}` });
      return;
    case 'bool':
      if (typeof v !== 'boolean') bad();
      return;
    case 'enum':
      if (typeof v !== 'string' || !node.values.includes(v)) bad();
      return;
    case 'strings':
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) bad();
      return;
    case 'dict':
      if (!isTable(v)) return bad();
      for (const [k, x] of Object.entries(v)) walk(node.of, x, [...path, k], out);
      return;
    case 'table': {
      if (!isTable(v)) return bad();
      const known = Object.keys(node.fields);
      for (const [k, x] of Object.entries(v)) {
        const child = node.fields[k];
        if (child) walk(child, x, [...path, k], out);
        else out.unknown.push({ path: [...path, k], message: `did you mean '${nearest(k, known)}'?` });
      }
      return;
    }
    case 'tables':
      if (!Array.isArray(v)) return bad();
      v.forEach((x, i) => walk(node.of, x, [...path, String(i)], out));
      return;
    case 'either': {
      for (const opt of node.options) {
        const trial: TreeResult = { errors: [], unknown: [] };
        walk(opt, v, path, trial);
        if (trial.errors.length === 0) {
          out.unknown.push(...trial.unknown);
          return;
        }
      }
      bad();
      return;
    }
  }
}

export function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !isTomlDate(v);
}

function isTomlDate(v: object): boolean {
  return v.constructor?.name === 'TomlDate';
}

function expected(node: SchemaNode): string {
  switch (node.t) {
    case 'string':
      return 'a string';
    case 'int':
      return node.min > 0 ? `an integer >= ${node.min}` : 'a non-negative integer';
    case 'number':
      return `a number >= ${node.min}`;
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${node.values.map((x) => `"${x}"`).join(', ')}`;
    case 'strings':
      return 'an array of strings';
    case 'dict':
    case 'table':
      return 'a table';
    case 'tables':
      return 'an array of tables ([[...]])';
    case 'either':
      return node.options.map(expected).join(' or ');
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '...' : v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return isTable(v) ? 'a table' : 'a date';
  return typeof v;
}
