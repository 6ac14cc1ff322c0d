import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { buildConfig, mergeLayers } from './build.js';
import { readLayer, type ParsedLayer } from './layer.js';
import type { Config, ConfigWarning } from './types.js';

/** Only the variables config looks at; cli passes its env in (config never reads process.env). */
export type EnvLike = Readonly<Record<string, string | undefined>>;

/** `$XDG_CONFIG_HOME/pith/config.toml` when XDG_CONFIG_HOME is an absolute path, else `~/.config/pith/config.toml`. */
export function userConfigPath(home: string, env: EnvLike): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
  return join(base, 'pith', 'config.toml');
}

export function projectConfigPath(projectRoot: string): string {
  return join(projectRoot, '.pith', 'config.toml');
}

/** The nearest directory at or above `cwd` holding `.git` or `.pith`; `cwd` itself when none does. */
export function resolveProjectRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.git')) || existsSync(join(dir, '.pith'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd);
    dir = up;
  }
}

export interface LoadOptions {
  home: string;
  env: EnvLike;
  /** Where to look for `.pith/config.toml`; omit to skip the project override. */
  projectRoot?: string;
}

export interface LoadedConfig {
  /** `config.sources` is empty when neither file exists. */
  config: Config;
  warnings: ConfigWarning[];
  userPath: string;
  projectPath: string | null;
}

/**
 * Load the user config and the project override, merged (project wins) and frozen.
 * Throws PithError('config') on any invalid file; reads only, never writes.
 */
export async function loadConfig(opts: LoadOptions): Promise<LoadedConfig> {
  const userPath = userConfigPath(opts.home, opts.env);
  const projectPath = opts.projectRoot === undefined ? null : projectConfigPath(opts.projectRoot);
  const layers: ParsedLayer[] = [];
  const user = await readLayer(userPath, 'user');
  if (user) layers.push(user);
  // A project inside the config dir (or home == project) must not read the same file twice.
  if (projectPath !== null && resolve(projectPath) !== resolve(userPath)) {
    const project = await readLayer(projectPath, 'project');
    if (project) layers.push(project);
  }
  const config = buildConfig(
    mergeLayers(...layers.map((l) => l.layer)),
    layers.map((l) => l.file),
  );
  return { config, warnings: layers.flatMap((l) => l.warnings), userPath, projectPath };
}
