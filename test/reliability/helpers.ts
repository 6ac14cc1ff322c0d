/** Shared helpers of the reliability suites: captured CLI IO, temp projects, file scans. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';

export interface Captured {
  io: CliIO;
  out: { stdout: string; stderr: string };
  interrupt(): void;
}

/** A CliIO for in-process runs: stdout/stderr captured as strings, no terminal, a Ctrl+C to press. */
export function captureIO(cwd: string, env: Record<string, string | undefined>, isTTY = false): Captured {
  const out = { stdout: '', stderr: '' };
  const writer = (key: 'stdout' | 'stderr') => new Writable({ write(c, _e, cb) { out[key] += c.toString(); cb(); } });
  const controller = new AbortController();
  const io: CliIO = { stdout: writer('stdout'), stderr: writer('stderr'), stdin: new PassThrough(), env: { PATH: process.env.PATH, ...env }, cwd, isTTY, signal: controller.signal };
  return { io, out, interrupt: () => controller.abort() };
}

/**
 * A base dir holding `home/`, `project/` (with `.git/`) and `outside/secret.txt`, a sentinel
 * outside the project root whose text must never be read into anything pith writes or sends.
 */
export function makeSandbox(prefix = 'pith-rel-'): { base: string; home: string; root: string; outside: string; sentinel: string; sentinelText: string } {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const home = join(base, 'home');
  const root = join(base, 'project');
  const outside = join(base, 'outside');
  for (const d of [home, join(root, '.git'), outside]) mkdirSync(d, { recursive: true });
  writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  const sentinelText = `SENTINEL-${Math.random().toString(36).slice(2)}-do-not-read\n`;
  const sentinel = join(outside, 'secret.txt');
  writeFileSync(sentinel, sentinelText);
  return { base, home, root, outside, sentinel, sentinelText };
}

/** Write the user config under `home` (XDG default location) with `mode`. Returns its path. */
export function writeUserConfig(home: string, toml: string, mode = 0o600): string {
  const dir = join(home, '.config', 'pith');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'config.toml');
  writeFileSync(path, toml, { mode });
  return path;
}

/** Every regular file under `dir` (symlinks not followed). */
export function walkFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) out.push(...walkFiles(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}

/** Files under `dirs` whose bytes contain `needle`. */
export function filesContaining(dirs: string[], needle: string): string[] {
  return dirs.flatMap(walkFiles).filter((f) => readFileSync(f).includes(needle));
}
