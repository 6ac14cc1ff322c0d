import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { languageOf } from './languages.js';

/**
 * The files the index covers: project-relative paths (forward slashes, sorted) of supported
 * languages. In a git work tree this is `git ls-files -co --exclude-standard`, so .gitignore is
 * honoured; elsewhere, or with `includeIgnored`, a walker that skips VCS and build directories
 * (with `includeIgnored` it skips only VCS directories and .pith).
 */
export interface DiscoverOptions {
  root: string;
  includeIgnored?: boolean;
  signal?: AbortSignal;
}

const ALWAYS_SKIP = new Set(['.git', '.hg', '.svn', '.pith']);
const SKIP_UNLESS_IGNORED = new Set(['node_modules', 'dist', 'build', 'target', '__pycache__', '.venv', 'venv']);

export async function discoverFiles(opts: DiscoverOptions): Promise<string[]> {
  const listed = opts.includeIgnored ? null : await gitFiles(opts.root, opts.signal);
  const all = listed ?? (await walk(opts.root, Boolean(opts.includeIgnored), opts.signal));
  return all.filter((p) => languageOf(p) !== null).sort();
}

/** Null when root is not inside a git work tree or git is missing. */
function gitFiles(root: string, signal?: AbortSignal): Promise<string[] | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['ls-files', '-co', '--exclude-standard', '-z'],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, signal, windowsHide: true },
      (err, stdout) => {
        if (err) return resolve(null);
        resolve(stdout.split('\0').filter((p) => p.length > 0));
      },
    );
  });
}

async function walk(root: string, includeIgnored: boolean, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  const pending: string[] = [''];
  while (pending.length) {
    signal?.throwIfAborted();
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      // Symlinks are not followed: they loop, and point outside the project more often than not.
      if (e.isDirectory()) {
        if (ALWAYS_SKIP.has(e.name) || (!includeIgnored && SKIP_UNLESS_IGNORED.has(e.name))) continue;
        pending.push(rel);
      } else if (e.isFile()) {
        out.push(rel);
      }
    }
  }
  return out;
}
