import { homedir } from 'node:os';
import type { AnchorMode, ApprovalMode, ProviderConfig } from '../core/index.js';
import { isPithError, PithError } from '../core/index.js';
import {
  DEFAULTS,
  PROVIDER_KINDS,
  describeKey,
  deepFreeze,
  inferProvider,
  isLoopbackEndpoint,
  loadConfig,
  nearest,
  normalizeEndpoint,
  resolveApiKey,
  resolveProjectRoot,
  type BudgetConfig,
  type Config,
  type ConfigWarning,
  type EnvLike,
  type LoadedConfig,
  type OnEditHooks,
  type PricingConfig,
  type ProfileConfig,
  type ProviderKind,
  type RuleDecision,
  type KeySource,
} from '../config/index.js';
import type { CliIO } from './io.js';

export { resolveProjectRoot };

/** Global options every command that talks to a model accepts (node:util parseArgs shape). */
export const RUNTIME_ARG_OPTIONS = {
  profile: { type: 'string' },
  model: { type: 'string' },
  endpoint: { type: 'string' },
} as const;

export interface RuntimeFlags {
  profile?: string;
  model?: string;
  endpoint?: string;
}

/** A profile after flags and env were applied. Carries no secret: the key is only in `provider.apiKey`. */
export interface ResolvedProfile extends Omit<ProfileConfig, 'apiKey'> {
  name: string;
  /** The planner model, falling back to `model`. */
  plannerModel: string;
  key: KeySource;
  /** Printable: "set (env OPENAI_API_KEY)", "missing (...)", "not needed (local endpoint)". */
  keyStatus: string;
  /** A non-loopback endpoint and no key: requests will most likely be refused. */
  keyMissing: boolean;
}

export interface Runtime {
  /** The chosen profile's name; "env" when endpoint and model came only from flags/env. */
  profileName: string;
  profile: ResolvedProfile;
  /** What the provider layer needs. Holds the API key: never print or log it. */
  provider: ProviderConfig;
  /** Local endpoints (ollama, loopback) cost 0; pass to tokens' lookupPrice. */
  local: boolean;
  budget: BudgetConfig;
  pricing?: PricingConfig;
  approval: { mode: ApprovalMode; rules: Readonly<Record<string, RuleDecision>> };
  anchors: AnchorMode;
  hooks: { onEdit: OnEditHooks; timeoutS: number };
  projectRoot: string;
  config: Config;
  warnings: readonly ConfigWarning[];
}

export interface ResolveRuntimeOptions {
  flags?: RuntimeFlags;
  env: EnvLike;
  cwd: string;
  home: string;
}

/** Per-request timeout for non-streamed calls (model lists, /api/show). */
const REQUEST_TIMEOUT_MS = 10_000;
/** Name of the profile synthesised from flags/env when no profile applies. */
export const ENV_PROFILE = 'env';

/** Load config (user + project) and resolve. Precedence: flags > env > project > user > defaults. */
export async function resolveRuntime(opts: ResolveRuntimeOptions): Promise<Runtime> {
  const projectRoot = resolveProjectRoot(opts.cwd);
  const loaded = await loadConfig({ home: opts.home, env: opts.env, projectRoot });
  return resolveFromLoaded(loaded, projectRoot, opts.flags ?? {}, opts.env);
}

/** True when there is no config file and flags/env do not name both an endpoint and a model. */
export function needsSetup(loaded: LoadedConfig, flags: RuntimeFlags, env: EnvLike): boolean {
  return loaded.config.sources.length === 0 && !overrides(flags, env).complete;
}

function overrides(flags: RuntimeFlags, env: EnvLike) {
  const pick = (a?: string, b?: string): string | undefined => (a?.trim() ? a.trim() : b?.trim() ? b.trim() : undefined);
  const endpoint = pick(flags.endpoint, env.PITH_ENDPOINT);
  const model = pick(flags.model, env.PITH_MODEL);
  return { endpoint, model, profile: pick(flags.profile, env.PITH_PROFILE), provider: pick(env.PITH_PROVIDER), complete: Boolean(endpoint && model) };
}

