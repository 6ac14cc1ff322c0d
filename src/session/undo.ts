import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../core/index.js';
import { blobPath, currentHash, groupsDir, normalizeRel, type SnapshotManifest } from './snapshots.js';

export type UndoSkipReason = 'changed_since' | 'missing_snapshot' | 'outside_root';

export interface UndoReport {
  groupId: string;
  createdAt: string;
  dryRun: boolean;
  /** Put back to their content before the group (or, in a dry run, would be). */
  restored: string[];
  /** Created by the group and removed. */
  deleted: string[];
  /** Already as they were before the group: nothing to do. */
  unchanged: string[];
  /** Left alone: the user changed them since, or the snapshot is unusable. */
  skipped: Array<{ path: string; reason: UndoSkipReason }>;
}

/**
 * Undo the last group not yet undone. A file is touched only if its content is still exactly
 * what the group left (after-hash): then it gets its before-content back, or is deleted if the
 * group created it. Anything else is reported in `skipped` and left alone. Unless `dryRun`, the
 * group is marked undone (even if some files were skipped) so the next undo goes one further
 * back. Returns null when there is nothing to undo. Directories the group created stay.
 */
export async function undoLast(root: string, opts: { dryRun?: boolean; now?: () => Date } = {}): Promise<UndoReport | null> {
  const last = await lastGroup(root);
  if (!last) return null;
  const { file, manifest } = last;
  const dryRun = opts.dryRun ?? false;
  const report: UndoReport = { groupId: manifest.groupId, createdAt: manifest.createdAt, dryRun, restored: [], deleted: [], unchanged: [], skipped: [] };
  for (const entry of manifest.files) {
    const rel = normalizeRel(root, entry.path);
    if (rel === null) {
      report.skipped.push({ path: entry.path, reason: 'outside_root' });
      continue;
    }
    const now = await currentHash(root, rel);
    if (now === entry.before) {
      report.unchanged.push(rel);
      continue;
    }
    if (now !== entry.after) {
      report.skipped.push({ path: rel, reason: 'changed_since' });
      continue;
    }
    const abs = resolve(root, rel);
    if (entry.before === null) {
      if (!dryRun) await unlink(abs);
      report.deleted.push(rel);
      continue;
    }
    let data: Buffer;
    try {
      data = await readFile(blobPath(root, entry.before));
    } catch {
      report.skipped.push({ path: rel, reason: 'missing_snapshot' });
      continue;
    }
    if (!dryRun) {
      await mkdir(dirname(abs), { recursive: true });
      await writeFileAtomic(abs, data, entry.mode);
    }
    report.restored.push(rel);
  }
  if (!dryRun) {
    const undone: SnapshotManifest = { ...manifest, undoneAt: (opts.now?.() ?? new Date()).toISOString() };
    await writeFileAtomic(file, JSON.stringify(undone, null, 1) + '\n');
  }
  return report;
}

/** Committed manifests, newest first, undone ones included (for listings). */
export async function listGroups(root: string): Promise<Array<{ file: string; manifest: SnapshotManifest }>> {
  let names: string[];
  try {
    names = await readdir(groupsDir(root));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: Array<{ file: string; manifest: SnapshotManifest }> = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort().reverse()) {
    const file = join(groupsDir(root), name);
    try {
      const manifest = JSON.parse(await readFile(file, 'utf8')) as SnapshotManifest;
      if (manifest.v === 1 && Array.isArray(manifest.files)) out.push({ file, manifest });
    } catch {
      // an unreadable manifest is not a group we can undo
    }
  }
  return out;
}

async function lastGroup(root: string) {
  return (await listGroups(root)).find((g) => !g.manifest.undoneAt) ?? null;
}
