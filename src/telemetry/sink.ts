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
export function createTelemetrySink(path: string, global?: { path: string; project: string }): TelemetrySink {
  let chain: Promise<void> = mkdir(dirname(path), { recursive: true }).then(() => undefined);
  // The global copy (what `pith stats --all-projects` reads) is best effort: a failure there
  // never fails or delays the project's own record.
  let globalChain: Promise<void> = global ? mkdir(dirname(global.path), { recursive: true }).then(() => undefined, () => undefined) : Promise.resolve();
  return {
    write(record) {
      const line = JSON.stringify(record) + '\n';
      chain = chain.then(() => appendFile(path, line, { encoding: 'utf8', mode: 0o600 }));
      if (global) {
        const copy = JSON.stringify({ ...record, project: global.project }) + '\n';
        globalChain = globalChain.then(() => appendFile(global.path, copy, { encoding: 'utf8', mode: 0o600 })).catch(() => {});
      }
      return chain;
    },
  };
}

/** A sink that keeps records in memory (tests, --no-telemetry). */
export function createMemorySink(): TelemetrySink & { records: TelemetryRecord[] } {
  const records: TelemetryRecord[] = [];
  return { records, write: async (r) => void records.push(r) };
}
