import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MAX_GREP_MATCHES, MAX_OUTPUT_CHARS, MAX_READ_LINES } from './tools-schema.js';

/**
 * Executing the baseline's tools on the repository copy. Every tool returns the text the model
 * sees; failures start with "Error:" and are classed so the loop can count stale and malformed
 * edits. Tools never throw.
 */
export type ToolOutcome = { text: string; failure?: 'stale' | 'malformed' | 'other' };

const SKIP_DIRS = new Set(['.git', 'node_modules', 'build', 'target', '.pith', '__pycache__']);

function inside(root: string, p: string): string | null {
  const abs = resolve(root, p);
  return abs === root || abs.startsWith(root + sep) ? abs : null;
}

function walk(root: string, dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(root, p, out);
    } else out.push(relative(root, p));
  }
  return out;
}

/** Glob to RegExp: `**` any depth, `*` within a segment, `?` one char, `{a,b}` alternatives. */
function globRe(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',' && glob.lastIndexOf('{', i) > glob.lastIndexOf('}', i)) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const str = (v: unknown): v is string => typeof v === 'string';
const malformed = (text: string): ToolOutcome => ({ text: `Error: ${text}`, failure: 'malformed' });

function readTool(root: string, a: Record<string, unknown>): ToolOutcome {
  if (!str(a.path)) return malformed('read_file needs a string "path"');
  const abs = inside(root, a.path);
  if (!abs || !existsSync(abs)) return { text: `Error: file not found: ${a.path}`, failure: 'other' };
  if (statSync(abs).isDirectory()) return { text: `Error: ${a.path} is a directory; use list_dir or glob`, failure: 'other' };
  const lines = readFileSync(abs, 'utf8').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 1 && lines[0] === '') return { text: `(${a.path} is empty)` };
  const shown = lines.slice(0, MAX_READ_LINES).map((l, i) => `${String(i + 1).padStart(6)}\t${l}`);
  const more = lines.length > MAX_READ_LINES ? `\n... (${lines.length - MAX_READ_LINES} more lines not shown; this tool shows the first ${MAX_READ_LINES})` : '';
  return { text: shown.join('\n') + more };
}

function editTool(root: string, a: Record<string, unknown>): ToolOutcome {
  if (!str(a.path) || !str(a.old_string) || !str(a.new_string)) return malformed('edit_file needs string "path", "old_string" and "new_string"');
  if (a.old_string === a.new_string) return malformed('new_string must differ from old_string');
  const abs = inside(root, a.path);
  if (!abs || !existsSync(abs)) return { text: `Error: file not found: ${a.path}`, failure: 'other' };
  const text = readFileSync(abs, 'utf8');
  const count = a.old_string === '' ? 0 : text.split(a.old_string).length - 1;
  if (count === 0) return { text: `Error: old_string not found in ${a.path}. Read the file again and copy the text exactly.`, failure: 'stale' };
  if (count > 1 && a.replace_all !== true) return { text: `Error: old_string occurs ${count} times in ${a.path}; add context to make it unique or set replace_all.`, failure: 'malformed' };
  const next = a.replace_all === true ? text.split(a.old_string).join(a.new_string) : text.replace(a.old_string, () => a.new_string as string);
  writeFileSync(abs, next);
  return { text: `The file ${a.path} has been updated (${a.replace_all === true ? count : 1} replacement${count > 1 && a.replace_all === true ? 's' : ''}).` };
}

function writeTool(root: string, a: Record<string, unknown>): ToolOutcome {
  if (!str(a.path) || !str(a.content)) return malformed('write_file needs string "path" and "content"');
  const abs = inside(root, a.path);
  if (!abs) return { text: `Error: ${a.path} is outside the working directory`, failure: 'other' };
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, a.content);
  return { text: `Wrote ${a.content.split('\n').length} lines to ${a.path}.` };
}

