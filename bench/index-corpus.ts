import { readdir, mkdtemp, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/**
 * The index benchmark's corpus: every .ts/.tsx/.js/.mjs/.cjs/.py/.go/.rs file under the project's
 * node_modules plus its src/. The bench indexes it through a scratch root whose node_modules and
 * src are symlinks to the project's, so the cache and the probe file for the update timing live in
 * the scratch root and nothing is written into the project.
 */
export const CORPUS_EXT = /\.(ts|tsx|js|mjs|cjs|py|go|rs)$/;

async function walk(base: string, dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(join(base, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) await walk(base, rel, out);
    else if (e.isFile() && CORPUS_EXT.test(e.name)) out.push(rel);
  }
}

/** Corpus paths relative to the project root, sorted. Symlinked entries are not followed. */
export async function listCorpus(projectRoot: string): Promise<string[]> {
  const out: string[] = [];
  await walk(projectRoot, 'node_modules', out);
  await walk(projectRoot, 'src', out);
  return out.sort();
}

/** A scratch root mirroring the project's node_modules and src through symlinks. */
export async function scratchRoot(projectRoot: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pith-index-bench-'));
  await symlink(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await symlink(join(projectRoot, 'src'), join(dir, 'src'), 'dir');
  return dir;
}
