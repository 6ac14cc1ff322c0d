/**
 * Periods and record filters for inspection. Times are ms since the epoch; a record whose `ts`
 * does not parse has time NaN and falls outside every bounded period.
 */
import type { TelemetryRecord } from './records.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90d`, `24h`, `30m`, `2w` -> ms; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([mhdw])$/.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2]];
  return ms > 0 ? ms : null;
}

/**
 * `--since` value -> start time in ms, or null when it is neither a duration nor a date.
 * A duration counts back from `now`; `YYYY-MM-DD` is local midnight; anything else Date.parse reads
 * (an ISO time with zone) is taken as is.
 */
export function parseSince(text: string, now: number): number | null {
  const d = parseDuration(text);
  if (d !== null) return now - d;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (day) {
    const t = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime();
    return Number.isNaN(t) ? null : t;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text.trim())) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}

/** Which records an inspection looks at. Every field narrows; none set = everything. */
export interface RecordFilter {
  /** Keep records at or after this time (ms). */
  since?: number;
  profile?: string;
  model?: string;
  /** Keep only records of these runs. */
  runs?: ReadonlySet<string>;
}

export function matchesFilter(filter: RecordFilter, record: TelemetryRecord, time: number): boolean {
  if (filter.since !== undefined && !(time >= filter.since)) return false;
  if (filter.profile !== undefined && record.profile !== filter.profile) return false;
  if (filter.model !== undefined && record.model !== filter.model) return false;
  if (filter.runs !== undefined && !filter.runs.has(record.run)) return false;
  return true;
}

/** Local calendar day `YYYY-MM-DD` of a time in ms; '' when the time is NaN. */
export function localDay(time: number): string {
  if (Number.isNaN(time)) return '';
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** UTC calendar day, for callers (tests, reports) that want days independent of the machine's zone. */
export function utcDay(time: number): string {
  return Number.isNaN(time) ? '' : new Date(time).toISOString().slice(0, 10);
}
