import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, mkdirSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** The only variables a child inherits from pith's environment; its configured `env` is added on top. */
export const INHERITED_ENV = ['PATH', 'HOME', 'LANG', 'TERM'] as const;

export function childEnv(parentEnv: Readonly<Record<string, string | undefined>>, extra?: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of INHERITED_ENV) {
    const v = parentEnv[key];
    if (v !== undefined) env[key] = v;
  }
  return { ...env, ...extra };
}

export interface StdioOptions {
  command: string;
  args: readonly string[];
  /** The complete environment of the child (see childEnv). */
  env: Record<string, string>;
  cwd: string;
  /** The child's stderr is appended here (fd handed to the child); never our terminal. */
  logPath: string;
}

/**
 * A stdio transport that, unlike the SDK's StdioClientTransport, does not merge in the parent's
 * USER/SHELL/LOGNAME and writes the child's stderr straight to a log file. Speaks the same
 * newline-delimited JSON-RPC (the SDK's ReadBuffer/serializeMessage).
 */
export class LoggedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** How the child ended ("exit code 1", "signal SIGKILL"), once it has. */
  exitReason?: string;
  private child?: ChildProcess;
  private readonly buffer = new ReadBuffer();

  constructor(private readonly opts: StdioOptions) {}

  start(): Promise<void> {
    mkdirSync(dirname(this.opts.logPath), { recursive: true });
    const fd = openSync(this.opts.logPath, 'a');
    writeSync(fd, `--- ${new Date().toISOString()} start: ${[this.opts.command, ...this.opts.args].join(' ')}\n`);
    return new Promise((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn(this.opts.command, [...this.opts.args], { env: this.opts.env, cwd: this.opts.cwd, stdio: ['pipe', 'pipe', fd], shell: false });
      } catch (e) {
        closeSync(fd);
        reject(e as Error);
        return;
      }
      this.child = child;
      child.once('spawn', () => {
        closeSync(fd);
        resolve();
      });
      child.on('error', (e) => {
        if (child.pid === undefined) {
          closeSync(fd);
          reject(e);
        }
        this.onerror?.(e);
      });
      child.once('exit', (code, signal) => {
        this.exitReason = signal ? `signal ${signal}` : `exit code ${code}`;
      });
      child.once('close', () => {
        this.child = undefined;
        this.onclose?.();
      });
      child.stdout!.on('data', (chunk: Buffer) => {
        try {
          this.buffer.append(chunk);
        } catch (e) {
          // A message over the buffer cap: the stream cannot be resynchronised.
          this.onerror?.(e as Error);
          void this.close();
          return;
        }
        for (;;) {
          let msg: JSONRPCMessage | null;
          try {
            msg = this.buffer.readMessage();
          } catch (e) {
            this.onerror?.(e as Error);
            continue;
          }
          if (msg === null) break;
          this.onmessage?.(msg);
        }
      });
      child.stdin!.on('error', (e) => this.onerror?.(e));
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) return Promise.reject(new Error('not connected'));
    return new Promise((resolve) => {
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /** Ends stdin, then SIGTERM after 1 s and SIGKILL after 2 s if the child lingers. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const closed = new Promise<void>((r) => child.once('close', () => r()));
    child.stdin?.end();
    const waited = (ms: number) => Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    if (await waited(1000)) return;
    child.kill('SIGTERM');
    if (await waited(1000)) return;
    child.kill('SIGKILL');
    await waited(1000);
  }
}
