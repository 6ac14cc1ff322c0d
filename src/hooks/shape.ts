/**
 * Shapes check output for the model: diagnostics in the changed files first, each with a line
 * of source around it, then the rest, capped in tokens with the tail kept. Tool noise
 * (progress, blank lines) is dropped.
 */
export interface ShapeInput {
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  output: string;
  changedFiles: string[];
  /** Source lines for context: (path, line) -> the line's text, or undefined. */
  sourceLine: (path: string, line: number) => string | undefined;
  count: (text: string) => number;
  maxTokens: number;
}

const DIAG = /^(?:\s*-->\s*)?([\w./\\@-]+\.[A-Za-z]+)[(:](\d+)[,:](\d+)?/;

export function shapeCheckOutput(input: ShapeInput): string {
  const head = input.timedOut
    ? `[check \`${input.command}\` timed out]`
    : input.exitCode === 0
      ? `[check \`${input.command}\`: ok]`
      : `[check \`${input.command}\` failed (exit ${input.exitCode})]`;
  if (input.exitCode === 0 && !input.timedOut) return head;
  const lines = input.output.split(/\r?\n/).filter((l) => l.trim() !== '');
  const changed = new Set(input.changedFiles.map((f) => f.replace(/^\.\//, '')));
  const mine: string[] = [];
  const other: string[] = [];
  for (const line of lines) {
    const m = DIAG.exec(line);
    const file = m?.[1]?.replace(/^\.\//, '');
    if (m && file && changed.has(file)) {
      mine.push(line);
      const src = input.sourceLine(file, Number(m[2]));
      if (src !== undefined) mine.push(`    ${m[2]}| ${src.trim()}`);
    } else {
      other.push(line);
    }
  }
  const ordered = [...mine, ...other];
  let budget = input.maxTokens - input.count(head) - 20;
  const kept: string[] = [];
  // Changed-file errors first, in order; then fill from the tail of the rest (where summaries are).
  let i = 0;
  for (; i < mine.length; i++) {
    const c = input.count(mine[i]!) + 1;
    if (c > budget) break;
    kept.push(mine[i]!);
    budget -= c;
  }
  const tail: string[] = [];
  for (let j = other.length - 1; j >= 0 && i === mine.length; j--) {
    const c = input.count(other[j]!) + 1;
    if (c > budget) break;
    tail.unshift(other[j]!);
    budget -= c;
  }
  const omitted = ordered.length - kept.length - tail.length;
  return [head, ...kept, ...(omitted > 0 ? [`[... ${omitted} more lines of output cut]`] : []), ...tail].join('\n');
}
