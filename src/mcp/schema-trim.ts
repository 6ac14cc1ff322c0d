import type { JsonSchema } from '../core/index.js';

/**
 * MCP schemas are a notorious token sink: long prose descriptions, at every nesting level,
 * paid on every model call. Trimming keeps structure (types, enums, required, defaults) intact
 * and only shortens prose and drops pure annotations (`$schema`, `$comment`, `title`).
 */

/** Cut `text` to at most `max` characters, at a word boundary when one is near, marking the cut with '…'. */
export function cutText(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  if (max <= 1) return '…';
  const hard = t.slice(0, max - 1);
  const space = hard.lastIndexOf(' ');
  const cut = space >= max * 0.6 ? hard.slice(0, space) : hard;
  return cut.replace(/[\s.,;:]+$/, '') + '…';
}

const DROP_KEYS = new Set(['$schema', '$comment', 'title']);

/**
 * A trimmed deep copy of a JSON Schema. Every `description` is cut to `maxDescription` chars.
 * A property literally named "title" or "description" (under `properties`) is kept: only
 * schema keywords are touched.
 */
export function trimSchema(schema: JsonSchema, maxDescription: number): JsonSchema {
  return trimNode(schema, maxDescription, false) as JsonSchema;
}

function trimNode(node: unknown, max: number, isPropertyMap: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => trimNode(n, max, false));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (isPropertyMap) {
      out[key] = trimNode(value, max, false);
      continue;
    }
    if (DROP_KEYS.has(key) && typeof value === 'string') continue;
    if (key === 'description' && typeof value === 'string') {
      out[key] = cutText(value, max);
      continue;
    }
    out[key] = trimNode(value, max, key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions');
  }
  return out;
}
