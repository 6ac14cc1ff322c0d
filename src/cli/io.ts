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

/**
 * Arguments of a command whose only option is --json (and --help). Returns whether --json was
 * given, or the exit code when the command is done already (0 after --help, 2 on bad options).
 */
export async function parseJsonFlag(command: string, usage: string, argv: string[], io: CliIO): Promise<boolean | number> {
  const { parseArgs } = await import('node:util');
  try {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) return io.stdout.write(usage + '\n'), 0;
    return values.json ?? false;
  } catch (e) {
    io.stderr.write(`pith ${command}: ${(e as Error).message}\n${usage}\n`);
    return 2;
  }
}
