import type { AnchorMode, ApprovalMode, Compat } from '../core/index.js';

/**
 * The typed, frozen configuration pith runs with: the user file merged with the project
 * override, defaults applied. Names are camelCase here; the TOML keys are snake_case
 * (CONFIG.md lists both sides).
 */

export type ProviderKind = 'openai' | 'ollama';
export const PROVIDER_KINDS: readonly ProviderKind[] = ['openai', 'ollama'];
export const APPROVAL_MODES: readonly ApprovalMode[] = ['ask', 'accept-edits', 'read-only', 'trust'];
export const ANCHOR_MODES: readonly AnchorMode[] = ['hash', 'line', 'off'];
export type RuleDecision = 'allow' | 'ask' | 'deny';
export const RULE_DECISIONS: readonly RuleDecision[] = ['allow', 'ask', 'deny'];

/** USD per million tokens. Same shape as tokens' `Price`, so it can be passed straight to `lookupPrice`. */
export interface PricingConfig {
  input: number;
  output: number;
  cached_input?: number;
}

export interface BudgetConfig {
  /** Counted tokens one executor step may spend (all its calls together). */
  stepTokens: number;
  /** Counted tokens a whole plan may spend. */
  planTokens: number;
  /** Hard stop in US dollars, when set. */
  maxUsd?: number;
  /** Tool calls one step may make. */
  stepToolCalls: number;
}

export interface McpServerConfig {
  name: string;
  /** argv of a stdio server; exactly one of `command` or `url` is set. */
  command?: readonly string[];
  env?: Readonly<Record<string, string>>;
  url?: string;
  includeTools?: readonly string[];
  excludeTools?: readonly string[];
  timeoutS?: number;
}

export interface ProfileConfig {
  provider: ProviderKind;
  /** Normalised base URL (see normalizeEndpoint). */
  endpoint: string;
  model: string;
  /** Model for the planner call; the profile's `model` when unset. */
  plannerModel?: string;
  contextTokens: number;
  /** A literal key (user file only). Prefer apiKeyEnv. */
  apiKey?: string;
  /** Name of the environment variable holding the key. */
  apiKeyEnv?: string;
  stallTimeoutS: number;
  maxRetries: number;
  /** Delay before the first retry, doubled per retry (with jitter); unset = the provider's default. */
  retryBackoffS?: number;
  pricing?: PricingConfig;
  budget: BudgetConfig;
  compat?: Partial<Compat>;
  mcpServers: readonly McpServerConfig[];
}

/** Same shape as hooks' `HooksSetting` (the array is frozen at runtime all the same). */
export type OnEditHooks = 'auto' | 'off' | string[];

export interface Config {
  /** Files that were read, in merge order (user, then project). Empty when none existed. */
  sources: readonly string[];
  defaultProfile?: string;
  profiles: Readonly<Record<string, ProfileConfig>>;
  approval: { mode: ApprovalMode; rules: Readonly<Record<string, RuleDecision>> };
  tools: { anchors: AnchorMode };
  hooks: { onEdit: OnEditHooks; timeoutS: number };
  /** globalCopy: every record also goes to the global file `pith stats --all-projects` reads. */
  telemetry: { globalCopy: boolean };
}

export const DEFAULTS = {
  contextTokens: 32_768,
  stallTimeoutS: 60,
  maxRetries: 4,
  budget: { stepTokens: 60_000, planTokens: 400_000, stepToolCalls: 40 },
  approvalMode: 'ask' as ApprovalMode,
  anchors: 'hash' as AnchorMode,
  hooksTimeoutS: 120,
  endpoint: { openai: 'https://api.openai.com/v1', ollama: 'http://127.0.0.1:11434' } as Record<ProviderKind, string>,
} as const;

/** A non-fatal finding while loading (unknown key, loose file permissions). */
export interface ConfigWarning {
  file: string;
  /** Dotted key path, when the warning is about a key. */
  key?: string;
  message: string;
}
