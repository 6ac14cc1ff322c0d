import { createHash } from 'node:crypto';
import { escapeRegExp } from '../core/index.js';

/** Tool names most providers accept: OpenAI's function-name rule. */
export const TOOL_NAME_RE = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX = 64;
const SEP = '__';

/** Replace every character outside [a-zA-Z0-9_-] with '_' ("files.read all" -> "files_read_all"). */
export function sanitizeName(name: string): string {
  const s = name.replace(/[^a-zA-Z0-9_-]/g, '_');
  return s.length > 0 ? s : '_';
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * Names for one server's tools: `<server>__<tool>`, valid per TOOL_NAME_RE and unique.
 * A name that had to change (invalid characters, too long, or colliding with another
 * after mapping) gets a stable hash suffix of the original when needed for uniqueness or length.
 * Returns a map from the exposed name to the server's own name.
 */
export function mapToolNames(server: string, tools: readonly string[]): Map<string, string> {
  const prefix = sanitizeName(server).slice(0, 24) + SEP;
  const out = new Map<string, string>();
  for (const tool of tools) {
    let name = prefix + sanitizeName(tool);
    if (name.length > MAX || out.has(name)) {
      const suffix = '_' + shortHash(`${server}\0${tool}`);
      name = name.slice(0, MAX - suffix.length) + suffix;
    }
    out.set(name, tool);
  }
  return out;
}

/** Glob with `*` only, anchored, case-sensitive. */
export function matchesPattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  const re = new RegExp('^' + pattern.split('*').map(escapeRegExp).join('.*') + '$');
  return re.test(name);
}


/** include (when given) keeps only matches; exclude then removes matches. */
export function isToolAllowed(tool: string, include?: readonly string[], exclude?: readonly string[]): boolean {
  if (include && include.length > 0 && !include.some((p) => matchesPattern(tool, p))) return false;
  if (exclude && exclude.some((p) => matchesPattern(tool, p))) return false;
  return true;
}