function grepTool(root: string, a: Record<string, unknown>): ToolOutcome {
  if (!str(a.pattern)) return malformed('grep needs a string "pattern"');
  let re: RegExp;
  try {
    re = new RegExp(a.pattern);
  } catch (e) {
    return malformed(`invalid regular expression: ${(e as Error).message}`);
  }
  const base = inside(root, str(a.path) ? a.path : '.');
  if (!base || !existsSync(base)) return { text: `Error: path not found: ${String(a.path)}`, failure: 'other' };
  const files = statSync(base).isDirectory() ? walk(root, base) : [relative(root, base)];
  const include = str(a.include) ? globRe(a.include.includes('/') ? a.include : `**/${a.include}`) : null;
  const hits: string[] = [];
  let total = 0;
  for (const f of files) {
    if (include && !include.test(f)) continue;
    const text = readFileSync(join(root, f), 'utf8');
    if (text.includes('\0')) continue;
    text.split('\n').forEach((line, i) => {
      if (!re.test(line)) return;
      total++;
      if (hits.length < MAX_GREP_MATCHES) hits.push(`${f}:${i + 1}:${line}`);
    });
  }
  if (total === 0) return { text: 'No matches found.' };
  return { text: hits.join('\n') + (total > hits.length ? `\n... (${total - hits.length} more matches not shown)` : '') };
}

function globTool(root: string, a: Record<string, unknown>): ToolOutcome {
  if (!str(a.pattern)) return malformed('glob needs a string "pattern"');
  const re = globRe(a.pattern);
  const found = walk(root).filter((f) => re.test(f));
  return { text: found.length ? found.slice(0, 200).join('\n') : 'No files found.' };
}

function listTool(root: string, a: Record<string, unknown>): ToolOutcome {
  const abs = inside(root, str(a.dir) ? a.dir : '.');
  if (!abs || !existsSync(abs) || !statSync(abs).isDirectory()) return { text: `Error: not a directory: ${String(a.dir)}`, failure: 'other' };
  return { text: readdirSync(abs).sort().map((n) => (statSync(join(abs, n)).isDirectory() ? `${n}/` : n)).join('\n') };
}

function bashTool(root: string, a: Record<string, unknown>, env: NodeJS.ProcessEnv): ToolOutcome {
  if (!str(a.command) || !a.command.trim()) return malformed('bash needs a non-empty string "command"');
  const r = spawnSync('/bin/bash', ['-c', a.command], { cwd: root, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  let out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (out.length > MAX_OUTPUT_CHARS) out = `... (output cut to its last ${MAX_OUTPUT_CHARS} characters)\n${out.slice(-MAX_OUTPUT_CHARS)}`;
  const end = r.error ? `[error: ${r.error.message}]` : `[exit code ${r.status ?? 'killed'}]`;
  return { text: `${out}${out && !out.endsWith('\n') ? '\n' : ''}${end}` };
}

/** Run one tool call. `raw` is the arguments text exactly as the model sent it. */
export function executeTool(root: string, name: string, raw: string, env: NodeJS.ProcessEnv): ToolOutcome {
  let args: unknown;
  try {
    args = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return malformed(`the arguments of ${name} are not valid JSON: ${raw.slice(0, 200)}`);
  }
  if (!args || typeof args !== 'object' || Array.isArray(args)) return malformed(`the arguments of ${name} must be a JSON object`);
  const a = args as Record<string, unknown>;
  if (str(a.path) && isAbsolute(a.path)) a.path = relative(root, a.path) || '.';
  try {
    switch (name) {
      case 'read_file': return readTool(root, a);
      case 'edit_file': return editTool(root, a);
      case 'write_file': return writeTool(root, a);
      case 'grep': return grepTool(root, a);
      case 'glob': return globTool(root, a);
      case 'list_dir': return listTool(root, a);
      case 'bash': return bashTool(root, a, env);
      default: return { text: `Error: unknown tool ${name}. Available: read_file, edit_file, write_file, grep, glob, list_dir, bash.`, failure: 'malformed' };
    }
  } catch (e) {
    return { text: `Error: ${name} failed: ${(e as Error).message}`, failure: 'other' };
  }
}
