import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rm, stat, access } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { PithError, writeFileAtomic } from '../core/index.js';

/**
 * Undo snapshots. Layout under `<root>/.pith/snapshots/`:
 *   blobs/<sha256>        a file's content before a change, stored once per content
 *   groups/<seq>.json     one manifest per committed group (a run or a plan step)
 *   open/<group>.jsonl    the open group's entries, appended before each first write and
 *                         removed at commit: after a kill it says what to put back
 * No git: the user's repository and branch are never touched.
 */

/** Hash of a file's content; null = the file did not exist. */
export type ContentHash = string | null;

export interface ManifestEntry {
  /** Project-relative, '/'-separated. */
  path: string;
  before: ContentHash;
  after: ContentHash;
  /** Permission bits before the change (restored with the content). */
  mode?: number;
}

export interface SnapshotManifest {
  v: 1;
  groupId: string;
  createdAt: string;
  files: ManifestEntry[];
  /** Set when undone: the group is then skipped by the next undo. */
  undoneAt?: string;
}

export interface SnapshotStore {
  /**
   * Call before a tool changes `relPath`. The first call for a path in the open group stores
   * its current content (or records that it did not exist); later calls for it are no-ops.
   * Throws for a path outside the root (a tool bug: tools guard paths first).
   */
  beforeWrite(relPath: string): Promise<void>;
  /** Paths recorded in the open group so far. */
  pending(): string[];
  /**
   * Closes the open group under `groupId` (a run id or plan step id): records each file's
   * after-hash and writes the manifest. Files that ended as they began are left out; with
   * none left no manifest is written and null is returned. A new group opens either way.
   */
  commit(groupId: string): Promise<SnapshotManifest | null>;
  /** Names the open group ahead of its commit (a plan step), so `restoreOpenGroup` can find it after a kill. */
  begin(groupId: string): void;
}

export function snapshotsDir(root: string): string {
  return join(root, '.pith', 'snapshots');
}
export const blobPath = (root: string, hash: string) => join(snapshotsDir(root), 'blobs', hash);
export const groupsDir = (root: string) => join(snapshotsDir(root), 'groups');
/** The journal of an open group; groups never named by `begin` share one. */
export const openJournalPath = (root: string, groupId = 'unnamed') => join(snapshotsDir(root), 'open', `${groupId.replace(/[^A-Za-z0-9_.-]/g, '_')}.jsonl`);

export function hashContent(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Project-relative '/'-path for `relPath`, or null when it leaves the root. */
export function normalizeRel(root: string, relPath: string): string | null {
  if (isAbsolute(relPath)) relPath = relative(root, relPath);
  const rel = normalize(relPath);
  if (rel === '' || rel === '.' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

/** Current hash of a project file, null when it does not exist. */
export async function currentHash(root: string, rel: string): Promise<ContentHash> {
  try {
    return hashContent(await readFile(resolve(root, rel)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export function createSnapshotStore(root: string, now: () => Date = () => new Date()): SnapshotStore {
  let open = new Map<string, Promise<ManifestEntry>>();
  let journal = openJournalPath(root);

  async function record(rel: string): Promise<ManifestEntry> {
    const entry = await capture(rel);
    // Journalled before the tool writes: a process killed mid-group leaves what to restore.
    await mkdir(dirname(journal), { recursive: true });
    await appendFile(journal, JSON.stringify(entry) + '\n');
    return entry;
  }

  async function capture(rel: string): Promise<ManifestEntry> {
    const abs = resolve(root, rel);
    let data: Buffer;
    try {
      data = await readFile(abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path: rel, before: null, after: null };
      throw e;
    }
    const hash = hashContent(data);
    const mode = (await stat(abs)).mode & 0o777;
    const blob = blobPath(root, hash);
    if (!(await exists(blob))) {
      await mkdir(join(snapshotsDir(root), 'blobs'), { recursive: true });
      await writeFileAtomic(blob, data);
    }
    return { path: rel, before: hash, after: null, mode };
  }

  return {
    async beforeWrite(relPath) {
      const rel = normalizeRel(root, relPath);
      if (rel === null) throw new PithError('internal', `snapshot of a path outside the project: ${relPath}`);
      let entry = open.get(rel);
      if (!entry) {
        entry = record(rel);
        open.set(rel, entry);
        entry.catch(() => open.delete(rel)); // a failed read may be retried
      }
      await entry;
    },
    pending: () => [...open.keys()],
    begin(groupId) {
      if (open.size === 0) journal = openJournalPath(root, groupId);
    },
    async commit(groupId) {
      const recorded = open;
      const closing = journal;
      open = new Map();
      journal = openJournalPath(root);
      const entries = await Promise.all([...recorded.values()].map((p) => p.catch(() => null)));
      const files: ManifestEntry[] = [];
      for (const e of entries) {
        if (!e) continue;
        const after = await currentHash(root, e.path);
        if (after !== e.before) files.push({ ...e, after });
      }
      if (files.length === 0) {
        await rm(closing, { force: true });
        return null;
      }
      const t = now();
      const manifest: SnapshotManifest = { v: 1, groupId, createdAt: t.toISOString(), files };
      await mkdir(groupsDir(root), { recursive: true });
      // Names sort in commit order: millisecond time, then a random tie-breaker.
      const name = `${String(t.getTime()).padStart(15, '0')}-${randomBytes(3).toString('hex')}.json`;
      await writeFileAtomic(join(groupsDir(root), name), JSON.stringify(manifest, null, 1) + '\n');
      await rm(closing, { force: true });
      return manifest;
    },
  };
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/**
 * After a process was killed mid-group (an interrupted plan step, named by `begin`): put every
 * file that group had changed back to its content before the group, and close its journal.
 * Returns the restored paths (empty when the group left no journal). Files whose snapshot is
 * missing are left alone.
 */
export async function restoreOpenGroup(root: string, groupId: string): Promise<string[]> {
  const journal = openJournalPath(root, groupId);
  let text: string;
  try {
    text = await readFile(journal, 'utf8');
  } catch {
    return [];
  }
  const entries = new Map<string, ManifestEntry>();
  for (const line of text.split('\n')) {
    try {
      const e = JSON.parse(line) as ManifestEntry;
      const rel = typeof e.path === 'string' ? normalizeRel(root, e.path) : null;
      if (rel && !entries.has(rel)) entries.set(rel, e); // the first entry holds the oldest content
    } catch {
      // a torn last line: its write never happened
    }
  }
  const restored: string[] = [];
  for (const [rel, e] of entries) {
    const abs = resolve(root, rel);
    if ((await currentHash(root, rel).catch(() => undefined)) === e.before) continue;
    if (e.before === null) {
      await rm(abs, { force: true });
    } else {
      const data = await readFile(blobPath(root, e.before)).catch(() => null);
      if (!data) continue;
      await writeFileAtomic(abs, data, e.mode);
    }
    restored.push(rel);
  }
  await rm(journal, { force: true });
  return restored;
}
