import { readFile, stat } from 'node:fs/promises';
import { parse, TomlError } from 'smol-toml';
import { PithError } from '../core/index.js';
import { locateKey } from './locate.js';
import { CONFIG_SCHEMA, isTable, validateTree, type Issue } from './schema.js';
import type { ConfigWarning } from './types.js';

/** One config file as written: snake_case keys, everything optional, types already checked. */
export interface RawProfile {
  provider?: 'openai' | 'ollama';
  endpoint?: string;
  model?: string;
  planner_model?: string;
  context_tokens?: number;
  api_key?: string;
  api_key_env?: string;
  stall_timeout_s?: number;
  max_retries?: number;
  retry_backoff_s?: number;
  pricing?: { input?: number; output?: number; cached_input?: number };
  budget?: { step_tokens?: number; plan_tokens?: number; max_usd?: number; step_tool_calls?: number };
  compat?: { tools?: boolean; usage_in_stream?: boolean; reasoning_field?: string; max_tokens_field?: 'max_tokens' | 'max_completion_tokens' };
  mcp_servers?: RawMcpServer[];
}

export interface RawMcpServer {
  name?: string;
  command?: string[];
  env?: Record<string, string>;
  url?: string;
  include_tools?: string[];
  exclude_tools?: string[];
  timeout_s?: number;
}

export interface RawLayer {
  default_profile?: string;
  profiles?: Record<string, RawProfile>;
  approval?: { mode?: string; rules?: Record<string, string> };
  tools?: { anchors?: string };
  hooks?: { on_edit?: string[] | 'auto' | 'off'; timeout_s?: number };
  telemetry?: { global_copy?: boolean };
}

export type LayerKind = 'user' | 'project';

export interface ParsedLayer {
  file: string;
  layer: RawLayer;
  warnings: ConfigWarning[];
}

/**
 * Read and check one config file. Returns null when it does not exist. Throws
 * PithError('config') on malformed TOML (file:line:column), wrong types, bad enum values, and
 * (project files) any `api_key`. Never writes.
 */
export async function readLayer(file: string, kind: LayerKind): Promise<ParsedLayer | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PithError('config', `cannot read ${file}: ${(e as Error).message}`);
  }
  const layer = parseLayer(text, file, kind);
  const warnings: ConfigWarning[] = [];
  if (kind === 'user' && hasLiteralKey(layer) && process.platform !== 'win32') {
    const mode = (await stat(file)).mode;
    if (mode & 0o044) {
      warnings.push({
        file,
        message: `${file} contains an api_key and is readable by other users (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file}`,
      });
    }
  }
  return { file, layer, warnings: [...unknownWarnings(text, file, layer), ...warnings] };
}

/** Parse and check TOML text (the pure half of readLayer; `file` only names the source in messages). */
export function parseLayer(text: string, file: string, kind: LayerKind): RawLayer {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
      throw new PithError('config', `${file}:${e.line}:${e.column}: invalid TOML: ${first}\n${redactSnippet(e.codeblock, text)}`, `fix the syntax at line ${e.line}, column ${e.column}`);
    }
    throw e;
  }
  const { errors } = validateTree(CONFIG_SCHEMA, doc);
  const layer = doc as RawLayer;
  for (const [name, p] of Object.entries(isTable(layer.profiles) ? layer.profiles : {})) {
    if (!isTable(p)) continue;
    if (kind === 'project' && p.api_key !== undefined) {
      errors.push({ path: ['profiles', name, 'api_key'], message: 'API keys are not allowed in a project config (it may be committed); use api_key_env or PITH_API_KEY' });
    } else if (p.api_key !== undefined && p.api_key_env !== undefined) {
      errors.push({ path: ['profiles', name, 'api_key_env'], message: 'set api_key or api_key_env, not both' });
    }
  }
  if (errors.length > 0) {
    throw new PithError('config', `invalid config ${file}:\n${errors.map((i) => '  ' + formatIssue(text, i)).join('\n')}`, 'see CONFIG.md for every key and its type');
  }
  return layer;
}

function unknownWarnings(text: string, file: string, layer: RawLayer): ConfigWarning[] {
  return validateTree(CONFIG_SCHEMA, layer).unknown.map((i) => ({
    file,
    key: i.path.join('.'),
    message: `unknown key '${i.path.join('.')}' in ${file}${lineSuffix(text, i.path)}: ${i.message}`,
  }));
}

export function formatIssue(text: string, i: Issue): string {
  return `${i.path.join('.')}${lineSuffix(text, i.path)}: ${i.message}`;
}

function lineSuffix(text: string, path: readonly string[]): string {
  const line = locateKey(text, path);
  return line === null ? '' : ` (line ${line})`;
}

const SECRET_ASSIGNMENT = /(api_key|token|secret|password|env)["']?\s*=/i;

/**
 * Secret-looking assignments in an error snippet lose their value: error output may be shared.
 * With the file's `text`, the lines of a multi-line string value (`"""` or `'''`) assigned to
 * such a key are blanked too, since the snippet shows them without their key.
 */
export function redactSnippet(snippet: string, text = ''): string {
  const hidden = secretLines(text);
  return snippet
    .split('\n')
    .map((l) => {
      const n = /^(\d+):/.exec(l);
      if (n && hidden.has(Number(n[1]))) return `${n[1]}:  <redacted>`;
      return SECRET_ASSIGNMENT.test(l) ? l.replace(/=.*$/, '= <redacted>') : l;
    })
    .join('\n');
}

/** 1-based numbers of the lines that continue a multi-line string assigned to a secret-looking key. */
function secretLines(text: string): Set<number> {
  const out = new Set<number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = SECRET_ASSIGNMENT.exec(lines[i]!);
    if (!m) continue;
    const value = lines[i]!.slice(m.index + m[0].length);
    const delim = value.includes('"""') ? '"""' : value.includes("'''") ? "'''" : null;
    if (!delim || value.split(delim).length > 2) continue; // not multi-line, or closed on its own line
    for (let j = i + 1; j < lines.length; j++) {
      out.add(j + 1);
      if (lines[j]!.includes(delim)) break;
    }
  }
  return out;
}

function hasLiteralKey(layer: RawLayer): boolean {
  return Object.values(layer.profiles ?? {}).some((p) => p.api_key !== undefined);
}
