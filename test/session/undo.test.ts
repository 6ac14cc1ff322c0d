import { describe, it, expect, afterEach } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createSnapshotStore, undoLast, listGroups } from '../../src/session/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pith-undo-'));
  dirs.push(root);
  for (const [p, c] of Object.entries(files)) write(root, p, c);
  return root;
}
function write(root: string, rel: string, content: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}
const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');

/** What a tool does: snapshot, then write. */
async function toolWrite(store: ReturnType<typeof createSnapshotStore>, root: string, rel: string, content: string) {
  await store.beforeWrite(rel);
  write(root, rel, content);
}

describe('undo snapshots', () => {
  it('restores exactly the files the last group changed and deletes the files it created', async () => {
    const root = project({ 'src/a.ts': 'a1', 'src/b.ts': 'b1', 'src/untouched.ts': 'u1', 'README.md': 'r1' });
    const store = createSnapshotStore(root);
    await toolWrite(store, root, 'src/a.ts', 'a2');
    await toolWrite(store, root, 'src/a.ts', 'a3'); // second write in the group: the snapshot stays a1
    await toolWrite(store, root, 'src/new/c.ts', 'c1');
    await store.beforeWrite('src/b.ts'); // snapshotted but never changed: not part of the group
    expect(store.pending().sort()).toEqual(['src/a.ts', 'src/b.ts', 'src/new/c.ts']);
    const manifest = await store.commit('run-1');
    expect(manifest!.files.map((f) => [f.path, f.before === null, f.after === null])).toEqual([
      ['src/a.ts', false, false],
      ['src/new/c.ts', true, false],
    ]);
    write(root, 'README.md', 'r2'); // the user edits a file the group never touched

    const dry = await undoLast(root, { dryRun: true });
    expect(dry).toMatchObject({ groupId: 'run-1', dryRun: true, restored: ['src/a.ts'], deleted: ['src/new/c.ts'], skipped: [] });
    expect(read(root, 'src/a.ts')).toBe('a3'); // a dry run changes nothing

    const report = await undoLast(root);
    expect(report).toMatchObject({ groupId: 'run-1', restored: ['src/a.ts'], deleted: ['src/new/c.ts'], skipped: [] });
    expect(read(root, 'src/a.ts')).toBe('a1');
    expect(existsSync(join(root, 'src/new/c.ts'))).toBe(false);
    expect(read(root, 'src/b.ts')).toBe('b1');
    expect(read(root, 'src/untouched.ts')).toBe('u1');
    expect(read(root, 'README.md')).toBe('r2');
    expect(await undoLast(root)).toBeNull(); // nothing left to undo
  });

  it('refuses to clobber a file the user changed since, and still undoes the rest', async () => {
    const root = project({ 'a.txt': 'a1', 'b.txt': 'b1' });
    const store = createSnapshotStore(root);
    await toolWrite(store, root, 'a.txt', 'a2');
    await toolWrite(store, root, 'b.txt', 'b2');
    await toolWrite(store, root, 'made.txt', 'm1');
    await store.commit('step-3');
    write(root, 'a.txt', 'a2 plus the user edit');
    write(root, 'made.txt', 'user kept working here');
    const report = await undoLast(root);
    expect(report!.skipped).toEqual([
      { path: 'a.txt', reason: 'changed_since' },
      { path: 'made.txt', reason: 'changed_since' },
    ]);
    expect(report!.restored).toEqual(['b.txt']);
    expect(read(root, 'a.txt')).toBe('a2 plus the user edit');
    expect(read(root, 'made.txt')).toBe('user kept working here');
    expect(read(root, 'b.txt')).toBe('b1');
  });

  it('undoes groups one at a time, newest first; restores deleted files and their mode', async () => {
    const root = project({ 'run.sh': '#!/bin/sh\necho 1\n', 'x.txt': 'x1' });
    chmodSync(join(root, 'run.sh'), 0o755);
    const store = createSnapshotStore(root);
    await toolWrite(store, root, 'x.txt', 'x2');
    await store.commit('run-1');
    await store.beforeWrite('run.sh');
    unlinkSync(join(root, 'run.sh')); // a tool deleted it
    await toolWrite(store, root, 'x.txt', 'x3');
    await store.commit('run-2');
    expect(await store.commit('run-3')).toBeNull(); // an empty group writes no manifest
    expect((await listGroups(root)).map((g) => g.manifest.groupId)).toEqual(['run-2', 'run-1']);

    expect((await undoLast(root))!.groupId).toBe('run-2');
    expect(read(root, 'x.txt')).toBe('x2');
    expect(read(root, 'run.sh')).toBe('#!/bin/sh\necho 1\n');
    expect(statSync(join(root, 'run.sh')).mode & 0o777).toBe(0o755);
    expect((await undoLast(root))!.groupId).toBe('run-1');
    expect(read(root, 'x.txt')).toBe('x1');
  });

  it('stores each content once by hash and never stores paths outside the root', async () => {
    const root = project({ 'a.txt': 'same', 'b.txt': 'same' });
    const store = createSnapshotStore(root);
    await store.beforeWrite('a.txt');
    await store.beforeWrite(join(root, 'b.txt')); // absolute inside the root is fine
    expect(readdirSync(join(root, '.pith/snapshots/blobs'))).toHaveLength(1);
    await expect(store.beforeWrite('../outside.txt')).rejects.toThrow(/outside the project/);
  });
});
