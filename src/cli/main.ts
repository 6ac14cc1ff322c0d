#!/usr/bin/env node
/** Entry point. Keep imports here light: heavy modules load inside the command that needs them. */
import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands/registry.js';
import type { CliIO } from './io.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'pith: a token-budget-first coding agent',
    '',
    'usage: pith [command] [options]',
    '       pith            open the terminal UI (in a terminal)',
    '',
    'commands:',
    ...lines,
    '',
    'global options: --profile NAME  --model ID  --endpoint URL  --help  --version',
    'pith COMMAND --help shows a command\'s own options. Settings: CONFIG.md.',
  ].join('\n');
}

/** Global options that take a value; they may stand before the command name. */
const GLOBAL_VALUE_FLAGS = new Set(['--profile', '--model', '--endpoint']);

/** `pith --profile x chat hi` -> `pith chat --profile x hi`: commands parse the global flags themselves. */
export function hoistCommand(argv: string[]): string[] {
  const globals: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const a = argv[i]!;
    if (GLOBAL_VALUE_FLAGS.has(a) && i + 1 < argv.length) {
      globals.push(a, argv[i + 1]!);
      i += 2;
    } else if ([...GLOBAL_VALUE_FLAGS].some((f) => a.startsWith(`${f}=`))) {
      globals.push(a);
      i += 1;
    } else break;
  }
  if (globals.length === 0 || i >= argv.length) return argv;
  return [argv[i]!, ...globals, ...argv.slice(i + 1)];
}

export async function main(rawArgv: string[], io: CliIO): Promise<number> {
  const argv = hoistCommand(rawArgv);
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    io.stdout.write(version() + '\n');
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const target = rest[0] && COMMANDS[rest[0]];
    if (target) return (await target.load())(['--help'], io);
    io.stdout.write(help() + '\n');
    return 0;
  }
  if (first === undefined || first.startsWith('-')) {
    if (!io.isTTY) {
      io.stderr.write(help() + '\n\npith: no command given and not a terminal; see the commands above.\n');
      return 2;
    }
    const { tuiCommand } = await import('./commands/tui.js');
    return tuiCommand(argv, io);
  }
  const entry = COMMANDS[first];
  if (!entry) {
    io.stderr.write(`pith: unknown command '${first}'. Run 'pith --help' for the list.\n`);
    return 2;
  }
  return (await entry.load())(rest, io);
}

async function runFromProcess(): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    controller.abort();
  });
  const io: CliIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    signal: controller.signal,
  };
  try {
    process.exitCode = await main(process.argv.slice(2), io);
  } catch (e) {
    const { isPithError } = await import('../core/errors.js');
    if (isPithError(e)) {
      process.stderr.write(`pith: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(`pith: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    }
  }
}

// Run only when executed, not when imported by tests.
const invoked = process.argv[1] ?? '';
if (invoked.endsWith('main.js') || invoked.endsWith('/pith') || invoked.endsWith('\\pith')) {
  void runFromProcess();
}
