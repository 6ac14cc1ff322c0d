import type { Readable, Writable } from 'node:stream';
import { KNOWN_KEY_ENDPOINTS, inferProvider, normalizeEndpoint, writeConfigFile, type EnvLike, type RawProfile } from '../config/index.js';

/**
 * First-run setup. Runs only in a terminal (the caller checks: @clack/prompts hangs on a
 * non-TTY stdin); without one, print `setupGuidance` and exit 2 instead. Never stores a key:
 * key profiles name the environment variable (`api_key_env`).
 */

export const OLLAMA_BASE = 'http://127.0.0.1:11434';
const PROBE_TIMEOUT_MS = 500;

/** Suggested model per well-known key provider; the user can type another. */
const SUGGESTED_MODEL: Record<string, string> = {
  openai: 'gpt-4.1-mini',
  anthropic: 'claude-sonnet-4-0',
  openrouter: 'openai/gpt-4.1-mini',
};

export interface WizardDeps {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  env: EnvLike;
  /** Where to write the config (user config path). Never overwritten if it exists. */
  configPath: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Ollama server to probe; default http://127.0.0.1:11434. */
  ollamaBase?: string;
}

export interface WizardResult {
  path: string;
  profile: string;
}

/** Model names from Ollama's /api/tags, or null when nothing answers within the timeout. */
export async function probeOllama(fetchFn: typeof fetch, base = OLLAMA_BASE, timeoutMs = PROBE_TIMEOUT_MS): Promise<string[] | null> {
  const { listOllamaModels } = await import('../provider/index.js');
  try {
    const models = await listOllamaModels(base, AbortSignal.timeout(timeoutMs), { fetch: fetchFn });
    return models.map((m) => m.name).filter((n) => n !== '');
  } catch {
    return null;
  }
}

type Choice = { kind: 'ollama'; model: string } | { kind: 'key'; name: string; env: string; endpoint: string } | { kind: 'custom' };

/** Ask, write the config (0600), return where. null when the user cancelled. */
export async function runWizard(deps: WizardDeps): Promise<WizardResult | null> {
  const p = await import('@clack/prompts');
  const common = { input: deps.input as Readable, output: deps.output as Writable, signal: deps.signal };
  const ollamaBase = deps.ollamaBase ?? OLLAMA_BASE;
  p.intro('pith: first-run setup', common);
  const models = await probeOllama(deps.fetch ?? fetch, ollamaBase);
  if (models === null) p.log.info(`No Ollama server answered at ${ollamaBase}.`, common);
  const choices: Array<{ choice: Choice; label: string; hint?: string }> = [];
  for (const model of models ?? []) choices.push({ choice: { kind: 'ollama', model }, label: `Ollama: ${model}`, hint: 'local, free' });
  for (const k of KNOWN_KEY_ENDPOINTS) {
    if (deps.env[k.env]?.trim()) choices.push({ choice: { kind: 'key', ...k }, label: `${k.name} (${k.endpoint})`, hint: `key from $${k.env}` });
  }
  choices.push({ choice: { kind: 'custom' }, label: 'another OpenAI-compatible endpoint' });
  const picked = await p.select<number>({
    message: 'Which model should pith use?',
    options: choices.map((c, i) => ({ value: i, label: c.label, ...(c.hint ? { hint: c.hint } : {}) })),
    ...common,
  });
  if (p.isCancel(picked)) return cancelled(p, common);
  const choice = choices[picked]!.choice;

  let name: string;
  let profile: RawProfile;
  if (choice.kind === 'ollama') {
    name = 'local';
    profile = { provider: 'ollama', endpoint: ollamaBase, model: choice.model };
  } else {
    const fixed = choice.kind === 'key' ? choice : null;
    const endpoint = fixed
      ? fixed.endpoint
      : await p.text({ message: 'Endpoint base URL', placeholder: 'http://127.0.0.1:8080/v1', validate: checkEndpoint, ...common });
    if (p.isCancel(endpoint)) return cancelled(p, common);
    const suggested = fixed ? SUGGESTED_MODEL[fixed.name] : undefined;
    const model = await p.text({
      message: 'Model id',
      placeholder: suggested,
      defaultValue: suggested,
      validate: (v) => (v?.trim() || suggested ? undefined : 'a model id is required'),
      ...common,
    });
    if (p.isCancel(model)) return cancelled(p, common);
    let keyEnv = fixed?.env;
    if (!fixed) {
      const answer = await p.text({ message: 'Environment variable holding its API key (empty for none)', placeholder: 'MY_API_KEY', defaultValue: '', ...common });
      if (p.isCancel(answer)) return cancelled(p, common);
      keyEnv = answer.trim() || undefined;
    }
    name = fixed?.name ?? 'custom';
    profile = { provider: inferProvider(endpoint), endpoint: endpoint.trim(), model: model.trim() || suggested!, ...(keyEnv ? { api_key_env: keyEnv } : {}) };
  }
  const defaultCtx = profile.provider === 'ollama' ? '32768' : '128000';
  const ctx = await p.text({
    message: 'Context size in tokens (what the model may see per call)',
    placeholder: defaultCtx,
    defaultValue: defaultCtx,
    validate: (v) => (!v?.trim() || /^[1-9]\d*$/.test(v.trim()) ? undefined : 'a whole number, e.g. 32768'),
    ...common,
  });
  if (p.isCancel(ctx)) return cancelled(p, common);
  profile.context_tokens = Number(ctx.trim() || defaultCtx);
  await writeConfigFile(deps.configPath, { default_profile: name, profiles: { [name]: profile } });
  p.outro(`Wrote ${deps.configPath} (mode 600). Try: pith chat "hello"`, common);
  return { path: deps.configPath, profile: name };
}

function checkEndpoint(v: string | undefined): string | undefined {
  if (!v?.trim()) return 'an endpoint URL is required';
  try {
    normalizeEndpoint(v, inferProvider(v));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function cancelled(p: typeof import('@clack/prompts'), common: { output: Writable }): null {
  p.cancel('Setup cancelled; nothing was written.', common);
  return null;
}

/** What to print instead of the wizard when stdin/stdout is not a terminal. */
export function setupGuidance(configPath: string): string {
  return [
    'pith: no configuration found, and this is not a terminal, so the setup wizard cannot run.',
    '',
    'Either give an endpoint and a model in the environment, for example:',
    '  PITH_ENDPOINT=http://127.0.0.1:11434 PITH_PROVIDER=ollama PITH_MODEL=qwen2.5-coder:7b pith chat "hello"',
    '  PITH_ENDPOINT=https://api.openai.com/v1 PITH_MODEL=gpt-4.1-mini OPENAI_API_KEY=... pith chat "hello"',
    '',
    `or write ${configPath} (chmod 600), for example:`,
    '  default_profile = "local"',
    '',
    '  [profiles.local]',
    '  provider = "ollama"',
    '  endpoint = "http://127.0.0.1:11434"',
    '  model = "qwen2.5-coder:7b"',
    '  context_tokens = 32768',
    '',
    'Or run pith once in a terminal to be asked. Every key is described in CONFIG.md.',
    '',
  ].join('\n');
}
