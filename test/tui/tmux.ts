import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** tmux on a private socket, so tests never touch anyone's sessions. */
export const SOCKET = `pith-tui-${process.pid}`;
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;
export const REPO = resolve(import.meta.dirname, '..', '..');
export const MAIN = join(REPO, 'dist', 'src', 'cli', 'main.js');

export function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

export function sessionAlive(name: string): boolean {
  return spawnSync('tmux', ['-L', SOCKET, 'has-session', '-t', name]).status === 0;
}

export function capture(name: string): string {
  return tmux('capture-pane', '-p', '-t', name);
}

export async function waitFor(name: string, test: (screen: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = capture(name);
    if (test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${s}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Builds dist/ when it is missing or older than src/ (others' type errors do not stop the emit). */
export function ensureBuilt(): void {
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((t, e) => Math.max(t, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  if (existsSync(MAIN) && statSync(join(REPO, 'dist', 'src', 'tui', 'app.js'), { throwIfNoEntry: false } as never)?.mtimeMs >= newest(join(REPO, 'src'))) return;
  spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmitOnError', 'false'], { cwd: REPO, stdio: 'ignore' });
}

export function pithCommand(env: Record<string, string>): string {
  const vars = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
  return `env ${vars} TERM=xterm-256color NCURSES_NO_UTF8_ACS=1 node ${MAIN}`;
}
