import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Installing the peers into bench/.peers (git-ignored) on first use, and the loopback-only
 * network namespace they run in: `unshare -n` + `ip link set lo up`, as root. Without it the
 * peers are skipped, never run unconfined.
 */
export interface PeerPackage {
  pkg: string;
  version?: string;
}

/** Packages not installed, or installed at another version than the pinned one, as npm specs. */
export function missingPackages(peersDir: string, pkgs: PeerPackage[]): string[] {
  return pkgs
    .filter((p) => {
      const path = join(peersDir, 'node_modules', p.pkg, 'package.json');
      if (!existsSync(path)) return true;
      return p.version !== undefined && (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version !== p.version;
    })
    .map((p) => (p.version ? `${p.pkg}@${p.version}` : p.pkg));
}

/** `npm install --prefix peersDir pkgs...`; output goes to `log`. Returns an error message or null. */
export function installPeers(peersDir: string, pkgs: PeerPackage[], log: (line: string) => void): string | null {
  const missing = missingPackages(peersDir, pkgs);
  if (missing.length === 0) return null;
  log(`installing ${missing.join(', ')} into ${peersDir} (first use)...`);
  const r = spawnSync('npm', ['install', '--prefix', peersDir, '--no-audit', '--no-fund', ...missing], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  if (r.status !== 0) return `npm install --prefix ${peersDir} failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-5).join(' | ')}`;
  return null;
}

/** null when a loopback-only namespace can be made here; else why not. */
export function sandboxUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'not root: `unshare -n` needs root (or user namespaces), so the peers are not run unconfined';
  const r = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8' });
  if (r.error) return `unshare is not available: ${r.error.message}`;
  if (r.status !== 0) return `unshare -n is not permitted here: ${(r.stderr || '').trim()}`;
  return null;
}

/** Run `node script args...` inside a fresh network namespace with only 127.0.0.1 up. Resolves the exit code. */
export function runInSandbox(script: string, args: string[], timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, script, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}
