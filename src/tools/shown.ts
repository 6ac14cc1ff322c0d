/**
 * What this session has shown the model, per file:
 * - views (file version + line range) so a repeat read of an unchanged range is one line;
 *   the executor calls `forgetViews()` when it prunes old outputs from the context, after which
 *   a re-read is served in full;
 * - the hash of every line shown, in current coordinates (remapped through our own edits):
 *   a bare line-number anchor (line mode) is checked against it.
 */
import { mapLine, type Batch } from './edit-history.js';

/** 'range' = lines shown as text; 'overview' = the outline + head of a large file. */
export type ViewKind = 'range' | 'overview';

export interface ShownMemory {
  recordView(abs: string, version: string, start: number, end: number, kind: ViewKind): void;
  /** True when a view of this kind at this version already covers start..end. */
  hasView(abs: string, version: string, start: number, end: number, kind: ViewKind): boolean;
  /** Views of one file (or all) are no longer in the model's context. */
  forgetViews(abs?: string): void;
  /** Remember the hashes of lines start.. (1-based) as shown. */
  recordLines(abs: string, start: number, hashes: readonly string[]): void;
  expectedHash(abs: string, line: number): string | undefined;
  /** The file was replaced whole: no remembered line of it is valid. */
  forgetLines(abs: string): void;
  /** Carry remembered hashes through one of our edits (replaced lines are dropped). */
  remap(abs: string, batch: Batch): void;
}

interface View {
  version: string;
  start: number;
  end: number;
  kind: ViewKind;
}

export function createShownMemory(): ShownMemory {
  const views = new Map<string, View[]>();
  const lines = new Map<string, Map<number, string>>();
  return {
    recordView(abs, version, start, end, kind) {
      const list = (views.get(abs) ?? []).filter((v) => v.version === version);
      list.push({ version, start, end, kind });
      views.set(abs, list.slice(-32));
    },
    hasView(abs, version, start, end, kind) {
      return (views.get(abs) ?? []).some((v) => v.version === version && v.kind === kind && v.start <= start && v.end >= end);
    },
    forgetViews(abs) {
      if (abs === undefined) views.clear();
      else views.delete(abs);
    },
    recordLines(abs, start, hashes) {
      let m = lines.get(abs);
      if (!m) lines.set(abs, (m = new Map()));
      hashes.forEach((h, i) => m!.set(start + i, h));
    },
    expectedHash: (abs, line) => lines.get(abs)?.get(line),
    forgetLines: (abs) => void lines.delete(abs),
    remap(abs, batch) {
      const m = lines.get(abs);
      if (!m) return;
      const next = new Map<number, string>();
      for (const [line, h] of m) {
        const to = mapLine(line, batch);
        if (to !== undefined) next.set(to, h);
      }
      lines.set(abs, next);
    },
  };
}
