import type { Compat } from '../core/index.js';
import { PithError } from '../core/index.js';
import { normalizeEndpoint } from './endpoint.js';
import type { RawLayer, RawMcpServer, RawProfile } from './layer.js';
import { isTable } from './schema.js';
import { nearest } from './nearest.js';
import { DEFAULTS, type Config, type McpServerConfig, type ProfileConfig, type RuleDecision } from './types.js';

/**
 * Merge layers, later over earlier: tables merge key by key, scalars and arrays (including
 * `mcp_servers` and `hooks.on_edit`) are replaced whole.
 */
export function mergeLayers(...layers: RawLayer[]): RawLayer {
  return layers.reduce<RawLayer>((acc, l) => mergeTables(acc, l) as RawLayer, {});
}

function mergeTables(a: object, b: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isTable(prev) && isTable(v) ? mergeTables(prev, v) : v;
  }
  return out;
}

/**
 * Apply defaults and cross-key rules to a merged layer and freeze the result. Throws
 * PithError('config') naming the key for: a profile without `model`, a bad endpoint, pricing
 * without input/output, an MCP server without a name or with both/neither of command and url,
 * and a `default_profile` that names no profile.
 */
export function buildConfig(layer: RawLayer, sources: readonly string[]): Config {
  const errors: string[] = [];
  const profiles: Record<string, ProfileConfig> = {};
  for (const [name, raw] of Object.entries(layer.profiles ?? {})) {
    const p = buildProfile(name, raw, errors);
    if (p) profiles[name] = p;
  }
  const names = Object.keys(layer.profiles ?? {});
  if (layer.default_profile !== undefined && !names.includes(layer.default_profile)) {
    const near = nearest(layer.default_profile, names);
    errors.push(`default_profile: no profile named '${layer.default_profile}'${near ? ` (did you mean '${near}'?)` : ' (no profiles are defined)'}`);
  }
  if (errors.length > 0) {
    const where = sources.length > 0 ? ` (${sources.join(' + ')})` : '';
    throw new PithError('config', `invalid config${where}:\n${errors.map((e) => '  ' + e).join('\n')}`, 'see CONFIG.md for every key');
  }
  const config: Config = {
    sources: [...sources],
    defaultProfile: layer.default_profile,
    profiles,
    approval: { mode: (layer.approval?.mode as Config['approval']['mode']) ?? DEFAULTS.approvalMode, rules: { ...(layer.approval?.rules as Record<string, RuleDecision>) } },
    tools: { anchors: (layer.tools?.anchors as Config['tools']['anchors']) ?? DEFAULTS.anchors },
    hooks: { onEdit: layer.hooks?.on_edit ?? 'auto', timeoutS: layer.hooks?.timeout_s ?? DEFAULTS.hooksTimeoutS },
    telemetry: { globalCopy: layer.telemetry?.global_copy ?? true },
  };
  return deepFreeze(stripUndefined(config));
}

function buildProfile(name: string, raw: RawProfile, errors: string[]): ProfileConfig | null {
  const at = (k: string): string => `profiles.${name}.${k}`;
  const provider = raw.provider ?? 'openai';
  let endpoint = DEFAULTS.endpoint[provider];
  if (raw.endpoint !== undefined) {
    try {
      endpoint = normalizeEndpoint(raw.endpoint, provider);
    } catch (e) {
      errors.push(`${at('endpoint')}: ${(e as Error).message}`);
    }
  }
  if (raw.model === undefined) errors.push(`${at('model')}: missing (every profile needs a model)`);
  if (raw.pricing && (raw.pricing.input === undefined || raw.pricing.output === undefined)) {
    errors.push(`${at('pricing')}: needs both input and output (USD per 1M tokens)`);
  }
  const mcpServers = (raw.mcp_servers ?? []).map((s, i) => buildMcp(s, `${at('mcp_servers')}[${i}]`, errors));
  const seen = new Set<string>();
  for (const s of mcpServers) {
    if (seen.has(s.name)) errors.push(`${at('mcp_servers')}: two servers named '${s.name}'`);
    seen.add(s.name);
  }
  if (raw.model === undefined) return null;
  const b = raw.budget ?? {};
  return {
    provider,
    endpoint,
    model: raw.model,
    plannerModel: raw.planner_model,
    contextTokens: raw.context_tokens ?? DEFAULTS.contextTokens,
    apiKey: raw.api_key,
    apiKeyEnv: raw.api_key_env,
    stallTimeoutS: raw.stall_timeout_s ?? DEFAULTS.stallTimeoutS,
    maxRetries: raw.max_retries ?? DEFAULTS.maxRetries,
    retryBackoffS: raw.retry_backoff_s,
    pricing: raw.pricing ? { input: raw.pricing.input ?? 0, output: raw.pricing.output ?? 0, cached_input: raw.pricing.cached_input } : undefined,
    budget: {
      stepTokens: b.step_tokens ?? DEFAULTS.budget.stepTokens,
      planTokens: b.plan_tokens ?? DEFAULTS.budget.planTokens,
      maxUsd: b.max_usd,
      stepToolCalls: b.step_tool_calls ?? DEFAULTS.budget.stepToolCalls,
    },
    compat: raw.compat ? buildCompat(raw.compat) : undefined,
    mcpServers,
  };
}

function buildCompat(c: NonNullable<RawProfile['compat']>): Partial<Compat> {
  return {
    tools: c.tools,
    usageInStream: c.usage_in_stream,
    // TOML has no null: an empty string means "this endpoint sends no reasoning field".
    reasoningField: c.reasoning_field === undefined ? undefined : c.reasoning_field === '' ? null : c.reasoning_field,
    maxTokensField: c.max_tokens_field,
  };
}

function buildMcp(s: RawMcpServer, at: string, errors: string[]): McpServerConfig {
  if (s.name === undefined) errors.push(`${at}.name: missing`);
  if ((s.command === undefined) === (s.url === undefined)) errors.push(`${at}: set exactly one of command (stdio) or url (HTTP)`);
  if (s.command !== undefined && s.command.length === 0) errors.push(`${at}.command: empty (expected ["program", "arg", ...])`);
  return {
    name: s.name ?? '',
    command: s.command,
    env: s.env,
    url: s.url,
    includeTools: s.include_tools,
    excludeTools: s.exclude_tools,
    timeoutS: s.timeout_s,
  };
}

/** Drop undefined properties so frozen objects print and compare cleanly. */
function stripUndefined<T>(v: T): T {
  if (Array.isArray(v)) return v.map(stripUndefined) as T;
  if (isTable(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = stripUndefined(x);
    return out as T;
  }
  return v;
}

export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
