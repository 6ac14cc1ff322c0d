/**
 * Measures what anchors and tool schemas cost, with the real tokenizer (o200k):
 * - overhead tokens per line of each anchor mode (hash, line, off) on real source files from
 *   node_modules: tokens(formatted rows) - tokens(plain text), divided by the line count;
 * - tokens of the core tools' JSON schemas, each and together, as the provider sends them.
 * Run: npm run build && node dist/bench/anchors-bench.js [FILE...]
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnchorMode } from '../src/core/index.js';
import { countTools, getTokenizer } from '../src/tokens/index.js';
import { createToolset, excerptRows, initAnchors, lineHash } from '../src/tools/index.js';

const DEFAULT_FILES = [
  'node_modules/openai/src/client.ts',
  'node_modules/openai/src/core/streaming.ts',
  'node_modules/lru-cache/dist/esm/index.js',
  'node_modules/smol-toml/dist/parse.js',
  'node_modules/zod/v4/core/util.js',
];
const MODES: AnchorMode[] = ['hash', 'line', 'off'];

function pad(s: string | number, n: number): string {
  return String(s).padStart(n);
}

async function main(): Promise<void> {
  const tok = await getTokenizer();
  await initAnchors();
  const args = process.argv.slice(2);
  const files = (args.length ? args : DEFAULT_FILES).filter((f) => existsSync(f)).slice(0, args.length || 3);
  console.log('anchor overhead, tokens per line (o200k)');
  console.log(`${'file'.padEnd(46)} ${pad('lines', 6)} ${pad('plain', 7)} ${MODES.map((m) => pad(m, 6)).join(' ')}  hash<=999`);
  const sums: Record<string, number> = { lines: 0, hash: 0, line: 0, off: 0 };
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
    const hashes = lines.map(lineHash);
    const plain = tok.count(lines.join('\n'));
    const per = MODES.map((m) => (tok.count(excerptRows(lines, (n) => hashes[n - 1], 1, lines.length, m)) - plain) / lines.length);
    // Line numbers of 4+ digits cost an extra token: the first 999 lines show the common case.
    const head = lines.slice(0, 999);
    const headPer = (tok.count(excerptRows(head, (n) => hashes[n - 1], 1, head.length, 'hash')) - tok.count(head.join('\n'))) / head.length;
    console.log(`${f.padEnd(46)} ${pad(lines.length, 6)} ${pad(plain, 7)} ${per.map((p) => pad(p.toFixed(2), 6)).join(' ')}  ${pad(headPer.toFixed(2), 9)}`);
    sums.lines! += lines.length;
    MODES.forEach((m, i) => (sums[m]! += per[i]! * lines.length));
  }
  console.log(`${'weighted mean'.padEnd(46)} ${pad(sums.lines!, 6)} ${pad('', 7)} ${MODES.map((m) => pad((sums[m]! / sums.lines!).toFixed(2), 6)).join(' ')}`);

  console.log('\ntool schemas, tokens as sent (countTools)');
  for (const anchors of MODES) {
    const ts = await createToolset({ root: resolve('.'), anchors, approval: { mode: 'trust' }, approve: async () => 'allow' });
    const schemas = ts.schemas();
    const each = schemas.map((s) => `${s.name} ${countTools(tok, [s])}`).join(', ');
    console.log(`anchors=${anchors.padEnd(4)} total ${pad(countTools(tok, schemas), 4)}  (${each})`);
  }
}

void main();
