import { execFile } from 'node:child_process';
import { isPithError } from '../../core/index.js';
import { loadConfig, resolveApiKey, type LoadedConfig } from '../../config/index.js';
import { parseJsonFlag, type CliIO } from '../io.js';
import { homeOf, needsSetup, resolveProjectRoot } from '../runtime.js';
import { profileRows, type ProfileRow } from './profiles.js';

const USAGE = `usage: pith doctor [--json]

Checks that pith can run: the config is found and valid; for each profile the endpoint
answers, the model is there (openai: GET /models; ollama: /api/tags, and /api/show for the
model's context size against context_tokens) and a key is present for paid (non-local)
endpoints; git is installed. Each check is ok, warn or fail, with a fix.
Exits 1 when any check fails. Never prints a key.

options:
  --json    one JSON object: { ok, checks: [{ name, status, detail, fix? }] }
  --help    this text`;

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

/** Per network check; doctor should answer in seconds even when a host black-holes packets. */
const NET_TIMEOUT_MS = 4000;

export async function doctorCommand(argv: string[], io: CliIO): Promise<number> {
  const json = await parseJsonFlag('doctor', USAGE, argv, io);
  if (typeof json === 'number') return json;
  const checks = await runChecks(io);
  if (io.signal.aborted) return 130;
  const failed = checks.filter((c) => c.status === 'fail').length;
  if (json) {
    io.stdout.write(JSON.stringify({ ok: failed === 0, checks }) + '\n');
  } else {
    const width = Math.max(...checks.map((c) => c.name.length));
    for (const c of checks) {
      io.stdout.write(`${c.status.padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail}\n`);
      if (c.fix && c.status !== 'ok') io.stdout.write(`${' '.repeat(width + 8)}fix: ${c.fix}\n`);
    }
    const warned = checks.filter((c) => c.status === 'warn').length;
    io.stdout.write(`\n${failed} failed, ${warned} warning${warned === 1 ? '' : 's'}, ${checks.length - failed - warned} ok\n`);
  }
  return failed > 0 ? 1 : 0;
}

/** Every check, in a stable order: config, then each profile's checks, then tools. */
export async function runChecks(io: CliIO): Promise<Check[]> {
  const checks: Check[] = [];
  const projectRoot = resolveProjectRoot(io.cwd);
  let loaded: LoadedConfig | null = null;
  try {
    loaded = await loadConfig({ home: homeOf(io.env), env: io.env, projectRoot });
  } catch (e) {
    if (!isPithError(e)) throw e;
    checks.push({ name: 'config', status: 'fail', detail: e.message.split('\n').slice(0, 6).join(' | '), fix: e.hint ?? 'fix the file (see CONFIG.md)' });
  }
  if (loaded) {
    if (needsSetup(loaded, {}, io.env)) {
      checks.push({ name: 'config', status: 'fail', detail: `no config at ${loaded.userPath}`, fix: 'run pith in a terminal to create one, or set PITH_ENDPOINT and PITH_MODEL' });
    } else {
      const where = loaded.config.sources.length ? loaded.config.sources.join(' + ') : 'none; using PITH_ENDPOINT and PITH_MODEL';
      checks.push({ name: 'config', status: 'ok', detail: `valid (${where})` });
    }
    for (const w of loaded.warnings) checks.push({ name: 'config', status: 'warn', detail: w.message, fix: 'see CONFIG.md' });
    let rows: ProfileRow[] = [];
    try {
      rows = profileRows(loaded, io.env, projectRoot);
    } catch (e) {
      if (!isPithError(e)) throw e;
      checks.push({ name: 'profile', status: 'fail', detail: e.message, fix: e.hint });
    }
    const perProfile = await Promise.all(rows.map((r) => checkProfile(r, loaded!, io)));
    checks.push(...perProfile.flat());
  }
  checks.push(await checkGit());
  return checks;
}

async function checkProfile(row: ProfileRow, loaded: LoadedConfig, io: CliIO): Promise<Check[]> {
  const n = (what: string): string => `${row.name}: ${what}`;
  const out: Check[] = [];
  if (row.keyMissing) {
    out.push({ name: n('key'), status: 'fail', detail: `no key for ${safeUrl(row.endpoint)} (${row.keyStatus})`, fix: keyFix(row) });
  } else {
    out.push({ name: n('key'), status: 'ok', detail: row.keyStatus });
  }
  const signal = AbortSignal.any([io.signal, AbortSignal.timeout(NET_TIMEOUT_MS)]);
  if (row.provider === 'ollama') return out.concat(await checkOllama(row, signal, n));
  const p = loaded.config.profiles[row.name];
  const key = resolveApiKey({ endpoint: row.endpoint, apiKey: p?.apiKey, apiKeyEnv: p?.apiKeyEnv, profileEndpoint: p?.endpoint }, io.env).value;
  return out.concat(await checkOpenAI(row, key, signal, n));
}

