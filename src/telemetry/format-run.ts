/** `--run ID`: one run call by call, as lines of text. Pure. */
import type { RunDetail, RunCallDetail } from './aggregate-run.js';
import { bar, paint, sparkline, type ChartStyle } from './charts.js';
import { compact, int, pct, plural, shortTime, table, usd } from './format-table.js';

export interface RunTextContext {
  style: ChartStyle;
  charts: boolean;
  width: number;
  /** How many tools to list under "tools that cost the most". */
  topTools?: number;
}

function toolList(c: RunCallDetail): string {
  return c.tools.map((t) => `${t.tool} ${compact(t.tokens)}${t.status !== 'ok' ? '!' : ''}`).join(', ');
}

export function formatRunDetail(d: RunDetail, ctx: RunTextContext): string[] {
  const t = d.totals;
  const head = [d.mode ?? 'run', d.status ?? 'unfinished (no run record)'].join(' · ');
  const out: string[] = [paint(`pith stats · run ${d.run} · ${head}`, 'bold', ctx.style)];
  if (d.task) out.push(`  task: ${d.task}`);
  out.push(
    `  profile ${d.profile || '-'} · ${d.models.length > 1 ? 'models' : 'model'} ${d.models.join(', ') || '-'} · ${shortTime(d.first_ts)} to ${shortTime(d.last_ts)}`,
    `  ${plural(t.calls, 'call')} · ${plural(t.tool_calls, 'tool call')} · ${int(t.input_tokens)} in (${int(t.cached_input_tokens)} cached) · ` +
      `${int(t.output_tokens)} out · ${usd(t.cost_usd)} · ${int(t.duration_ms / 1000)} s`,
  );
  if (d.first_request_tokens !== null)
    out.push(`  first request ${int(d.first_request_tokens)} tokens · largest request ${int(d.peak_request_tokens ?? 0)}`);
  if (d.estimate_low !== null && d.estimate_high !== null)
    out.push(`  estimate ${int(d.estimate_low)} to ${int(d.estimate_high)} tokens · actual ${int(t.tokens)}`);
  const section = (title: string) => out.push('', paint(title, 'bold', ctx.style));
  if (d.calls.length) {
    section('calls (sent = our count of the request, split by part; in/out = provider counts)');
    out.push(
      ...table(d.calls, [
        { title: '#', align: 'right', value: (c) => String(c.call) },
        { title: 'step', value: (c) => c.step ?? '-' },
        { title: 'sent', align: 'right', value: (c) => int(c.counted_tokens) },
        { title: 'system', align: 'right', value: (c) => int(c.breakdown.system) },
        { title: 'tools', align: 'right', value: (c) => int(c.breakdown.tools) },
        { title: 'task', align: 'right', value: (c) => int(c.breakdown.task) },
        { title: 'excerpts', align: 'right', value: (c) => int(c.breakdown.excerpts) },
        { title: 'history', align: 'right', value: (c) => int(c.breakdown.history) },
        { title: 'in', align: 'right', value: (c) => int(c.input_tokens) },
        { title: 'cached', align: 'right', value: (c) => int(c.cached_input_tokens) },
        { title: 'out', align: 'right', value: (c) => int(c.output_tokens) },
        { title: 'cost', align: 'right', value: (c) => usd(c.cost_usd) },
        { title: 'ms', align: 'right', value: (c) => int(c.duration_ms) },
        { title: 'status', value: (c) => (c.status === 'ok' ? c.finish_reason ?? 'ok' : `${c.status}${c.error_kind ? ` ${c.error_kind}` : ''}`) },
        { title: 'tools asked for', value: toolList },
      ]),
    );
  } else out.push('', '  no call records for this run.');
  if (ctx.charts && d.calls.length > 1) {
    section('tokens sent per call');
    out.push('  ' + sparkline(d.calls.map((c) => c.counted_tokens), Math.max(10, Math.min(60, ctx.width - 4)), ctx.style));
  }
  if (d.parts.total > 0) {
    section('where the tokens sent went');
    const parts = ['system', 'tools', 'task', 'excerpts', 'history'] as const;
    const max = Math.max(...parts.map((p) => d.parts.tokens[p]));
    const lines = table(parts, [
      { title: '', value: (p) => p },
      { title: '', align: 'right', value: (p) => pct(d.parts.share[p]) },
      { title: '', align: 'right', value: (p) => int(d.parts.tokens[p]) },
    ]).slice(1);
    parts.forEach((p, i) => out.push(ctx.charts ? `${lines[i]}  ${bar(d.parts.tokens[p], max, 30, ctx.style)}`.trimEnd() : lines[i]));
  }
  if (d.steps.length) {
    section('steps');
    out.push(
      ...table(d.steps, [
        { title: 'step', value: (s) => s.step },
        { title: 'title', value: (s) => (s.title.length > 40 ? s.title.slice(0, 39) + '…' : s.title) },
        { title: 'status', value: (s) => s.status },
        { title: 'calls', align: 'right', value: (s) => int(s.calls) },
        { title: 'tokens', align: 'right', value: (s) => int(s.tokens) },
        { title: 'estimate', align: 'right', value: (s) => (s.estimate_low === null || s.estimate_high === null ? '-' : `${int(s.estimate_low)}-${int(s.estimate_high)}`) },
        { title: 'cost', align: 'right', value: (s) => usd(s.cost_usd) },
      ]),
    );
  }
  if (d.tools.length) {
    section('tools that cost the most (tokens of results the model read)');
    out.push(
      ...table(d.tools.slice(0, ctx.topTools ?? 5), [
        { title: 'tool', value: (r) => r.tool },
        { title: 'calls', align: 'right', value: (r) => int(r.calls) },
        { title: 'tokens', align: 'right', value: (r) => int(r.tokens) },
        { title: 'share', align: 'right', value: (r) => pct(r.share) },
        { title: 'errors', align: 'right', value: (r) => int(r.errors) },
        { title: 'truncated', align: 'right', value: (r) => int(r.truncated) },
      ]),
    );
  }
  return out;
}
