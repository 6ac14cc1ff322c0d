/**
 * Run a shell command in its own process group (detached), so a timeout, an abort or the
 * command's own end can kill everything it started: `kill(-pid)`. Contract: nothing the command
 * starts outlives it (background jobs are killed when the shell exits). Output is stdout and
 * stderr interleaved as they arrive, bounded in memory (head + rolling tail).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal: AbortSignal;
  /** Memory bound for the captured output; beyond it the middle is dropped. */
  maxBytes?: number;
}

export interface RunOutcome {
  output: string;
  exitCode: number | null;
  /** How it ended: on its own, killed by the timeout, or by the caller's abort. */
  end: 'exit' | 'timeout' | 'aborted' | 'spawn_error';
  termSignal: string | null;
  droppedBytes: number;
  durationMs: number;
}

const KILL_GRACE_MS = 1500;
/** Longer commands exceed the kernel's per-argument limit (128 KiB): they run from a script file. */
const MAX_INLINE = 64 * 1024;

function start(command: string, opts: RunOptions): { child: ChildProcess; cleanup(): void } {
  const spawnOpts: SpawnOptions = { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] };
  if (command.length <= MAX_INLINE) return { child: spawn('/bin/bash', ['-c', command], spawnOpts), cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'pith-cmd-'));
  const script = join(dir, 'command.sh');
  writeFileSync(script, command);
  return { child: spawn('/bin/bash', [script], spawnOpts), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function runInProcessGroup(command: string, opts: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const maxBytes = opts.maxBytes ?? 8 * 1024 * 1024;
  return new Promise((resolve) => {
    const head: Buffer[] = [];
    const tail: Buffer[] = [];
    let headBytes = 0;
    let tailBytes = 0;
    let dropped = 0;
    let end: RunOutcome['end'] = 'exit';
    let exitCode: number | null = null;
    let termSignal: string | null = null;
    let launched: ReturnType<typeof start>;
    try {
      launched = start(command, opts);
    } catch (e) {
      resolve({ output: `cannot start bash: ${(e as Error).message}`, exitCode: null, end: 'spawn_error', termSignal: null, droppedBytes: 0, durationMs: 0 });
      return;
    }
    const { child, cleanup } = launched;

    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // the group is already gone
      }
    };
    let graceTimer: NodeJS.Timeout | undefined;
    const stop = (why: 'timeout' | 'aborted') => {
      if (end !== 'exit') return;
      end = why;
      killGroup('SIGTERM');
      graceTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => stop('timeout'), opts.timeoutMs);
    const onAbort = () => stop('aborted');
    if (opts.signal.aborted) onAbort();
    else opts.signal.addEventListener('abort', onAbort, { once: true });

    const take = (b: Buffer) => {
      if (headBytes < maxBytes / 4) {
        head.push(b);
        headBytes += b.length;
        return;
      }
      tail.push(b);
      tailBytes += b.length;
      while (tailBytes > (maxBytes * 3) / 4 && tail.length > 1) {
        const gone = tail.shift()!;
        tailBytes -= gone.length;
        dropped += gone.length;
      }
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);

    const finish = () => {
      cleanup();
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      opts.signal.removeEventListener('abort', onAbort);
      const mid = dropped > 0 ? [Buffer.from(`\n[... ${dropped} bytes dropped while running ...]\n`)] : [];
      const output = Buffer.concat([...head, ...mid, ...tail]).toString('utf8');
      resolve({ output, exitCode, end, termSignal, droppedBytes: dropped, durationMs: Date.now() - started });
    };
    child.on('exit', (code, sig) => {
      exitCode = code;
      termSignal = sig;
      // The shell is done: whatever it left running in its group goes too.
      killGroup('SIGKILL');
    });
    child.on('close', finish);
    child.on('error', (e) => {
      end = 'spawn_error';
      head.push(Buffer.from(`cannot start bash: ${e.message}`));
      finish();
    });
  });
}
