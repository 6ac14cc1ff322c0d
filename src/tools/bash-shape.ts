/**
 * Shape command output for the model: ANSI codes and carriage-return progress dropped; when
 * long, the head, error-looking lines from the middle and the tail are kept, every gap marked
 * with how many lines it hides. The caller stores the full output for recall.
 */
import { clipLine } from './truncate.js';

export interface ShapeLimits {
  headLines: number;
  tailLines: number;
  errorLines: number;
  lineMaxChars: number;
}

const ERRORISH = /\b(?:error|errors|fail|failed|failure|fatal|exception|panic|traceback|assert\w*|cannot|denied|segmentation)\b|✗|✖/i;

/** Strip colour codes and keep only the last state of `\r`-redrawn lines. */
export function cleanOutput(raw: string): string {
  return raw
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b\][^\x07]*\x07/g, '')
    .split('\n')
    .map((l) => {
      const line = l.endsWith('\r') ? l.slice(0, -1) : l;
      const cr = line.lastIndexOf('\r');
      return cr >= 0 ? line.slice(cr + 1) : line;
    })
    .join('\n');
}

export function shapeOutput(text: string, lim: ShapeLimits): { text: string; cutLines: number } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const clipped = lines.map((l) => clipLine(l, lim.lineMaxChars * 2));
  const budget = lim.headLines + lim.tailLines + lim.errorLines;
  if (clipped.length <= budget) return { text: clipped.join('\n'), cutLines: 0 };
  const keep = new Set<number>();
  for (let i = 0; i < lim.headLines; i++) keep.add(i);
  for (let i = clipped.length - lim.tailLines; i < clipped.length; i++) keep.add(i);
  let errors = 0;
  for (let i = lim.headLines; i < clipped.length - lim.tailLines && errors < lim.errorLines; i++) {
    if (ERRORISH.test(clipped[i]!)) {
      keep.add(i);
      errors++;
    }
  }
  const out: string[] = [];
  let gap = 0;
  let cut = 0;
  for (let i = 0; i < clipped.length; i++) {
    if (keep.has(i)) {
      if (gap > 0) out.push(`[... ${gap} lines cut ...]`);
      gap = 0;
      out.push(clipped[i]!);
    } else {
      gap++;
      cut++;
    }
  }
  return { text: out.join('\n'), cutLines: cut };
}
