/**
 * The line shifts our own edits made to each file, so an anchor the model took from an older
 * view can be relocated exactly. Valid only while the file is what we last wrote: any other
 * change (the user, a bash command) makes `batches()` empty, and such anchors go stale.
 */

/** One edit op in the coordinates of the file before its call: lines [start, start+del) became `ins` lines. */
export interface Shift {
  /** 1-based first line replaced (for an insert: the line the new text goes above). */
  start: number;
  del: number;
  ins: number;
}

/** The ops of one edit call: non-overlapping, all in the same (pre-call) coordinates. */
export type Batch = readonly Shift[];

/** Where line `line` went through `batch`; undefined when it was replaced or deleted. */
export function mapLine(line: number, batch: Batch): number | undefined {
  let out = line;
  for (const s of batch) {
    if (s.del > 0 && line >= s.start && line < s.start + s.del) return undefined;
    if (s.start + s.del <= line) out += s.ins - s.del;
  }
  return out;
}

export interface EditHistory {
  /** Batches since the model could have seen the file, oldest first; [] when `version` is not ours. */
  batches(abs: string, version: string): readonly Batch[];
  /** Record one call's batch, made to the file at `before`; `after` is the content hash of what we wrote. */
  push(abs: string, before: string, batch: Batch, after: string): void;
}

/** Keeps the last `keep` batches per file: older anchors are unlikely to be reused. */
export function createEditHistory(keep = 20): EditHistory {
  const files = new Map<string, { version: string; batches: Batch[] }>();
  return {
    batches(abs, version) {
      const h = files.get(abs);
      return h && h.version === version ? h.batches : [];
    },
    push(abs, before, batch, after) {
      const h = files.get(abs);
      const batches = h && h.version === before ? h.batches.slice(-(keep - 1)) : [];
      files.set(abs, { version: after, batches: [...batches, batch] });
    },
  };
}
