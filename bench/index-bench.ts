/**
 * Symbol index benchmark (`npm run bench:index [-- --json] [-- --workers N]`, after `npm run build`).
 * Corpus: bench/index-corpus.ts. Reports files, lines, symbols, cold/warm/update times, peak RSS,
 * Universal Ctags on the same (non-skipped) files, and whether the repo map ever exceeded its
 * budget. Targets: cold <= 2x ctags, warm < 300 ms for 5,000 files, update < 20 ms, map never over.
 */
import { readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSymbolIndex } from '../src/index/index.js';
import { getTokenizer } from '../src/tokens/index.js';
import { listCorpus, scratchRoot } from './index-corpus.js';
import { runCtags } from './index-ctags.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const wIdx = args.indexOf('--workers');
const workers = wIdx >= 0 ? Number(args[wIdx + 1]) : 'auto';
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const corpus = await listCorpus(projectRoot);
  const root = await scratchRoot(projectRoot);
  const cacheDir = join(root, '.pith', 'index');
  const listFiles = async () => corpus;
  try {
    const t0 = performance.now();
    const cold = await createSymbolIndex({ root, cacheDir, listFiles, workers }).build();
    const coldMs = performance.now() - t0;

    const t1 = performance.now();
    const warmIndex = createSymbolIndex({ root, cacheDir, listFiles: async () => [...corpus, 'probe.ts'], workers });
    await warmIndex.build();
    const warmMs = performance.now() - t1;
    if (warmIndex.parseCount !== 0) throw new Error(`warm start parsed ${warmIndex.parseCount} files`);

    // One-file updates of a real source file copied to the scratch root, edited each round.
    const probe = join(root, 'probe.ts');
    const source = await readFile(join(projectRoot, 'src/index/symbol-index.ts'), 'utf8');
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await writeFile(probe, source + `\nexport function probe${i}(): number {\n  return ${i};\n}\n`);
      const t = performance.now();
      await warmIndex.update([probe]);
      times.push(performance.now() - t);
    }
    if ((await warmIndex.find('probe5'))[0]?.name !== 'probe5') throw new Error('update did not index the probe');

    const tok = await getTokenizer();
    const budgets = [200, 1000, 2000, 4000, 8000];
    let mapOver = false;
    const mapTimes: number[] = [];
    for (const tokens of budgets) {
      const t = performance.now();
      const map = await warmIndex.repoMap({ tokens, task: 'fix the repo map budget in createSymbolIndex' });
      mapTimes.push(performance.now() - t);
      if (tok.count(map) > tokens) mapOver = true;
    }

    // ctags gets exactly the files the index parsed (not the huge or minified ones it skipped).
    const ctags = runCtags(projectRoot, warmIndex.files().filter((p) => p !== 'probe.ts'));
    const result = {
      files: cold.files,
      lines: cold.lines,
      symbols: cold.symbols,
      skipped: cold.skipped,
      cold_ms: Math.round(coldMs),
      warm_ms: Math.round(warmMs),
      update_ms: round(median(times.slice(1))),
      update_first_ms: round(times[0]),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      workers: cold.workers,
      ctags_ms: ctags.ms,
      ctags_tags: ctags.tags,
      ratio: ctags.ms ? round(coldMs / ctags.ms) : null,
      map_ms: Math.round(median(mapTimes)),
      map_over_budget: mapOver,
      ...(ctags.note ? { ctags_note: ctags.note } : {}),
    };
    if (json) process.stdout.write(JSON.stringify(result) + '\n');
    else printTable(result);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

type Result = Record<string, number | string | boolean | null>;

function printTable(r: Result): void {
  const rows: Array<[string, string]> = [
    ['files', `${r.files} (${r.skipped} skipped: huge or minified)`],
    ['lines', String(r.lines)],
    ['symbols', String(r.symbols)],
    ['cold', `${r.cold_ms} ms (${r.workers ? `${r.workers} workers` : 'in-process'})`],
    ['warm', `${r.warm_ms} ms   target < 300 ms`],
    ['update (1 file)', `${r.update_ms} ms median, first ${r.update_first_ms} ms   target < 20 ms`],
    ['peak RSS', `${r.peak_rss_mb} MB`],
    ['ctags', r.ctags_ms === null ? `n/a (${r.ctags_note})` : `${r.ctags_ms} ms (${r.ctags_tags} tags)`],
    ['cold / ctags', r.ratio === null ? 'n/a' : `${r.ratio}x   target <= 2x`],
    ['repo map', `${r.map_ms} ms median, over budget: ${r.map_over_budget ? 'YES' : 'never'}`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write('pith index benchmark\n' + rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`index bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
