import { resolve } from 'node:path';
import type { CliIO } from '../io.js';
import { writeLine } from '../io.js';

/**
 * `pith index`: build or refresh the symbol index of a project and report what it holds.
 * Also home of the small argv reader the index commands share (symbols.ts, map.ts).
 */
const HELP = `usage: pith index [--json] [--root DIR]

Build or refresh the symbol index (tree-sitter definitions and references) of the project.
The first run parses every supported file; later runs re-parse only files whose content
changed and drop deleted ones. The cache lives in DIR/.pith/index/. Files ignored by git are
left out; files over 1 MB or with very long (minified) lines are skipped and counted.

options:
  --root DIR   project root (default: the current directory)
  --json       print one JSON object: files, symbols, lines, languages, skipped, skippedBy,
               parsed, workers, ms
  --help       show this help`;

export interface IndexArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string[]>;
}

/** Reads `--flag`, `--key VALUE` / `--key=VALUE` and positionals; null (after printing why) on a bad option. */
export function readArgs(argv: string[], flags: string[], keys: string[], io: CliIO, cmd: string): IndexArgs | null {
  const out: IndexArgs = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (flags.includes(name)) out.flags.add(name);
    else if (keys.includes(name)) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) {
        io.stderr.write(`pith ${cmd}: ${name} needs a value. See 'pith ${cmd} --help'.\n`);
        return null;
      }
      out.values.set(name, [...(out.values.get(name) ?? []), v]);
    } else if (a.startsWith('-') && a !== '-') {
      io.stderr.write(`pith ${cmd}: unknown option '${a}'. See 'pith ${cmd} --help'.\n`);
      return null;
    } else out.positional.push(a);
  }
  return out;
}

export function rootOf(args: IndexArgs, io: CliIO): string {
  return resolve(io.cwd, args.values.get('--root')?.[0] ?? '.');
}

export async function indexCommand(argv: string[], io: CliIO): Promise<number> {
  const args = readArgs(argv, ['--json', '--help', '-h'], ['--root'], io, 'index');
  if (!args) return 2;
  if (args.flags.has('--help') || args.flags.has('-h')) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  if (args.positional.length) {
    io.stderr.write(`pith index: unexpected argument '${args.positional[0]}'. See 'pith index --help'.\n`);
    return 2;
  }
  const { createSymbolIndex } = await import('../../index/index.js');
  const json = args.flags.has('--json');
  const showProgress = io.isTTY && !json;
  const index = createSymbolIndex({
    root: rootOf(args, io),
    onProgress: showProgress
      ? (p) => { if (p.phase === 'parse') io.stderr.write(`\rparsing ${p.done}/${p.total}`); }
      : undefined,
  });
  const s = await index.build({ signal: io.signal });
  if (showProgress) io.stderr.write('\r\x1b[K');
  if (json) {
    writeLine(io.stdout, JSON.stringify(s));
    return 0;
  }
  const langs = Object.entries(s.languages).sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ');
  writeLine(io.stdout, `files      ${s.files}${langs ? ` (${langs})` : ''}`);
  writeLine(io.stdout, `symbols    ${s.symbols}`);
  writeLine(io.stdout, `languages  ${Object.keys(s.languages).length}`);
  writeLine(io.stdout, `skipped    ${s.skipped} (huge ${s.skippedBy.huge}, minified ${s.skippedBy.minified})`);
  writeLine(io.stdout, `parsed     ${s.parsed}${s.workers ? ` on ${s.workers} workers` : ''}`);
  writeLine(io.stdout, `ms         ${s.ms}`);
  return 0;
}
