import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { undoCommand } from '../../src/cli/commands/undo.js';
import type { CliIO } from '../../src/cli/io.js';
import { createSnapshotStore } from '../../src/session/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[], cwd: string) {
  const out = new PassThrough();
  let stdout = '';
  out.on('data', (d) => (stdout += d));
  const io: CliIO = { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd, isTTY: false, signal: new AbortController().signal };
  return { code: await undoCommand(argv, io), stdout };
}

describe('pith undo', () => {
  it('--dry-run shows the plan, then undo restores from a subdirectory of the project', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pith-undo-cmd-'));
    dirs.push(root);
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/a.ts'), 'before');
    const store = createSnapshotStore(root);
    await store.beforeWrite('src/a.ts');
    writeFileSync(join(root, 'src/a.ts'), 'after');
    await store.beforeWrite('src/new.ts');
    writeFileSync(join(root, 'src/new.ts'), 'created');
    await store.commit('run-42');

    const dry = await run(['--dry-run'], join(root, 'src'));
    expect(dry.stdout).toMatch(/^would undo run-42 \(.*\):\n {2}restore {2}src\/a\.ts\n {2}delete {3}src\/new\.ts$/m);
    expect(readFileSync(join(root, 'src/a.ts'), 'utf8')).toBe('after');

    const json = JSON.parse((await run(['--json'], join(root, 'src'))).stdout) as { report: { restored: string[]; deleted: string[] } };
    expect(json.report).toMatchObject({ restored: ['src/a.ts'], deleted: ['src/new.ts'] });
    expect(readFileSync(join(root, 'src/a.ts'), 'utf8')).toBe('before');
    expect(await run([], root)).toEqual({ code: 0, stdout: 'nothing to undo.\n' });
  });
});
