import { bar, PLAIN } from '../telemetry/index.js';
import type { AllTimeStats } from './controller.js';
import { compactTokens, escapeTags, usdText, type Theme } from './format.js';
import type { SessionStats } from './view-state.js';

/**
 * The /stats overlay's text: this session's figures (from the events the TUI saw), all-time
 * figures (from telemetry), and a bar chart of tokens per task.
 */
export function statsText(session: SessionStats, allTime: AllTimeStats | 'loading' | Error, theme: Theme, width: number): string {
  const t = theme;
  const avg = session.tasks ? session.perTask.reduce((a, b) => a + b, 0) / session.tasks : 0;
  const lines = [
    t.bold('This session'),
    `  tasks ${session.tasks} · tokens in ${compactTokens(session.inputTokens)} / out ${compactTokens(session.outputTokens)} · avg per task ${compactTokens(avg)}`,
    `  tool calls ${session.toolCalls} · cost ${usdText(session.costUsd)} · peak context ${session.peakContextPct.toFixed(0)}%`,
    '',
    t.bold('All time (this project)'),
  ];
  if (allTime === 'loading') lines.push(t.dim('  reading telemetry…'));
  else if (allTime instanceof Error) lines.push(t.hue(`  ${escapeTags(allTime.message)}`, 'red'));
  else {
    const s = allTime.summary;
    lines.push(
      `  runs ${s.runs} · calls ${s.calls} · tool calls ${s.tool_calls} · tokens in ${compactTokens(s.input_tokens)} / out ${compactTokens(s.output_tokens)}`,
      `  cost ${usdText(s.cost_usd)} · tokens per run: median ${s.tokens_per_run.median === null ? '-' : compactTokens(s.tokens_per_run.median)}, p90 ${s.tokens_per_run.p90 === null ? '-' : compactTokens(s.tokens_per_run.p90)} · failures ${s.failures} · budget stops ${s.budget_stops.runs}`,
    );
  }
  lines.push('', t.bold('Tokens per task (this session)'));
  const values = session.perTask.slice(-12);
  if (values.length === 0) lines.push(t.dim('  no finished task yet'));
  const max = Math.max(0, ...values);
  const cells = Math.max(10, Math.min(50, width - 24));
  const offset = session.perTask.length - values.length;
  values.forEach((v, i) => {
    lines.push(`  #${String(offset + i + 1).padStart(3)} ${compactTokens(v).padStart(6)} ${t.hue(bar(v, max, cells, { ...PLAIN, unicode: true }), 'cyan')}`);
  });
  lines.push('', t.dim('Esc closes · pith stats has more (by model, by tool, estimates)'));
  return lines.join('\n');
}
