/**
 * `pith tool NAME 'JSON-ARGS' [--root DIR] [--anchors MODE]`: run one tool exactly as the model
 * would and print what it would see (stdout); exit 1 when the result is an error. Running it is
 * the user's consent, so nothing is asked (approval mode trust).
 * `pith tool --list [--json] [--anchors MODE]`: every tool's name, description, schema and token
 * cost (counted as the provider sends them), plus the total.
 */
import type { AnchorMode } from '../../core/index.js';
import { countTools, getTokenizer } from '../../tokens/index.js';
import { createToolset } from '../../tools/index.js';
import { writeLine, type CliIO } from '../io.js';

const USAGE = [
  "usage: pith tool NAME 'JSON-ARGS' [--root DIR] [--anchors hash|line|off]",
  '       pith tool --list [--json] [--anchors hash|line|off]',
  '',
  'Runs one tool as the model would (no approval prompt: running it is your consent) and prints',
  'exactly what the model would see; exits 1 when the result is an error.',
  '--list shows every tool with its description, JSON schema and token cost.',
].join('\n');

const MODES: readonly AnchorMode[] = ['hash', 'line', 'off'];

interface Parsed {
  positional: string[];
  root?: string;
  anchors: AnchorMode;
  list: boolean;
  json: boolean;
  help: boolean;
}

function parse(argv: string[]): Parsed | string {
  const p: Parsed = { positional: [], anchors: 'hash', list: false, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--root') p.root = value();
      else if (a === '--anchors') {
        const m = value();
        if (!MODES.includes(m as AnchorMode)) return `--anchors must be one of ${MODES.join(', ')}`;
        p.anchors = m as AnchorMode;
      } else if (a === '--list') p.list = true;
      else if (a === '--json') p.json = true;
      else if (a === '--help' || a === '-h') p.help = true;
      else if (a.startsWith('--')) return `unknown option ${a}`;
      else p.positional.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  return p;
}

async function list(p: Parsed, io: CliIO): Promise<number> {
  const ts = await createToolset({ root: p.root ?? io.cwd, anchors: p.anchors, approval: { mode: 'trust' }, approve: async () => 'allow' });
  const tok = await getTokenizer();
  const schemas = ts.schemas();
  const rows = schemas.map((s) => ({ ...s, tokens: countTools(tok, [s]) }));
  const total = countTools(tok, schemas);
  if (p.json) {
    writeLine(io.stdout, JSON.stringify({ anchors: p.anchors, tools: rows, total }, null, 2));
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    writeLine(io.stdout, `${r.name.padEnd(width)}  ${String(r.tokens).padStart(4)} tokens  ${r.description}`);
    writeLine(io.stdout, `${' '.repeat(width + 2)}${JSON.stringify(r.parameters)}`);
  }
  writeLine(io.stdout, `total: ${total} tokens for ${rows.length} tools as sent (anchors: ${p.anchors})`);
  return 0;
}

export async function toolCommand(argv: string[], io: CliIO): Promise<number> {
  const p = parse(argv);
  if (typeof p === 'string') {
    io.stderr.write(`pith tool: ${p}\n${USAGE}\n`);
    return 2;
  }
  if (p.help) {
    writeLine(io.stdout, USAGE);
    return 0;
  }
  if (p.list) return list(p, io);
  const [name, args = '{}', ...extra] = p.positional;
  if (!name || extra.length > 0) {
    io.stderr.write(`pith tool: ${name ? 'too many arguments (quote the JSON)' : 'which tool?'}\n${USAGE}\n`);
    return 2;
  }
  const root = p.root ?? io.cwd;
  // The real index backs `symbols` and large-file outlines, as in a run (memory only: a
  // one-off command does not write .pith/index into the user's tree).
  const { createSymbolIndex } = await import('../../index/index.js');
  const index = createSymbolIndex({ root, cacheDir: null });
  const ts = await createToolset({ root, anchors: p.anchors, approval: { mode: 'trust' }, approve: async () => 'allow', index });
  const result = await ts.run(name, args, io.signal);
  writeLine(io.stdout, result.forModel);
  return result.error ? 1 : 0;
}
