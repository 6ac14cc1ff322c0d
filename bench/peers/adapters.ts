import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How to launch each real peer offline against an OpenAI-compatible server on 127.0.0.1, with
 * its config in a throwaway HOME. `prepare` writes the config files and returns the command;
 * `skip` names a reason the peer cannot run here at all (checked before anything starts).
 * Facts behind each adapter: /work/shared/DEPENDENCIES.md and each package's own docs.
 */
export interface PeerLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface PeerContext {
  /** bench/.peers (the npm --prefix the peers are installed into). */
  peersDir: string;
  home: string;
  repo: string;
  /** OpenAI-compatible base URL ending in /v1. */
  url: string;
  model: string;
  prompt: string;
}

export interface PeerAdapter {
  name: string;
  /** npm package installed into bench/.peers. */
  pkg: string;
  /** Exact version to install, when the latest does not fit the scripted model (see the adapter). */
  version?: string;
  skip?: string;
  /** A problem worth printing before the run (the peer still runs). */
  warn?: () => string | null;
  prepare(c: PeerContext): PeerLaunch;
}

const write = (path: string, value: unknown) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2));
};

/**
 * pi: a models.json provider of api openai-completions; PI_OFFLINE=1; print mode, no session file.
 * Pinned to 0.62.0, the last release whose edit tool takes top-level {path, oldText, newText}:
 * from 0.63 it takes only {path, edits: [{oldText, newText}]}, which the scripted model's tool
 * mapping (bench/scripted-model/toolset.ts) reads as an anchored edit list it cannot fill from
 * pi's plain-text reads, so pi never edits and re-runs the verify command until the timeout.
 */
export const PI: PeerAdapter = {
  name: 'pi',
  pkg: '@mariozechner/pi-coding-agent',
  version: '0.62.0',
  prepare(c) {
    const agentDir = join(c.home, '.pi', 'agent');
    write(join(agentDir, 'models.json'), {
      providers: {
        scripted: {
          baseUrl: c.url, api: 'openai-completions', apiKey: 'none',
          compat: { supportsDeveloperRole: false, supportsReasoningEffort: false },
          models: [{ id: c.model, reasoning: false, contextWindow: 128000, maxTokens: 8192 }],
        },
      },
    });
    return {
      command: join(c.peersDir, 'node_modules', '.bin', 'pi'),
      args: ['--print', '--no-session', '--offline', '--provider', 'scripted', '--model', c.model, c.prompt],
      env: { PI_OFFLINE: '1', PI_CODING_AGENT_DIR: agentDir },
    };
  },
};

/**
 * opencode: a custom @ai-sdk/openai-compatible provider in opencode.json, models fetch disabled,
 * every permission allowed (the run is unattended). It also sends an untooled title request.
 * Its grep tool runs `rg` from PATH and otherwise downloads ripgrep, which fails offline.
 */
export const OPENCODE: PeerAdapter = {
  name: 'opencode',
  pkg: 'opencode-ai',
  warn: () =>
    (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, 'rg')))
      ? null
      : 'no `rg` on PATH: opencode\'s grep tool will fail offline (it would download ripgrep); install it, e.g. apt-get install ripgrep',
  prepare(c) {
    const configDir = join(c.home, '.config', 'opencode');
    write(join(configDir, 'opencode.json'), {
      $schema: 'https://opencode.ai/config.json',
      autoupdate: false,
      share: 'disabled',
      model: `scripted/${c.model}`,
      small_model: `scripted/${c.model}`,
      permission: { edit: 'allow', bash: 'allow', webfetch: 'deny' },
      provider: {
        scripted: {
          npm: '@ai-sdk/openai-compatible',
          name: 'Scripted',
          options: { baseURL: c.url, apiKey: 'none' },
          models: { [c.model]: { name: c.model, tool_call: true, limit: { context: 128000, output: 8192 } } },
        },
      },
    });
    return {
      command: join(c.peersDir, 'node_modules', 'opencode-ai', 'bin', 'opencode.exe'),
      args: ['run', '--model', `scripted/${c.model}`, c.prompt],
      env: {
        OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
        OPENCODE_DISABLE_DEFAULT_PLUGINS: '1', XDG_CONFIG_HOME: join(c.home, '.config'), XDG_DATA_HOME: join(c.home, '.local', 'share'),
        XDG_CACHE_HOME: join(c.home, '.cache'), XDG_STATE_HOME: join(c.home, '.local', 'state'),
      },
    };
  },
};

/** codex speaks only the Responses API (/v1/responses, streaming); the scripted model serves chat completions. */
export const CODEX: PeerAdapter = {
  name: 'codex',
  pkg: '@openai/codex',
  skip: 'codex only speaks the Responses API (POST /v1/responses, streaming); the scripted model has no /v1/responses route, so codex cannot be driven by it',
  prepare(c) {
    return { command: join(c.peersDir, 'node_modules', '.bin', 'codex'), args: ['exec', c.prompt], env: { CODEX_HOME: join(c.home, '.codex') } };
  },
};

export const PEERS: PeerAdapter[] = [PI, OPENCODE, CODEX];
