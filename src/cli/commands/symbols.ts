import type { CliIO } from '../io.js';
import { writeLine } from '../io.js';
import { readArgs, rootOf } from './index-cmd.js';

/** `pith symbols QUERY`: definitions by name (exact, then case-insensitive, then fuzzy). */
const HELP = `usage: pith symbols QUERY [--json] [--limit N] [--root DIR]

Find definitions by name: exact matches first, then case-insensitive, then fuzzy ones.
QUERY may name a container too: Class.method or Type::fn. Builds or refreshes the index
first (see 'pith index'). Exits 1 when nothing matches.

options:
  --limit N    at most N results (default 20)
  --root DIR   project root (default: the current directory)
  --json       print a JSON array of { name, kind, path, startLine, endLine, signature, container? }
  --help       show this help`;

export async function symbolsCommand(argv: string[], io: CliIO): Promise<number> {
  const args = readArgs(argv, ['--json', '--help', '-h'], ['--root', '--limit'], io, 'symbols');
  if (!args) return 2;
  if (args.flags.has('--help') || args.flags.has('-h')) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  const query = args.positional.join(' ').trim();
  if (!query) {
    io.stderr.write("pith symbols: give a name to look for. See 'pith symbols --help'.\n");
    return 2;
  }
  const limit = Number(args.values.get('--limit')?.[0] ?? 20);
  if (!Number.isInteger(limit) || limit <= 0) {
    io.stderr.write('pith symbols: --limit must be a positive whole number.\n');
    return 2;
  }
  const { createSymbolIndex } = await import('../../index/index.js');
  const index = createSymbolIndex({ root: rootOf(args, io) });
  await index.build({ signal: io.signal });
  const defs = await index.find(query, limit);
  if (args.flags.has('--json')) {
    writeLine(io.stdout, JSON.stringify(defs));
    return defs.length ? 0 : 1;
  }
  if (!defs.length) {
    io.stderr.write(`pith symbols: no definitions match '${query}'.\n`);
    return 1;
  }
  for (const d of defs) {
    const where = `${d.path}:${d.startLine}-${d.endLine}`;
    writeLine(io.stdout, `${where}  ${d.kind} ${d.container ? `${d.container}.` : ''}${d.name}`);
    writeLine(io.stdout, `    ${d.signature}`);
  }
  return 0;
}
