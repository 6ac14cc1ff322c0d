import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/**
 * Universal Ctags on the same files, for the index benchmark. If `ctags` is missing it installs
 * Debian's universal-ctags with apt-get when running as root; otherwise it says why it cannot.
 */
export interface CtagsResult {
  ms: number | null;
  tags: number | null;
  note?: string;
}

function hasCtags(): boolean {
  const r = spawnSync('ctags', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && /Universal Ctags/.test(r.stdout);
}

function ensureCtags(): string | null {
  if (hasCtags()) return null;
  if (process.getuid?.() !== 0) return 'ctags not found and not root: install universal-ctags (apt-get install universal-ctags)';
  spawnSync('apt-get', ['update'], { stdio: 'ignore' });
  const r = spawnSync('apt-get', ['install', '-y', 'universal-ctags'], { stdio: 'ignore' });
  return r.status === 0 && hasCtags() ? null : 'installing universal-ctags with apt-get failed';
}

/**
 * What ctags is asked for, to match what the index records: Debian's ctags 5.9 maps only .js,
 * .jsx and .mjs to JavaScript, so without the langmap it silently drops the .cjs files of the
 * list; `n` and `e` add each tag's start and end line (ctags' default is a search pattern only).
 * ctags has no references for these languages, and keeps its default sorted output.
 */
export const CTAGS_ARGS = ['--langmap=JavaScript:+.cjs', '--fields=+ne'];

/** Index `files` (relative to `cwd`) with ctags, timed as wall clock of the whole process. */
export function runCtags(cwd: string, files: string[]): CtagsResult {
  const missing = ensureCtags();
  if (missing) return { ms: null, tags: null, note: missing };
  const dir = mkdtempSync(join(tmpdir(), 'pith-ctags-'));
  try {
    const list = join(dir, 'files.txt');
    const out = join(dir, 'tags');
    writeFileSync(list, files.join('\n') + '\n');
    const t0 = performance.now();
    const r = spawnSync('ctags', [...CTAGS_ARGS, '-f', out, '-L', list], { cwd, stdio: 'ignore' });
    const ms = performance.now() - t0;
    if (r.status !== 0) return { ms: null, tags: null, note: `ctags exited ${r.status}` };
    const count = spawnSync('grep', ['-vc', '^!_', out], { encoding: 'utf8' });
    return { ms: Math.round(ms), tags: Number(count.stdout.trim()) || 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
