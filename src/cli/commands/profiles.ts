import { describeKey, loadConfig, resolveApiKey, type LoadedConfig, type KeySource, type ProviderKind } from '../../config/index.js';
import { parseJsonFlag, type CliIO } from '../io.js';
import { ENV_PROFILE, homeOf, printWarnings, reportError, resolveFromLoaded, resolveProjectRoot } from '../runtime.js';

const USAGE = `usage: pith profiles [--json]

Lists the profiles from the user config and the project's .pith/config.toml, marking with *
the one pith would use now (--profile, PITH_PROFILE, default_profile). Shows provider,
endpoint, model, context size and whether a key is available: never the key itself.

options:
  --json    one JSON object: { sources, active, profiles: [...] }
  --help    this text`;

/** One listed profile. `keyStatus` is printable; no field ever holds a secret. */
export interface ProfileRow {
  name: string;
  active: boolean;
  isDefault: boolean;
  provider: ProviderKind;
  endpoint: string;
  model: string;
  plannerModel: string;
  contextTokens: number;
  key: KeySource;
  keyStatus: string;
  /** A non-loopback endpoint with no key. */
  keyMissing: boolean;
}

/**
 * Rows for every configured profile, plus an "env" row when PITH_ENDPOINT and PITH_MODEL
 * define one. Env model/endpoint overrides are shown only on the active row, as resolved.
 */
export function profileRows(loaded: LoadedConfig, env: CliIO['env'], projectRoot: string): ProfileRow[] {
  let active: string | null = null;
  let activeRow: ProfileRow | null = null;
  try {
    const rt = resolveFromLoaded(loaded, projectRoot, {}, env);
    active = rt.profileName;
    const p = rt.profile;
    activeRow = { name: p.name, active: true, isDefault: loaded.config.defaultProfile === p.name, provider: p.provider, endpoint: p.endpoint, model: p.model, plannerModel: p.plannerModel, contextTokens: p.contextTokens, key: p.key, keyStatus: p.keyStatus, keyMissing: p.keyMissing };
  } catch {
    // No profile can be chosen (several and no default): list them all unmarked.
  }
  const rows: ProfileRow[] = [];
  for (const [name, p] of Object.entries(loaded.config.profiles)) {
    if (name === active && activeRow) {
      rows.push(activeRow);
      continue;
    }
    const key = resolveApiKey({ endpoint: p.endpoint, apiKey: p.apiKey, apiKeyEnv: p.apiKeyEnv }, env);
    rows.push({ name, active: false, isDefault: loaded.config.defaultProfile === name, provider: p.provider, endpoint: p.endpoint, model: p.model, plannerModel: p.plannerModel ?? p.model, contextTokens: p.contextTokens, key: key.source, keyStatus: describeKey(key, p.endpoint), keyMissing: key.missingForPaid });
  }
  if (active === ENV_PROFILE && activeRow && !(ENV_PROFILE in loaded.config.profiles)) rows.push(activeRow);
  return rows;
}

export async function profilesCommand(argv: string[], io: CliIO): Promise<number> {
  const json = await parseJsonFlag('profiles', USAGE, argv, io);
  if (typeof json === 'number') return json;
  try {
    const projectRoot = resolveProjectRoot(io.cwd);
    const loaded = await loadConfig({ home: homeOf(io.env), env: io.env, projectRoot });
    printWarnings(io, loaded.warnings);
    const rows = profileRows(loaded, io.env, projectRoot);
    if (json) {
      io.stdout.write(JSON.stringify({ sources: loaded.config.sources, active: rows.find((r) => r.active)?.name ?? null, profiles: rows }) + '\n');
      return 0;
    }
    if (rows.length === 0) {
      io.stdout.write(`no profiles configured (${loaded.userPath} does not define any).\nRun pith in a terminal to create one, or see CONFIG.md.\n`);
      return 0;
    }
    io.stdout.write(table(rows) + '\n');
    const from = loaded.config.sources.length > 0 ? loaded.config.sources.join(' + ') : 'environment only (PITH_ENDPOINT, PITH_MODEL)';
    io.stdout.write(`\n* = used now. config: ${from}\n`);
    return 0;
  } catch (e) {
    return reportError(io, e);
  }
}

function table(rows: ProfileRow[]): string {
  const cells = rows.map((r) => [
    `${r.active ? '*' : ' '} ${r.name}${r.isDefault ? ' (default)' : ''}`,
    r.provider,
    r.endpoint,
    r.model + (r.plannerModel !== r.model ? ` (planner ${r.plannerModel})` : ''),
    `ctx ${r.contextTokens}`,
    `key: ${r.keyStatus}`,
  ]);
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]!))).join('  ')).join('\n');
}
