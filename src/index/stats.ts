import type { SymbolTable } from './table.js';

/** Progress of a build, throttled: `scan` once, `parse` every 50 files and at the end, `save` around the write. */
export interface IndexProgress {
  type: 'index_progress';
  phase: 'scan' | 'parse' | 'save';
  done: number;
  total: number;
}

/** What a build reports (and `pith index` prints). */
export interface IndexBuildStats {
  /** Files indexed (parsed or from cache), not counting skipped ones. */
  files: number;
  symbols: number;
  /** Lines of the indexed files. */
  lines: number;
  /** Indexed files per language. */
  languages: Record<string, number>;
  /** Supported files not indexed: huge (> 1 MB) or minified (very long lines). */
  skipped: number;
  skippedBy: { huge: number; minified: number };
  /** Files parsed by this index instance so far (a warm start adds nothing). */
  parsed: number;
  /** Worker threads used by the last build (0: parsed in-process). */
  workers: number;
  ms: number;
}

export function summarize(table: SymbolTable, ms: number, workers: number, parsed: number): IndexBuildStats {
  const languages: Record<string, number> = {};
  const skippedBy = { huge: 0, minified: 0 };
  let files = 0;
  let symbols = 0;
  let lines = 0;
  for (const e of table.entries.values()) {
    if (e.skip) {
      skippedBy[e.skip] += 1;
      continue;
    }
    files += 1;
    symbols += e.stub ? e.stub.defs : e.defs.length;
    lines += e.lines;
    languages[e.lang] = (languages[e.lang] ?? 0) + 1;
  }
  return { files, symbols, lines, languages, skipped: skippedBy.huge + skippedBy.minified, skippedBy, parsed, workers, ms: Math.round(ms) };
}
