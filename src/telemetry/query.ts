/**
 * File-level queries over a telemetry file, built on the streaming reader and the pure aggregator.
 * Each one makes at most two passes and never holds the file's records, except `collectRun`,
 * which holds one run's.
 */
import type { TelemetryRecord } from './records.js';
import type { StatsReport } from './aggregate-types.js';
import { createAggregator, type AggregateOptions } from './aggregate.js';
import { matchesFilter, type RecordFilter } from './period.js';
import { readTelemetry, type ReadStats } from './reader.js';

export interface QueryOptions {
  filter?: RecordFilter;
  /** Keep only the N most recent runs among the records the filter keeps. */
  lastRuns?: number;
  signal?: AbortSignal;
}

/**
 * The ids of the `n` runs whose latest record comes last in the file (the file is append-only, so
 * file order is write order, and a clock that jumped does not reorder runs). One full pass.
 */
export async function findLastRuns(path: string, n: number, filter: RecordFilter = {}, signal?: AbortSignal): Promise<{ runs: Set<string>; read: ReadStats }> {
  const lastSeen = new Map<string, number>();
  let line = 0;
  const read = await readTelemetry(
    path,
    (r, t) => {
      line++;
      if (r.run !== '' && matchesFilter(filter, r, t)) lastSeen.set(r.run, line);
    },
    { signal },
  );
  const ids = [...lastSeen].sort((a, b) => b[1] - a[1]).slice(0, Math.max(0, n)).map(([id]) => id);
  return { runs: new Set(ids), read };
}

async function resolveFilter(path: string, options: QueryOptions): Promise<RecordFilter> {
  const filter = options.filter ?? {};
  if (options.lastRuns === undefined) return filter;
  const { runs } = await findLastRuns(path, options.lastRuns, filter, options.signal);
  return { ...filter, runs };
}

/** Streams the records the query selects to `onRecord`, in file order. */
export async function forEachSelected(
  path: string,
  options: QueryOptions,
  onRecord: (r: TelemetryRecord, time: number) => void | Promise<void>,
): Promise<ReadStats> {
  const filter = await resolveFilter(path, options);
  return readTelemetry(path, (r, t) => (matchesFilter(filter, r, t) ? onRecord(r, t) : undefined), { signal: options.signal });
}

/** The summary, groups, charts' series and estimate accuracy of the selected records. */
export async function summarizeFile(path: string, options: QueryOptions & AggregateOptions = {}): Promise<{ report: StatsReport; read: ReadStats }> {
  const agg = createAggregator(options);
  const read = await forEachSelected(path, options, (r, t) => agg.add(r, t));
  return { report: agg.finish(), read };
}

export type RunLookup =
  | { type: 'found'; run: string; records: TelemetryRecord[]; read: ReadStats }
  | { type: 'none'; read: ReadStats }
  | { type: 'ambiguous'; matches: string[]; read: ReadStats };

/**
 * All records of one run. `id` is a run id, a unique prefix of one, or 'last' (the run written
 * last). An exact id wins over longer ids it prefixes.
 */
export async function collectRun(path: string, id: string, signal?: AbortSignal): Promise<RunLookup> {
  let wanted = id;
  if (id === 'last') {
    const { runs, read } = await findLastRuns(path, 1, {}, signal);
    const [latest] = runs;
    if (latest === undefined) return { type: 'none', read };
    wanted = latest;
  }
  const byRun = new Map<string, TelemetryRecord[]>();
  const read = await readTelemetry(
    path,
    (r) => {
      if (!r.run.startsWith(wanted)) return;
      const list = byRun.get(r.run);
      if (list) list.push(r);
      else byRun.set(r.run, [r]);
    },
    { signal, prefilter: (line) => line.includes(wanted) },
  );
  const exact = byRun.get(wanted);
  if (exact) return { type: 'found', run: wanted, records: exact, read };
  if (byRun.size === 0) return { type: 'none', read };
  if (byRun.size > 1) return { type: 'ambiguous', matches: [...byRun.keys()].sort(), read };
  const [[run, records]] = byRun;
  return { type: 'found', run, records, read };
}
