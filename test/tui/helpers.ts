import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openTui } from '../../src/cli/commands/tui.js';
import type { CliIO } from '../../src/cli/io.js';
import type { TuiHandle } from '../../src/tui/index.js';

/** A fake terminal: a raw-mode-capable input and a sized output, both TTY-looking. */
export function fakeTerminal(cols = 100, rows = 30) {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input, isRaw: true });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: cols, rows });
  let written = '';
  output.on('data', (c: Buffer) => (written += c.toString('utf8')));
  return { input, output, written: () => written };
}

export async function tempProject(config: string): Promise<{ root: string; home: string }> {
  const base = await mkdtemp(join(tmpdir(), 'pith-tui-'));
  const root = join(base, 'project');
  const home = join(base, 'home');
  await mkdir(join(root, '.git'), { recursive: true });
  await writeFile(join(root, 'notes.txt'), 'alpha\nbeta\n');
  await writeFile(join(root, 'greet.ts'), 'export function greet(name: string): string {\n  return `hi ${name}`;\n}\n');
  const cfg = join(home, '.config', 'pith', 'config.toml');
  await mkdir(dirname(cfg), { recursive: true });
  await writeFile(cfg, config, { mode: 0o600 });
  return { root, home };
}

export interface Session {
  handle: TuiHandle;
  /** Writes keys one chunk at a time, a tick apart (neo-blessed needs the tick). */
  keys(...chunks: string[]): Promise<void>;
  type(text: string): Promise<void>;
  screen(): string;
  /** Everything written to the terminal so far (escape codes included). */
  written(): string;
  resize(cols: number, rows: number): Promise<void>;
  until(cond: () => boolean, what: string, timeoutMs?: number): Promise<void>;
}

export async function openSession(root: string, home: string, env: Record<string, string> = {}, opts: { resume?: string | true } = {}): Promise<Session> {
  const term = fakeTerminal();
  const io: CliIO = { stdout: term.output, stderr: new PassThrough(), stdin: term.input, env: { HOME: home, NO_COLOR: '1', ...env }, cwd: root, isTTY: true, signal: new AbortController().signal };
  const handle = await openTui(io, {}, opts);
  if (typeof handle === 'number') throw new Error(`openTui exited ${handle}`);
  const tick = () => new Promise((r) => setImmediate(r));
  const keys = async (...chunks: string[]) => {
    for (const c of chunks) {
      await tick();
      term.input.write(c);
    }
    await tick();
  };
  return {
    handle,
    keys,
    type: (text) => keys(...[...text]),
    screen: () => handle.snapshot(),
    written: () => term.written(),
    async resize(cols, rows) {
      Object.assign(term.output, { columns: cols, rows });
      term.output.emit('resize');
      await tick();
    },
    async until(cond, what, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      while (!cond()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n--- screen ---\n${handle.snapshot()}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}
