/**
 * The default `pith stats` view as lines of text: summary table, charts, estimate accuracy.
 * Pure: the report in, lines out; the TUI overlay can print the same lines.
 */
import type { TokenBreakdown } from '../core/index.js';
import type { EstimateLevel, StatsReport } from './aggregate-types.js';
import { bar, paint, sparkline, type ChartStyle } from './charts.js';
import { compact, int, pct, plural, shortTime, signedPct, table, usd } from './format-table.js';

export interface TextContext {
  /** Where the records came from, as the user should read it. */
  source: string;
  /** The period in words: "all time", "since 2026-11-01", "last 20 runs". */
  period: string;
  style: ChartStyle;
  /** Leave the charts out. */
  charts: boolean;
  /** Usable width in columns (charts fit in it). */
  width: number;
}

export function formatHeader(report: StatsReport, ctx: TextContext): string[] {
  const { first_ts, last_ts } = report.summary;
  const span = first_ts ? ` (${shortTime(first_ts)} to ${shortTime(last_ts)})` : '';
  return [paint(`pith stats · ${ctx.source} · ${ctx.period}${span}`, 'bold', ctx.style), ''];
}

export function formatSummary(report: StatsReport, ctx: TextContext): string[] {
  const s = report.summary;
  if (s.calls === 0 && s.runs === 0 && s.tool_calls === 0) return [...formatHeader(report, ctx), '  no runs in this period.'];
  const statuses = Object.entries(s.run_status)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${int(n)}`)
    .join(' · ');
  const inNotes = [`cached ${int(s.cached_input_tokens)}`];
  if (s.input_estimated_calls) inNotes.push(`${plural(s.input_estimated_calls, 'call')} counted by pith (provider gave none)`);
  const outNotes = [`reasoning ${int(s.reasoning_tokens)}`];
  if (s.output_unreported_calls) outNotes.push(`${plural(s.output_unreported_calls, 'call')} without a count`);
  const rows: Array<[string, string, string]> = [
    ['runs', int(s.runs), statuses],
    ['steps', int(s.steps), ''],
    ['model calls', int(s.calls), s.failed_calls ? `${int(s.failed_calls)} failed` : ''],
    ['tool calls', int(s.tool_calls), s.tool_errors ? plural(s.tool_errors, 'error') : ''],
    ['tokens in', int(s.input_tokens), inNotes.join(' · ')],
    ['tokens out', int(s.output_tokens), outNotes.join(' · ')],
    ['cost', usd(s.cost_usd), ''],
    ['tokens per run', s.tokens_per_run.median === null ? '-' : int(s.tokens_per_run.median), `median · p90 ${s.tokens_per_run.p90 === null ? '-' : int(s.tokens_per_run.p90)}`],
    ['budget stops', plural(s.budget_stops.runs, 'run'), plural(s.budget_stops.steps, 'step')],
    ['failures', plural(s.failures, 'run'), s.aborted ? `${int(s.aborted)} aborted` : ''],
  ];
  const lines = table(rows, [
    { title: '', value: (r) => r[0] },
    { title: '', align: 'right', value: (r) => r[1] },
    { title: '', value: (r) => r[2] },
  ]).slice(1);
  return [...formatHeader(report, ctx), ...lines, ...(ctx.charts ? formatCharts(report, ctx) : []), ...formatEstimates(report, ctx)];
}

const PART_NAMES: Array<keyof TokenBreakdown> = ['system', 'tools', 'task', 'excerpts', 'history'];

/** Tokens per run over time, the share of each request part, and cost per day. */
export function formatCharts(report: StatsReport, ctx: TextContext): string[] {
  const out: string[] = [];
  const head = (t: string) => out.push('', paint(t, 'bold', ctx.style));
  const chartWidth = Math.max(10, Math.min(60, ctx.width - 4));
  const perRun = report.runs.map((r) => r.tokens);
  if (perRun.length > 1) {
    const max = perRun.reduce((a, b) => (b > a ? b : a), 0);
    const note = perRun.length > chartWidth ? `, ${int(perRun.length)} runs averaged into ${chartWidth} columns` : `, ${int(perRun.length)} runs`;
    head(`tokens per run, oldest to newest (max ${compact(max)}${note})`);
    out.push('  ' + sparkline(perRun, chartWidth, ctx.style));
  }
  if (report.parts.total > 0) {
    head(`request parts (${compact(report.parts.total)} tokens sent)`);
    const max = Math.max(...PART_NAMES.map((p) => report.parts.tokens[p]));
    const barWidth = Math.max(10, Math.min(40, ctx.width - 34));
    const lines = table(PART_NAMES, [
      { title: '', value: (p) => p },
      { title: '', align: 'right', value: (p) => pct(report.parts.share[p]) },
      { title: '', align: 'right', value: (p) => int(report.parts.tokens[p]) },
    ]).slice(1);
    PART_NAMES.forEach((p, i) => out.push(`${lines[i]}  ${bar(report.parts.tokens[p], max, barWidth, ctx.style)}`.trimEnd()));
  }
  const days = report.groups.day.filter((d) => d.key !== '').slice(-14);
  if (days.length > 1 || (days.length === 1 && days[0].cost_usd > 0)) {
    head(days.length < report.groups.day.length ? `cost per day (last ${days.length} days with activity)` : 'cost per day');
    const max = Math.max(...days.map((d) => d.cost_usd));
    const barWidth = Math.max(10, Math.min(40, ctx.width - 26));
    const lines = table(days, [
      { title: '', value: (d) => d.key },
      { title: '', align: 'right', value: (d) => usd(d.cost_usd) },
    ]).slice(1);
    days.forEach((d, i) => out.push(`${lines[i]}  ${bar(d.cost_usd, max, barWidth, ctx.style)}`.trimEnd()));
  }
  return out;
}

function level(name: string, l: EstimateLevel): string {
  return (
    `  ${name.padEnd(7)}${int(l.inside)} of ${int(l.count)} inside the range (${pct(l.inside_share)})` +
    ` · ${int(l.below)} below · ${int(l.above)} above · median error ${pct(l.median_abs_error)} (${signedPct(l.median_error)} vs mid-range)`
  );
}

/** Estimate accuracy for plans; nothing when no step or run carried an estimate. */
export function formatEstimates(report: StatsReport, ctx: TextContext): string[] {
  const { steps, plans } = report.estimates;
  if (steps.count === 0 && plans.count === 0) return [];
  return ['', paint('estimate accuracy (estimated token range vs actual in + out)', 'bold', ctx.style), level('steps', steps), level('plans', plans)];
}
