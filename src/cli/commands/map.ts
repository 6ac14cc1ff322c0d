import type { CliIO } from '../io.js';
import { writeLine } from '../io.js';
import { readArgs, rootOf } from './index-cmd.js';

/** `pith map`: the ranked repo map, fitted to a token budget. */
const HELP = `usage: pith map [--tokens N] [--task "..."] [--focus FILE]... [--root DIR]

Print the repo map: the most relevant definitions of the project, ranked by references
between files (PageRank-like) and by the task's words and focus files, as file paths with
indented "line: signature" entries. The map never exceeds N tokens (o200k tokenizer).
Builds or refreshes the index first (see 'pith index').

options:
  --tokens N     token budget, a hard maximum (default 1024)
  --task TEXT    what the map is for: definitions and files it names rank first
  --focus FILE   a file the task is about (repeatable)
  --root DIR     project root (default: the current directory)
  --help         show this help`;

export async function mapCommand(argv: string[], io: CliIO): Promise<number> {
  const args = readArgs(argv, ['--help', '-h'], ['--root', '--tokens', '--task', '--focus'], io, 'map');
  if (!args) return 2;
  if (args.flags.has('--help') || args.flags.has('-h')) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  if (args.positional.length) {
    io.stderr.write(`pith map: unexpected argument '${args.positional[0]}'; quote the task: --task "...".\n`);
    return 2;
  }
  const tokens = Number(args.values.get('--tokens')?.[0] ?? 1024);
  if (!Number.isInteger(tokens) || tokens <= 0) {
    io.stderr.write('pith map: --tokens must be a positive whole number.\n');
    return 2;
  }
  const { createSymbolIndex } = await import('../../index/index.js');
  const index = createSymbolIndex({ root: rootOf(args, io) });
  await index.build({ signal: io.signal });
  const map = await index.repoMap({ tokens, task: args.values.get('--task')?.join(' '), focusFiles: args.values.get('--focus') });
  if (!map) {
    io.stderr.write(`pith map: nothing fits in ${tokens} tokens (or no supported source files).\n`);
    return 1;
  }
  io.stdout.write(map);
  return 0;
}
