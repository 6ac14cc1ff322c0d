/**
 * `--json` documents. The shape is documented field by field in docs/stats-json.md; bump the
 * `schema` string on any incompatible change there and here.
 */
import type { StatsReport } from './aggregate-types.js';
import type { RunDetail } from './aggregate-run.js';
import type { ReadStats } from './reader.js';

export const STATS_SCHEMA = 'pith.stats/1';
export const RUN_SCHEMA = 'pith.stats.run/1';

export interface JsonSource {
  path: string;
  lines: number;
  records: number;
  skipped: { malformed: number; unknown_kind: number };
  recovered: number;
  older_version: number;
  newer_version: number;
}

export interface JsonPeriod {
  since: string | null;
  last_runs: number | null;
  profile: string | null;
  model: string | null;
}

export type StatsDocument = { schema: typeof STATS_SCHEMA; generated_at: string; source: JsonSource; period: JsonPeriod } & StatsReport;

export interface RunDocument {
  schema: typeof RUN_SCHEMA;
  generated_at: string;
  source: JsonSource;
  run: RunDetail;
}

export function jsonSource(path: string, read: ReadStats): JsonSource {
  return {
    path,
    lines: read.lines,
    records: read.records,
    skipped: { malformed: read.malformed, unknown_kind: read.unknownKind },
    recovered: read.recovered,
    older_version: read.olderVersion,
    newer_version: read.newerVersion,
  };
}

export function statsDocument(report: StatsReport, source: JsonSource, period: JsonPeriod, now: Date): StatsDocument {
  return { schema: STATS_SCHEMA, generated_at: now.toISOString(), source, period, ...report };
}

export function runDocument(run: RunDetail, source: JsonSource, now: Date): RunDocument {
  return { schema: RUN_SCHEMA, generated_at: now.toISOString(), source, run };
}
