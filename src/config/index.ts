/** Config: TOML load/validate/save, profiles, endpoint and key rules. Imports only core. */
export {
  type Config,
  type ProfileConfig,
  type BudgetConfig,
  type PricingConfig,
  type McpServerConfig,
  type OnEditHooks,
  type ProviderKind,
  type RuleDecision,
  type ConfigWarning,
  DEFAULTS,
  PROVIDER_KINDS,
  APPROVAL_MODES,
  ANCHOR_MODES,
} from './types.js';
export { loadConfig, userConfigPath, projectConfigPath, resolveProjectRoot, type LoadOptions, type LoadedConfig, type EnvLike } from './load.js';
export { parseLayer, readLayer, type RawLayer, type RawProfile, type RawMcpServer, type LayerKind } from './layer.js';
export { buildConfig, mergeLayers, deepFreeze } from './build.js';
export { writeConfigFile, renderConfig, type WriteOptions } from './save.js';
export { normalizeEndpoint, inferProvider, isLoopbackEndpoint, providerKeyEnvFor, KNOWN_KEY_ENDPOINTS } from './endpoint.js';
export { resolveApiKey, describeKey, type KeySource, type ResolvedKey, type KeyInputs } from './keys.js';
export { nearest, editDistance } from './nearest.js';
