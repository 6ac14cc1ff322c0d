import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PithError } from '../core/index.js';
import { normalizeRecord } from './normalize.js';
import type { TelemetryRecord } from './records.js';

/** What reading a telemetry stream found, besides the records handed to the callback. */
export interface ReadStats {
  /** Lines examined (after the prefilter), blank lines included. */
  lines: number;
  /** Records handed to the callback. */
  records: number;
  /** Torn or malformed lines skipped (a torn line whose tail holds a whole record still counts here). */
  malformed: number;
  /** Whole records recovered from the tail of a torn line. */
  recovered: number;
  /** Records of a kind this version does not know, skipped. */
  unknownKind: number;
  /** Records written by an older schema version, read with defaults for missing fields. */
  olderVersion: number;
  /** Records written by a newer schema version, read as far as this version understands them. */
  newerVersion: number;
}

export function emptyReadStats(): ReadStats {
  return { lines: 0, records: 0, malformed: 0, recovered: 0, unknownKind: 0, olderVersion: 0, newerVersion: 0 };
}

export type LineResult =
  | { type: 'blank' }
  | { type: 'record'; record: TelemetryRecord; version: 'current' | 'older' | 'newer'; recovered: boolean }
  | { type: 'unknown_kind' }
  | { type: 'malformed' };

/**
 * Parses one line. The sink writes `{"v":...` first, so when a crash tore a line and the next
 * append continued on it, the last `{"v":` in the line starts a whole record worth keeping.
 */
export function parseTelemetryLine(line: string): LineResult {
  const text = line.trim();
  if (text === '') return { type: 'blank' };
  let value: unknown;
  let recovered = false;
  try {
    value = JSON.parse(text);
  } catch {
    const at = text.lastIndexOf('{"v":');
    if (at <= 0) return { type: 'malformed' };
    try {
      value = JSON.parse(text.slice(at));
      recovered = true;
    } catch {
      return { type: 'malformed' };
    }
  }
  const n = normalizeRecord(value);
  if (n.type !== 'record') return n.type === 'unknown_kind' && !recovered ? n : { type: 'malformed' };
  return { type: 'record', record: n.record, version: n.version, recovered };
}

/** Adds one line's outcome to `stats`; returns the record if the line held one. */
export function tallyLine(stats: ReadStats, result: LineResult): TelemetryRecord | null {
  stats.lines++;
  switch (result.type) {
    case 'blank':
      return null;
    case 'malformed':
      stats.malformed++;
      return null;
    case 'unknown_kind':
      stats.unknownKind++;
      return null;
    case 'record':
      if (result.recovered) {
        stats.malformed++;
        stats.recovered++;
      }
      if (result.version === 'older') stats.olderVersion++;
      else if (result.version === 'newer') stats.newerVersion++;
      stats.records++;
      return result.record;
  }
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Cheap test on the raw line; lines it rejects are neither parsed nor counted. */
  prefilter?: (line: string) => boolean;
}

/**
 * Streams a telemetry file (or any readable of JSONL) line by line and hands each record to
 * `onRecord` with its time in ms (NaN when `ts` does not parse). Holds one line at a time.
 * When `onRecord` returns a promise (a writer waiting for drain), reading waits for it.
 * Throws PithError('io') when the file cannot be opened, PithError('aborted') on the signal.
 */
export async function readTelemetry(
  source: string | NodeJS.ReadableStream,
  onRecord: (record: TelemetryRecord, time: number) => void | Promise<void>,
  options: ReadOptions = {},
): Promise<ReadStats> {
  const { signal, prefilter } = options;
  const input = typeof source === 'string' ? createReadStream(source, { encoding: 'utf8', highWaterMark: 1 << 20 }) : source;
  const opened = typeof source === 'string' ? waitOpen(input as ReturnType<typeof createReadStream>, source) : Promise.resolve();
  await opened;
  const rl = createInterface({ input, crlfDelay: Infinity });
  const stats = emptyReadStats();
  try {
    for await (const line of rl) {
      if (signal?.aborted) throw new PithError('aborted', 'reading telemetry was interrupted');
      if (prefilter && !prefilter(line)) continue;
      const record = tallyLine(stats, parseTelemetryLine(line));
      if (record) {
        const pending = onRecord(record, Date.parse(record.ts));
        if (pending) await pending;
      }
    }
  } catch (e) {
    if (e instanceof PithError) throw e;
    throw new PithError('io', `cannot read ${typeof source === 'string' ? source : 'telemetry'}: ${(e as Error).message}`);
  } finally {
    rl.close();
    if (typeof source === 'string') (input as ReturnType<typeof createReadStream>).destroy();
  }
  return stats;
}

function waitOpen(stream: ReturnType<typeof createReadStream>, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('ready', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) =>
      reject(new PithError('io', `cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`)),
    );
  });
}
