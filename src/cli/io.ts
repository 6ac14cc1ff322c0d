/** What a command may touch of the outside world. Injected so tests run commands in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stdin and stdout are both terminals. */
  isTTY: boolean;
  /** Fires on Ctrl+C. */
  signal: AbortSignal;
}

/** A subcommand: receives argv after its own name, returns the exit code. */
export type CommandHandler = (argv: string[], io: CliIO) => Promise<number>;

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(text + '\n');
}
