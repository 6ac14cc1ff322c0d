/**
 * Retention: rewrite a telemetry file without the records older than a cutoff.
 *
 * Contract:
 * - A line is dropped when its record's `ts` is older than the cutoff, or when it is torn or not
 *   JSON (a torn line's whole-record tail is kept on its own line). Lines whose age cannot be told
 *   (no parseable `ts`) are kept, whatever their kind; kept lines are written byte for byte.
 * - The rewrite is atomic: a temp file in the same directory, fsync, rename over the original,
 *   keeping its permission bits. A crash leaves the old file or the new one.
 * - Records a running pith appends while the rewrite runs are copied over before the rename; only
 *   an append in the last instant before the rename can be lost.
 */
import { createReadStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { PithError } from '../core/index.js';

export interface PruneCount {
  /** Non-blank lines examined. */
  lines: number;
  kept: number;
  /** Records older than the cutoff. */
  old: number;
  /** Torn or malformed lines dropped. */
  malformed: number;
}

export interface PruneResult extends PruneCount {
  /** Bytes written by others during the rewrite and carried over. */
  appendedBytes: number;
  bytesBefore: number;
  bytesAfter: number;
  /** false when nothing needed dropping, so the file was left alone. */
  rewritten: boolean;
}

type Verdict = { keep: string } | { drop: 'old' | 'malformed' } | null;

/** What to do with one line (null for a blank one). Exported for tests. */
export function pruneVerdict(line: string, cutoff: number): Verdict {
  const text = line.trim();
  if (text === '') return null;
  let value: unknown;
  let keep = line;
  try {
    value = JSON.parse(text);
  } catch {
    const at = text.lastIndexOf('{"v":');
    if (at <= 0) return { drop: 'malformed' };
    try {
      keep = text.slice(at);
      value = JSON.parse(keep);
    } catch {
      return { drop: 'malformed' };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { drop: 'malformed' };
  const ts = (value as { ts?: unknown }).ts;
  const time = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return time < cutoff ? { drop: 'old' } : { keep };
}

async function scan(path: string, end: number, cutoff: number, signal: AbortSignal | undefined, onKeep: (line: string) => Promise<void>): Promise<PruneCount> {
  const count: PruneCount = { lines: 0, kept: 0, old: 0, malformed: 0 };
  if (end === 0) return count;
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8', end: end - 1, highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      if (signal?.aborted) throw new PithError('aborted', 'pruning was interrupted; the file is unchanged');
      const v = pruneVerdict(line, cutoff);
      if (v === null) continue;
      count.lines++;
      if ('keep' in v) {
        count.kept++;
        await onKeep(v.keep);
      } else if (v.drop === 'old') count.old++;
      else count.malformed++;
    }
  } finally {
    rl.close();
  }
  return count;
}

async function sizeOf(path: string): Promise<{ size: number; mode: number }> {
  try {
    const s = await stat(path);
    return { size: s.size, mode: s.mode & 0o777 };
  } catch (e) {
    throw new PithError('io', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** Counts what a prune would drop, without writing anything. */
export async function countPrunable(path: string, cutoff: number, signal?: AbortSignal): Promise<PruneCount> {
  const { size } = await sizeOf(path);
  return scan(path, size, cutoff, signal, async () => {});
}

export async function pruneTelemetry(path: string, cutoff: number, signal?: AbortSignal): Promise<PruneResult> {
  const { size, mode } = await sizeOf(path);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w', mode);
  let buffer = '';
  let done = false;
  try {
    const count = await scan(path, size, cutoff, signal, async (line) => {
      buffer += line + '\n';
      if (buffer.length >= 1 << 20) {
        await fh.write(buffer);
        buffer = '';
      }
    });
    if (count.old === 0 && count.malformed === 0) {
      return { ...count, appendedBytes: 0, bytesBefore: size, bytesAfter: size, rewritten: false };
    }
    await fh.write(buffer);
    let written = (await fh.stat()).size;
    const now = (await sizeOf(path)).size;
    let appendedBytes = 0;
    if (now > size) {
      const src = await open(path, 'r');
      try {
        const tail = Buffer.alloc(now - size);
        const { bytesRead } = await src.read(tail, 0, tail.length, size);
        await fh.write(tail.subarray(0, bytesRead));
        appendedBytes = bytesRead;
        written += bytesRead;
      } finally {
        await src.close();
      }
    }
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
    done = true;
    return { ...count, appendedBytes, bytesBefore: size, bytesAfter: written, rewritten: true };
  } finally {
    if (!done) {
      await fh.close().catch(() => {});
      await unlink(tmp).catch(() => {});
    }
  }
}
