import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TelemetryRecord } from './records.js';

export interface TelemetrySink {
  write(record: TelemetryRecord): Promise<void>;
}

/**
 * Appends one JSON line per record. Each line goes out in a single O_APPEND write, so lines from
 * one process never interleave; a crash can leave at most a torn last line, which readers skip.
 * Writes are serialised so records keep their order.
 */
export function createTelemetrySink(path: string): TelemetrySink {
  let chain: Promise<void> = mkdir(dirname(path), { recursive: true }).then(() => undefined);
  return {
    write(record) {
      const line = JSON.stringify(record) + '\n';
      chain = chain.then(() => appendFile(path, line, { encoding: 'utf8', mode: 0o600 }));
      return chain;
    },
  };
}

/** A sink that keeps records in memory (tests, --no-telemetry). */
export function createMemorySink(): TelemetrySink & { records: TelemetryRecord[] } {
  const records: TelemetryRecord[] = [];
  return { records, write: async (r) => void records.push(r) };
}
