/** `--by model|profile|project|day|status|tool` tables as lines of text. Pure. */
import { assertNever } from '../core/index.js';
import type { GroupKey, GroupRow, StatsReport, ToolRow } from './aggregate-types.js';
import { bar } from './charts.js';
import { formatHeader, type TextContext } from './format-summary.js';
import { int, pct, table, usd } from './format-table.js';

const TITLES: Record<GroupKey, string> = {
  model: 'model',
  profile: 'profile',
  project: 'project',
  day: 'day',
  status: 'run status',
  tool: 'tool',
};

function groupTable(rows: GroupRow[], key: GroupKey, ctx: TextContext): string[] {
  const max = rows.reduce((a, r) => (r.tokens > a ? r.tokens : a), 0);
  const lines = table(rows, [
    { title: TITLES[key], value: (r) => r.key || '(none)' },
    { title: 'runs', align: 'right', value: (r) => int(r.runs) },
    { title: 'calls', align: 'right', value: (r) => int(r.calls) },
    { title: 'tool calls', align: 'right', value: (r) => int(r.tool_calls) },
    { title: 'tokens in', align: 'right', value: (r) => int(r.input_tokens) },
    { title: 'cached', align: 'right', value: (r) => int(r.cached_input_tokens) },
    { title: 'tokens out', align: 'right', value: (r) => int(r.output_tokens) },
    { title: 'reasoning', align: 'right', value: (r) => int(r.reasoning_tokens) },
    { title: 'cost', align: 'right', value: (r) => usd(r.cost_usd) },
  ]);
  if (!ctx.charts) return lines;
  return lines.map((l, i) => (i === 0 ? l : `${l}  ${bar(rows[i - 1].tokens, max, 16, ctx.style)}`.trimEnd()));
}

function toolTable(rows: ToolRow[], ctx: TextContext): string[] {
  const max = rows.reduce((a, r) => (r.tokens > a ? r.tokens : a), 0);
  const lines = table(rows, [
    { title: 'tool', value: (r) => r.tool || '(none)' },
    { title: 'calls', align: 'right', value: (r) => int(r.calls) },
    { title: 'tokens', align: 'right', value: (r) => int(r.tokens) },
    { title: 'share', align: 'right', value: (r) => pct(r.share) },
    { title: 'avg tokens', align: 'right', value: (r) => int(r.calls ? r.tokens / r.calls : 0) },
    { title: 'errors', align: 'right', value: (r) => int(r.errors) },
    { title: 'truncated', align: 'right', value: (r) => int(r.truncated) },
    { title: 'cached', align: 'right', value: (r) => int(r.cached) },
    { title: 'avg ms', align: 'right', value: (r) => int(r.calls ? r.duration_ms / r.calls : 0) },
  ]);
  if (!ctx.charts) return lines;
  return lines.map((l, i) => (i === 0 ? l : `${l}  ${bar(rows[i - 1].tokens, max, 16, ctx.style)}`.trimEnd()));
}

/** The grouped table for `key`, with the header line; tokens = in + out, as in the summary. */
export function formatGroups(report: StatsReport, key: GroupKey, ctx: TextContext): string[] {
  const head = formatHeader(report, ctx);
  switch (key) {
    case 'model':
    case 'profile':
    case 'project':
    case 'day':
    case 'status': {
      const rows = report.groups[key];
      return rows.length ? [...head, ...groupTable(rows, key, ctx)] : [...head, '  no runs in this period.'];
    }
    case 'tool': {
      const rows = report.groups.tool;
      return rows.length ? [...head, ...toolTable(rows, ctx)] : [...head, '  no tool calls in this period.'];
    }
    default:
      return assertNever(key);
  }
}
