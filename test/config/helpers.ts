import { mkdtemp, mkdir, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';

/** A fresh temp home and project dir; `cleanup` removes both. */
export async function makeDirs(): Promise<{ home: string; project: string; userConfig: string; projectConfig: string; cleanup: () => Promise<void> }> {
  const base = await mkdtemp(join(tmpdir(), 'pith-config-'));
  const home = join(base, 'home');
  const project = join(base, 'project');
  await mkdir(home, { recursive: true });
  await mkdir(join(project, '.git'), { recursive: true });
  return {
    home,
    project,
    userConfig: join(home, '.config', 'pith', 'config.toml'),
    projectConfig: join(project, '.pith', 'config.toml'),
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}

export async function put(path: string, text: string, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  await chmod(path, mode);
}

/** A CliIO for in-process command runs: captured stdout/stderr, a controllable Ctrl+C. */
export function fakeIO(opts: { env?: Record<string, string>; cwd: string; isTTY?: boolean }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = { stdout: '', stderr: '' };
  stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
  stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
  const controller = new AbortController();
  const io = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: opts.env ?? {},
    cwd: opts.cwd,
    isTTY: opts.isTTY ?? false,
    signal: controller.signal,
  };
  return { io, out, interrupt: () => controller.abort() };
}
