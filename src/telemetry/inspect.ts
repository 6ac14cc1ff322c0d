/**
 * Public entry of telemetry inspection (`pith stats`, the TUI's /stats overlay). Re-exported from
 * src/telemetry/index.ts. Layers, each usable alone:
 * - reading: readTelemetry (streaming, tolerant), parseTelemetryLine, normalizeRecord
 * - aggregation (pure): createAggregator / aggregate -> StatsReport; buildRunDetail -> RunDetail
 * - file queries: summarizeFile, forEachSelected, findLastRuns, collectRun
 * - formatting (pure, lines of text): formatSummary, formatGroups, formatRunDetail, charts, CSV, JSON
 * - retention: countPrunable, pruneTelemetry
 */
export * from './aggregate-types.js';
export { createAggregator, aggregate, sumsOf, type Aggregator, type AggregateOptions } from './aggregate.js';
export { estimateAccuracy, actualTokens } from './aggregate-estimates.js';
export { buildRunDetail, type RunDetail, type RunCallDetail, type RunStepDetail } from './aggregate-run.js';
export { readTelemetry, parseTelemetryLine, emptyReadStats, type ReadStats, type ReadOptions, type LineResult } from './reader.js';
export { normalizeRecord, type Normalized } from './normalize.js';
export { parseDuration, parseSince, matchesFilter, localDay, utcDay, type RecordFilter } from './period.js';
export { quantile, median } from './quantile.js';
export { summarizeFile, forEachSelected, findLastRuns, collectRun, type QueryOptions, type RunLookup } from './query.js';
export { sparkline, bar, resample, paint, PLAIN, type ChartStyle } from './charts.js';
export { table, int, usd, pct, compact, type Column } from './format-table.js';
export { formatSummary, formatCharts, formatEstimates, formatHeader, type TextContext } from './format-summary.js';
export { formatGroups } from './format-groups.js';
export { formatRunDetail, type RunTextContext } from './format-run.js';
export { statsDocument, runDocument, jsonSource, STATS_SCHEMA, RUN_SCHEMA, type StatsDocument, type RunDocument, type JsonSource, type JsonPeriod } from './format-json.js';
export { csvHeader, csvRow, csvCell, CSV_COLUMNS } from './format-csv.js';
export { countPrunable, pruneTelemetry, pruneVerdict, type PruneCount, type PruneResult } from './prune.js';
export { findProjectRoot, projectTelemetryPath, globalTelemetryPath } from './paths.js';