/** Resolve a loaded config against flags and env. Throws PithError('config') with a hint. */
export function resolveFromLoaded(loaded: LoadedConfig, projectRoot: string, flags: RuntimeFlags, env: EnvLike): Runtime {
  const { config } = loaded;
  const o = overrides(flags, env);
  if (o.provider !== undefined && !PROVIDER_KINDS.includes(o.provider as ProviderKind)) {
    throw new PithError('config', `PITH_PROVIDER: expected one of ${PROVIDER_KINDS.join(', ')}, got "${o.provider}"`);
  }
  const names = Object.keys(config.profiles);
  const name = o.profile ?? config.defaultProfile ?? (names.length === 1 ? names[0] : undefined);
  let base: ProfileConfig | undefined;
  if (name !== undefined) {
    base = config.profiles[name];
    if (!base) {
      const near = nearest(name, names);
      throw new PithError('config', `no profile named '${name}'`, names.length ? `profiles: ${names.join(', ')}${near ? ` (did you mean '${near}'?)` : ''}` : 'no profiles are configured; run pith in a terminal to create one');
    }
  } else if (!o.complete) {
    if (names.length > 1) throw new PithError('config', `${names.length} profiles and no default_profile`, 'pass --profile NAME, set PITH_PROFILE, or set default_profile in the config');
    throw new PithError('config', 'no profile configured and no endpoint/model given', 'set PITH_ENDPOINT and PITH_MODEL, or run pith in a terminal to create a config (see CONFIG.md)');
  }
  const provider = (o.provider as ProviderKind | undefined) ?? (o.endpoint ? inferProvider(o.endpoint) : (base?.provider ?? 'openai'));
  let endpoint: string;
  try {
    endpoint = normalizeEndpoint(o.endpoint ?? base?.endpoint ?? DEFAULTS.endpoint[provider], provider);
  } catch (e) {
    throw new PithError('config', `${o.endpoint ? '--endpoint / PITH_ENDPOINT' : `profiles.${name}.endpoint`}: ${(e as Error).message}`);
  }
  const model = o.model ?? base!.model;
  const key = resolveApiKey({ endpoint, apiKey: base?.apiKey, apiKeyEnv: base?.apiKeyEnv, profileEndpoint: base?.endpoint }, env);
  const profileName = name ?? ENV_PROFILE;
  const { apiKey: _secret, ...rest } = base ?? syntheticProfile(provider, endpoint, model);
  const profile: ResolvedProfile = {
    ...rest,
    name: profileName,
    provider,
    endpoint,
    model,
    plannerModel: rest.plannerModel ?? model,
    key: key.source,
    keyStatus: describeKey(key, endpoint),
    keyMissing: key.missingForPaid,
  };
  const providerConfig: ProviderConfig = {
    provider,
    endpoint,
    model,
    contextTokens: profile.contextTokens,
    stallTimeoutMs: profile.stallTimeoutS * 1000,
    maxRetries: profile.maxRetries,
    ...(profile.retryBackoffS !== undefined ? { retryBaseMs: Math.round(profile.retryBackoffS * 1000) } : {}),
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    ...(key.value !== undefined ? { apiKey: key.value } : {}),
    ...(profile.compat ? { compat: profile.compat } : {}),
  };
  return deepFreeze({
    profileName,
    profile,
    provider: providerConfig,
    local: provider === 'ollama' || isLoopbackEndpoint(endpoint),
    budget: profile.budget,
    pricing: profile.pricing,
    approval: config.approval,
    anchors: config.tools.anchors,
    hooks: config.hooks,
    projectRoot,
    config,
    warnings: loaded.warnings,
  });
}

function syntheticProfile(provider: ProviderKind, endpoint: string, model: string): ProfileConfig {
  return {
    provider,
    endpoint,
    model,
    contextTokens: DEFAULTS.contextTokens,
    stallTimeoutS: DEFAULTS.stallTimeoutS,
    maxRetries: DEFAULTS.maxRetries,
    budget: { ...DEFAULTS.budget },
    mcpServers: [],
  };
}

/** The home directory as cli sees it: $HOME (tests point it at a temp dir), else the OS's. */
export function homeOf(env: EnvLike): string {
  return env.HOME?.trim() || env.USERPROFILE?.trim() || homedir();
}

/**
 * What a model-calling command does first: load config, print warnings, and when there is no
 * config at all run the first-run wizard (TTY) or print what to set (no TTY, exit 2).
 * Returns the Runtime, or an exit code to return with.
 */
export async function runtimeOrSetup(io: CliIO, flags: RuntimeFlags): Promise<Runtime | number> {
  const home = homeOf(io.env);
  const projectRoot = resolveProjectRoot(io.cwd);
  let loaded = await loadConfig({ home, env: io.env, projectRoot });
  if (needsSetup(loaded, flags, io.env)) {
    const wizard = await import('./wizard.js');
    if (!io.isTTY) {
      io.stderr.write(wizard.setupGuidance(loaded.userPath));
      return 2;
    }
    const done = await wizard.runWizard({ input: io.stdin, output: io.stdout, env: io.env, configPath: loaded.userPath, signal: io.signal });
    if (!done) return io.signal.aborted ? 130 : 2;
    loaded = await loadConfig({ home, env: io.env, projectRoot });
  }
  printWarnings(io, loaded.warnings);
  return resolveFromLoaded(loaded, projectRoot, flags, io.env);
}

export function printWarnings(io: CliIO, warnings: readonly ConfigWarning[]): void {
  for (const w of warnings) io.stderr.write(`pith: warning: ${w.message}\n`);
}

/** Print a PithError the way main's top level would and return its exit code; rethrow anything else. */
export function reportError(io: CliIO, e: unknown): number {
  if (!isPithError(e)) throw e;
  io.stderr.write(`pith: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
  return e.exitCode;
}
