/**
 * A small JSON Schema checker for tool arguments: the subset our schemas use (object,
 * properties, required, string, integer, number, boolean, array + items, enum). Lenient where
 * models commonly slip and the intent is clear: null for an optional field = absent, "30" for a
 * number, 12 for a string, an array sent as JSON text. Strict on unknown fields (usually a
 * misnamed one). Failures name the field, what was expected and what came.
 */
import type { JsonSchema } from '../core/index.js';

export type Checked = { ok: true; value: unknown } | { ok: false; field: string; expected: string; got: string };

interface S {
  type?: string;
  properties?: Record<string, S>;
  required?: string[];
  items?: S;
  enum?: unknown[];
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 30 ? `a string "${v.slice(0, 27)}..."` : `"${v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function expectedOf(s: S, field: string, hints: Record<string, string>): string {
  const hint = hints[field.replace(/\[\d+\]/g, '[]')];
  if (hint) return hint;
  if (s.enum) return `one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  if (s.type === 'integer') return 'a whole number';
  return s.type === 'array' || s.type === 'object' ? `an ${s.type}` : `a ${s.type ?? 'value'}`;
}

function check(s: S, v: unknown, field: string, hints: Record<string, string>): Checked {
  const fail = (expected = expectedOf(s, field, hints)): Checked => ({ ok: false, field, expected, got: describe(v) });
  switch (s.type) {
    case 'string':
      if (typeof v === 'number' || typeof v === 'boolean') v = String(v);
      if (typeof v !== 'string') return fail();
      break;
    case 'integer':
    case 'number': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n) || (s.type === 'integer' && !Number.isInteger(n))) return fail();
      v = n;
      break;
    }
    case 'boolean':
      if (v === 'true' || v === 'false') v = v === 'true';
      if (typeof v !== 'boolean') return fail();
      break;
    case 'array': {
      if (typeof v === 'string' && v.trim().startsWith('[')) {
        try {
          v = JSON.parse(v);
        } catch {
          return fail();
        }
      }
      if (!Array.isArray(v)) return fail();
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const r = s.items ? check(s.items, v[i], `${field}[${i}]`, hints) : { ok: true as const, value: v[i] };
        if (!r.ok) return r;
        out.push(r.value);
      }
      v = out;
      break;
    }
    case 'object': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail();
      const props = s.properties ?? {};
      const out: Record<string, unknown> = {};
      const prefix = field ? `${field}.` : '';
      for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
        if (!(k in props)) {
          return { ok: false, field: prefix + k, expected: `one of the fields ${Object.keys(props).join(', ')}`, got: 'an unknown field' };
        }
        if (val === null && !(s.required ?? []).includes(k)) continue;
        const r = check(props[k]!, val, prefix + k, hints);
        if (!r.ok) return r;
        out[k] = r.value;
      }
      for (const k of s.required ?? []) {
        if (!(k in out)) return { ok: false, field: prefix + k, expected: expectedOf(props[k] ?? {}, prefix + k, hints), got: 'nothing (it is required)' };
      }
      v = out;
      break;
    }
    default:
      break;
  }
  if (s.enum && !s.enum.includes(v)) return fail();
  return { ok: true, value: v };
}

/** `hints` maps a field path ("edits[].from") to how to spell it ("an anchor like \"12:ab\""). */
export function validateArgs(schema: JsonSchema, value: unknown, hints: Record<string, string> = {}): Checked {
  return check(schema as S, value ?? {}, '', hints);
}

/** The one-line message the model gets for a failed check. */
export function badArgsMessage(tool: string, c: Extract<Checked, { ok: false }>, example: string): string {
  const field = c.field || 'arguments';
  return `${tool}: ${field}: expected ${c.expected}, got ${c.got}. Example: ${example}`;
}
