import type { Summary } from './summary.js';
import type { RunResult } from './types.js';

/**
 * The stdout table: one row per task x agent x repeat, then medians per task x agent with the
 * baseline/agent input ratio, then one line per agent over all tasks.
 */
function render(header: string[], rows: (string | number)[][], leftCols = 2): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  return cells
    .map((r) => r.map((c, i) => (i < leftCols ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

const ratio = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${x.toFixed(1)}x`);

export function formatTable(results: readonly RunResult[], summary: Summary): string {
  const multi = results.some((r) => r.repeat > 1);
  const runs = render(
    ['task', 'agent', 'pass', 'in', 'out', 'calls', 'first', 'peak', 'stale', 'bad', 'wall s'],
    results.map((r) => [
      r.task, multi ? `${r.agent}#${r.repeat}` : r.agent, r.pass ? 'yes' : r.error ? 'ERR' : 'no',
      r.input_tokens, r.output_tokens, r.calls, r.first_request_tokens, r.peak_request_tokens, r.stale_edits, r.malformed_edits, (r.wall_ms / 1000).toFixed(1),
    ]),
  );
  const medians = render(
    ['task', 'agent', 'passed', 'in (median)', 'out', 'calls', 'first', 'peak', 'baseline/agent'],
    summary.cells.map((c) => [
      c.task, c.agent, `${c.passes}/${c.runs}`, c.input_tokens, c.output_tokens, c.calls, c.first_request_tokens, c.peak_request_tokens,
      c.agent === 'baseline' ? '' : ratio(summary.ratios.find((r) => r.task === c.task && r.agent === c.agent)?.ratio),
    ]),
  );
  const overall = render(
    ['agent', 'tasks passed', 'median in/task', 'total in', 'total out', 'baseline/agent (medians)', 'median of task ratios', 'fails where baseline passes'],
    summary.agents.map((a) => [
      a.agent, `${a.passed_tasks}/${a.tasks}`, a.median_input_tokens, a.total_input_tokens, a.total_output_tokens,
      ratio(a.ratio_of_medians), ratio(a.median_task_ratio), a.regressions_vs_baseline.join(', ') || '-',
    ]),
    1,
  );
  const estimates = results.filter((r) => r.estimate_low !== undefined);
  const est = estimates.length
    ? '\n\nplan estimates (in + out vs the range)\n' +
      render(
        ['task', 'agent', 'low', 'high', 'actual', 'inside'],
        estimates.map((r) => {
          const actual = r.input_tokens + r.output_tokens;
          return [r.task, r.agent, r.estimate_low!, r.estimate_high!, actual, actual < r.estimate_low! ? 'below' : actual > r.estimate_high! ? 'above' : 'yes'];
        }),
      )
    : '';
  return `runs\n${runs}\n\nmedians over repeats\n${medians}\n\noverall\n${overall}${est}\n`;
}
