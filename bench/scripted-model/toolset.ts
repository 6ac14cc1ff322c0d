import type { ToolSchema } from '../../src/core/index.js';

/**
 * The tools an agent offered, sorted into the roles the scripted model needs, with the
 * parameter names each one uses. Works by tool name first, parameter names second, so pith's
 * tools, a baseline's (`read_file`, `edit_file`, `grep`), pi's and opencode's all map.
 */
export interface ToolSet {
  /** false: the request offered no tools; calls are written as JSON text with pith's names. */
  offered: boolean;
  read?: { name: string; path: string; lines?: string; symbol?: string; offset?: string; limit?: string };
  edit?: { name: string; path: string; edits?: string; old?: string; new?: string };
  write?: { name: string; path: string; content: string };
  /** `literal`: a flag that makes the pattern literal; `regexFlag`: a flag that makes it a regex (literal by default). */
  search?: { name: string; pattern: string; literal?: string; regexFlag?: string };
  symbols?: { name: string; query: string };
  /** `done`: a boolean flag that ends the task when the command succeeds (pith's `done`). */
  bash?: { name: string; command: string; array: boolean; done?: string };
  recall?: { name: string; id: string };
  /** Required string parameters we never fill, per tool (e.g. opencode's bash `description`). */
  extraRequired: Map<string, string[]>;
}

export type Role = 'read' | 'edit' | 'write' | 'search' | 'symbols' | 'bash' | 'recall';

const PATH = ['path', 'file_path', 'filePath', 'file', 'filename'];
const OLD = ['old', 'old_string', 'oldText', 'oldString', 'old_str'];
const NEW = ['new', 'new_string', 'newText', 'newString', 'new_str'];

function props(t: ToolSchema): Record<string, { type?: unknown }> {
  const p = (t.parameters as { properties?: Record<string, { type?: unknown }> }).properties;
  return p && typeof p === 'object' ? p : {};
}

function pick(keys: string[], candidates: string[]): string | undefined {
  return candidates.find((c) => keys.includes(c));
}

export function readToolSet(tools: readonly ToolSchema[]): ToolSet {
  if (tools.length === 0) return defaultToolSet();
  const set: ToolSet = { offered: true, extraRequired: new Map() };
  for (const t of tools) {
    const p = props(t);
    const keys = Object.keys(p);
    const name = t.name;
    const lower = name.toLowerCase();
    const path = pick(keys, PATH);
    const used: (string | undefined)[] = [];
    if (!set.edit && path && (keys.includes('edits') || (pick(keys, OLD) && pick(keys, NEW)))) {
      set.edit = { name, path, edits: keys.includes('edits') ? 'edits' : undefined, old: pick(keys, OLD), new: pick(keys, NEW) };
      used.push(path, set.edit.edits, set.edit.old, set.edit.new);
    } else if (!set.write && path && pick(keys, ['content', 'contents']) && /write|create/.test(lower)) {
      set.write = { name, path, content: pick(keys, ['content', 'contents'])! };
      used.push(path, set.write.content);
    } else if (!set.read && path && /^(read|read_file|view|cat|open_file|readfile)$/.test(lower)) {
      set.read = { name, path, lines: pick(keys, ['lines', 'range']), symbol: pick(keys, ['symbol']), offset: pick(keys, ['offset', 'start_line']), limit: pick(keys, ['limit']) };
      used.push(path, set.read.lines, set.read.symbol, set.read.offset, set.read.limit);
    } else if (!set.symbols && /symbol/.test(lower) && pick(keys, ['query', 'name'])) {
      set.symbols = { name, query: pick(keys, ['query', 'name'])! };
      used.push(set.symbols.query);
    } else if (!set.search && /^(search|grep|rg|ripgrep|find_in_files|search_files)$/.test(lower) && pick(keys, ['pattern', 'query', 'regex'])) {
      const pattern = pick(keys, ['pattern', 'query', 'regex'])!;
      const regexFlag = pattern !== 'regex' && p.regex?.type === 'boolean' ? 'regex' : undefined;
      set.search = { name, pattern, literal: pick(keys, ['literal', 'fixed_strings', 'fixed']), regexFlag };
      used.push(set.search.pattern);
    } else if (!set.bash && /^(bash|shell|sh|run|exec|run_command|terminal|execute)$/.test(lower) && pick(keys, ['command', 'cmd'])) {
      const key = pick(keys, ['command', 'cmd'])!;
      const done = ['done', 'final', 'finish'].find((k) => p[k]?.type === 'boolean');
      set.bash = { name, command: key, array: p[key]?.type === 'array', ...(done ? { done } : {}) };
      used.push(key);
    } else if (!set.recall && lower === 'recall' && keys.includes('id')) {
      set.recall = { name, id: 'id' };
      used.push('id');
    } else continue;
    const required = (t.parameters as { required?: unknown }).required;
    const extra = (Array.isArray(required) ? required : []).filter((k) => typeof k === 'string' && !used.includes(k) && p[k]?.type === 'string');
    if (extra.length) set.extraRequired.set(name, extra as string[]);
  }
  return set;
}

/** pith's own names and shapes, used when no tools are offered (calls go in the reply text). */
export function defaultToolSet(): ToolSet {
  return {
    offered: false,
    read: { name: 'read', path: 'path', lines: 'lines', symbol: 'symbol' },
    edit: { name: 'edit', path: 'path', edits: 'edits', old: 'old', new: 'new' },
    write: { name: 'write', path: 'path', content: 'content' },
    search: { name: 'search', pattern: 'pattern' },
    symbols: { name: 'symbols', query: 'query' },
    bash: { name: 'bash', command: 'command', array: false, done: 'done' },
    recall: { name: 'recall', id: 'id' },
    extraRequired: new Map(),
  };
}

/** Which role a past call played, by its tool name. */
export function roleOf(set: ToolSet, name: string): Role | null {
  for (const role of ['read', 'edit', 'write', 'search', 'symbols', 'bash', 'recall'] as const) {
    if (set[role]?.name === name) return role;
  }
  return null;
}

/** The file a past call was about (any of the usual path parameter names). */
export function pathArg(args: Record<string, unknown> | null): string | null {
  if (!args) return null;
  for (const k of PATH) if (typeof args[k] === 'string') return normalizePath(args[k] as string);
  return null;
}

export function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}