async function checkOpenAI(row: ProfileRow, key: string | undefined, signal: AbortSignal, n: (w: string) => string): Promise<Check[]> {
  const url = `${row.endpoint}/models`;
  let res: Response;
  try {
    res = await fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {}, signal });
  } catch (e) {
    return [{ name: n('endpoint'), status: 'fail', detail: `${safeUrl(url)} unreachable: ${cause(e, signal)}`, fix: 'is the server running? check the endpoint in the profile' }];
  }
  const body = await res.text().catch(() => '');
  if (res.status === 401 || res.status === 403) {
    return [{ name: n('endpoint'), status: 'fail', detail: `${safeUrl(row.endpoint)} refused the key (HTTP ${res.status})`, fix: keyFix(row) }];
  }
  const reach: Check = { name: n('endpoint'), status: 'ok', detail: `${safeUrl(row.endpoint)} answered (HTTP ${res.status})` };
  if (!res.ok) return [reach, { name: n('model'), status: 'warn', detail: `GET /models answered HTTP ${res.status}; ${row.model} not verified` }];
  let ids: string[] = [];
  try {
    const data = (JSON.parse(body) as { data?: Array<{ id?: unknown }> }).data ?? [];
    ids = data.map((m) => String(m.id ?? ''));
  } catch {
    return [reach, { name: n('model'), status: 'warn', detail: `GET /models did not answer JSON; ${row.model} not verified` }];
  }
  if (ids.includes(row.model)) return [reach, { name: n('model'), status: 'ok', detail: `${row.model} is listed` }];
  return [reach, { name: n('model'), status: 'fail', detail: `${row.model} is not among the ${ids.length} models the endpoint lists`, fix: `set model to one of: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}` }];
}

async function checkOllama(row: ProfileRow, signal: AbortSignal, n: (w: string) => string): Promise<Check[]> {
  const { listOllamaModels, showOllamaModel } = await import('../../provider/index.js');
  let names: string[];
  try {
    names = (await listOllamaModels(row.endpoint, signal)).map((m) => m.name);
  } catch (e) {
    return [{ name: n('endpoint'), status: 'fail', detail: `${safeUrl(row.endpoint)} unreachable: ${cause(e, signal)}`, fix: 'start it with `ollama serve`, or fix the endpoint in the profile' }];
  }
  const out: Check[] = [{ name: n('endpoint'), status: 'ok', detail: `${safeUrl(row.endpoint)} answered` }];
  const tagged = row.model.includes(':') ? row.model : `${row.model}:latest`;
  const name = names.find((m) => m === row.model || m === tagged);
  if (!name) {
    out.push({ name: n('model'), status: 'fail', detail: `${row.model} is not installed`, fix: `ollama pull ${row.model}` });
    return out;
  }
  out.push({ name: n('model'), status: 'ok', detail: `${name} is installed` });
  try {
    const info = await showOllamaModel(row.endpoint, name, signal);
    const max = info?.contextLength ?? null;
    if (max === null) out.push({ name: n('context'), status: 'warn', detail: `the model does not report its context length; context_tokens ${row.contextTokens} not verified` });
    else if (row.contextTokens > max) out.push({ name: n('context'), status: 'warn', detail: `context_tokens ${row.contextTokens} exceeds the model's ${max}`, fix: `set context_tokens = ${max} (or less) in profile ${row.name}` });
    else out.push({ name: n('context'), status: 'ok', detail: `num_ctx ${row.contextTokens} of the model's ${max}` });
  } catch (e) {
    out.push({ name: n('context'), status: 'warn', detail: `/api/show failed: ${cause(e, signal)}` });
  }
  return out;
}

function checkGit(): Promise<Check> {
  return new Promise((resolve) => {
    execFile('git', ['--version'], { timeout: NET_TIMEOUT_MS }, (err, stdout) => {
      if (err) resolve({ name: 'git', status: 'warn', detail: 'git not found on PATH', fix: 'install git: undo, rollback and the project root detection use it' });
      else resolve({ name: 'git', status: 'ok', detail: stdout.trim() });
    });
  });
}

function keyFix(row: ProfileRow): string {
  const wanted = row.key.kind === 'none' ? row.key.wanted : row.key.kind === 'env' ? row.key.name : null;
  return wanted ? `export ${wanted}=... (or set api_key_env in profile ${row.name})` : `export PITH_API_KEY=..., or set api_key_env in profile ${row.name}`;
}

function cause(e: unknown, signal: AbortSignal): string {
  if (signal.aborted) return `no answer within ${NET_TIMEOUT_MS / 1000} s`;
  let msg = e instanceof Error ? e.message : String(e);
  for (let c = (e as { cause?: unknown })?.cause, i = 0; c instanceof Error && i < 4; c = c.cause, i++) msg = c.message || msg;
  return msg;
}

/** A URL without user:password, which some people put in endpoints. */
function safeUrl(u: string): string {
  try {
    const url = new URL(u);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return u;
  }
}
