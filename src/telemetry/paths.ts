/** Where telemetry lives. Env comes in as an argument (only cli/ reads process.env). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Nearest ancestor of `cwd` (itself included) holding .git or .pith; `cwd` when there is none. */
export function findProjectRoot(cwd: string, exists: (p: string) => boolean = existsSync): string {
  let dir = cwd;
  for (;;) {
    if (exists(join(dir, '.git')) || exists(join(dir, '.pith'))) return dir;
    const up = dirname(dir);
    if (up === dir) return cwd;
    dir = up;
  }
}

export function projectTelemetryPath(root: string): string {
  return join(root, '.pith', 'telemetry.jsonl');
}

/**
 * The global copy: $XDG_DATA_HOME/pith/telemetry.jsonl, else ~/.local/share/pith/telemetry.jsonl.
 * null when neither XDG_DATA_HOME nor a home directory is known.
 */
export function globalTelemetryPath(env: Record<string, string | undefined>): string | null {
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'pith', 'telemetry.jsonl');
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, '.local', 'share', 'pith', 'telemetry.jsonl') : null;
}
