/**
 * Depth-first walk of project files for search, list and symbols: .gitignore respected
 * (nested files too), `.git` never entered, `node_modules` and `.pith` (pith's own state:
 * snapshots, telemetry, index cache) skipped unless the walk starts inside one, symlinks
 * reported but never followed (they may lead outside the root).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isIgnored, parseGitignore, type IgnoreRule } from './gitignore.js';

export interface WalkEntry {
  /** Project-relative, forward slashes. */
  rel: string;
  abs: string;
  kind: 'file' | 'dir' | 'link';
  /** 1 = a direct child of the start directory. */
  depth: number;
}

export interface WalkOptions {
  /** Do not descend below this depth (entries at it are still yielded). */
  maxDepth?: number;
  signal?: AbortSignal;
}

async function rulesIn(abs: string, rel: string): Promise<IgnoreRule[]> {
  try {
    return parseGitignore(await readFile(join(abs, '.gitignore'), 'utf8'), rel === '.' ? '' : rel);
  } catch {
    return [];
  }
}

/** `startRel` is a directory, project-relative ('.' = the root). */
export async function* walk(root: string, startRel: string, opts: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const parts = startRel === '.' ? [] : startRel.split('/');
  let rules: IgnoreRule[] = await rulesIn(root, '.');
  for (let i = 1; i <= parts.length; i++) {
    const rel = parts.slice(0, i).join('/');
    rules = rules.concat(await rulesIn(join(root, rel), rel));
  }
  const keepNodeModules = parts.includes('node_modules');
  const keepPith = parts.includes('.pith');
  const maxDepth = opts.maxDepth ?? Infinity;

  async function* visit(abs: string, rel: string, depth: number, inherited: IgnoreRule[]): AsyncGenerator<WalkEntry> {
    if (opts.signal?.aborted) return;
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      return;
    }
    const local = depth === 1 ? inherited : inherited.concat(await rulesIn(abs, rel));
    entries.sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childRel = rel === '.' ? e.name : `${rel}/${e.name}`;
      const childAbs = join(abs, e.name);
      const dir = e.isDirectory();
      if (dir && (e.name === '.git' || (e.name === 'node_modules' && !keepNodeModules) || (e.name === '.pith' && !keepPith))) continue;
      if (isIgnored(local, childRel, dir)) continue;
      if (e.isSymbolicLink()) yield { rel: childRel, abs: childAbs, kind: 'link', depth };
      else if (dir) {
        yield { rel: childRel, abs: childAbs, kind: 'dir', depth };
        if (depth < maxDepth) yield* visit(childAbs, childRel, depth + 1, local);
      } else if (e.isFile()) yield { rel: childRel, abs: childAbs, kind: 'file', depth };
    }
  }
  yield* visit(join(root, startRel), startRel, 1, rules);
}
