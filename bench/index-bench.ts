/**
 * Symbol index benchmark (`npm run bench:index [-- --json] [-- --workers N] [-- --runs N]`, after
 * `npm run build`). Corpus: bench/index-corpus.ts. Reports files, lines, symbols, cold/warm/update
 * times, peak RSS, Universal Ctags on the same (non-skipped) files, and whether the repo map ever
 * exceeded its budget. Targets: cold <= 2x ctags, warm < 300 ms for 5,000 files, update < 20 ms,
 * map never over.
 *
 * Cold builds and ctags runs alternate, RUNS (default 3) of each, every cold build into a fresh
 * cache dir, so a burst of load from elsewhere on the machine hits both sides alike: cold_ms,
 * ctags_ms and ratio (= cold_ms / ctags_ms) are medians, each run is listed in cold_runs_ms,
 * ctags_runs_ms and ratio_runs (per pair). The warm start loads the last cold build's cache.
 */
import { statSync } from 'node:fs';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSymbolIndex, type IndexBuildStats } from '../src/index/index.js';
import { getTokenizer } from '../src/tokens/index.js';
import { listCorpus, scratchRoot } from './index-corpus.js';
import { runCtags, type CtagsResult } from './index-ctags.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const wIdx = args.indexOf('--workers');
const workers = wIdx >= 0 ? Number(args[wIdx + 1]) : 'auto';
const rIdx = args.indexOf('--runs');
const runs = rIdx >= 0 ? Math.max(1, Number(args[rIdx + 1]) || 1) : 3;
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const corpus = await listCorpus(projectRoot);
  const root = await scratchRoot(projectRoot);
  const listFiles = async () => corpus;
  try {
    const coldRuns: number[] = [];
    const ctagsRuns: CtagsResult[] = [];
    let cacheDir = '';
    let cold: IndexBuildStats | null = null;
    let before = new Map<string, string>();
    for (let i = 0; i < runs; i++) {
      if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
      cacheDir = join(root, '.pith', `index-${i}`);
      if (i === runs - 1) before = statCorpus(root, corpus);
      const t0 = performance.now();
      const index = createSymbolIndex({ root, cacheDir, listFiles, workers });
      cold = await index.build();
      coldRuns.push(performance.now() - t0);
      // ctags gets exactly the files the index parsed (not the huge or minified ones it skipped).
      ctagsRuns.push(runCtags(projectRoot, index.files()));
    }
    if (!cold) throw new Error('no cold build ran');
    const coldMs = median(coldRuns);
    const ctagsMs = ctagsRuns.every((c) => c.ms !== null) ? median(ctagsRuns.map((c) => c.ms!)) : null;
    const ctagsNote = ctagsRuns.find((c) => c.note)?.note;

    const t1 = performance.now();
    const warmIndex = createSymbolIndex({ root, cacheDir, listFiles: async () => [...corpus, 'probe.ts'], workers });
    await warmIndex.build();
    const warmMs = performance.now() - t1;
    // The corpus includes the project's src/, which someone may be editing meanwhile: a file
    // changed on disk since the cold build is rightly re-parsed; anything more is a cache failure.
    const edited = warmIndex.parseCount ? changedSince(before, statCorpus(root, corpus)) : 0;
    if (warmIndex.parseCount > edited) throw new Error(`warm start parsed ${warmIndex.parseCount} files (${edited} changed on disk)`);

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

    const result = {
      files: cold.files,
      lines: cold.lines,
      symbols: cold.symbols,
      skipped: cold.skipped,
      cold_ms: Math.round(coldMs),
      cold_runs_ms: coldRuns.map(Math.round),
      warm_ms: Math.round(warmMs),
      update_ms: round(median(times.slice(1))),
      update_first_ms: round(times[0]),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      workers: cold.workers,
      ctags_ms: ctagsMs,
      ctags_runs_ms: ctagsRuns.map((c) => c.ms),
      ctags_tags: ctagsRuns[ctagsRuns.length - 1].tags,
      ratio: ctagsMs ? round(coldMs / ctagsMs) : null,
      ratio_runs: coldRuns.map((ms, i) => (ctagsRuns[i].ms ? round(ms / ctagsRuns[i].ms!) : null)),
      map_ms: Math.round(median(mapTimes)),
      map_over_budget: mapOver,
      ...(ctagsNote ? { ctags_note: ctagsNote } : {}),
    };
    if (json) process.stdout.write(JSON.stringify(result) + '\n');
    else printTable(result);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Size and mtime of each corpus file, to tell which changed between two snapshots. */
function statCorpus(root: string, corpus: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of corpus) {
    const st = statSync(join(root, p), { throwIfNoEntry: false });
    out.set(p, st ? `${st.size}:${st.mtimeMs}` : '');
  }
  return out;
}

const changedSince = (a: Map<string, string>, b: Map<string, string>): number => [...a].filter(([p, v]) => b.get(p) !== v).length;

type Result = Record<string, number | string | boolean | null | Array<number | null>>;

function printTable(r: Result): void {
  const rows: Array<[string, string]> = [
    ['files', `${r.files} (${r.skipped} skipped: huge or minified)`],
    ['lines', String(r.lines)],
    ['symbols', String(r.symbols)],
    ['cold', `${r.cold_ms} ms median of ${(r.cold_runs_ms as number[]).join(', ')} (${r.workers ? `${r.workers} workers` : 'in-process'})`],
    ['warm', `${r.warm_ms} ms   target < 300 ms`],
    ['update (1 file)', `${r.update_ms} ms median, first ${r.update_first_ms} ms   target < 20 ms`],
    ['peak RSS', `${r.peak_rss_mb} MB`],
    ['ctags', r.ctags_ms === null ? `n/a (${r.ctags_note})` : `${r.ctags_ms} ms median of ${(r.ctags_runs_ms as number[]).join(', ')} (${r.ctags_tags} tags)`],
    ['cold / ctags', r.ratio === null ? 'n/a' : `${r.ratio}x (per run ${(r.ratio_runs as number[]).join(', ')})   target <= 2x`],
    ['repo map', `${r.map_ms} ms median, over budget: ${r.map_over_budget ? 'YES' : 'never'}`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write('pith index benchmark\n' + rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`index bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
