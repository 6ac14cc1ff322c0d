/**
 * The `--json` shape of docs/stats-json.md, as strict zod schemas: an undocumented field, a missing
 * one or a wrong type fails. Keep in step with the doc.
 */
import { z } from 'zod';

const n = z.number();
const nn = z.number().nullable();
const s = z.string();
const sn = z.string().nullable();

const breakdown = z.strictObject({ system: n, tools: n, task: n, excerpts: n, history: n });
const sums = { input_tokens: n, output_tokens: n, cached_input_tokens: n, reasoning_tokens: n, counted_tokens: n, tokens: n, cost_usd: n };
const groupRow = z.strictObject({ key: s, runs: n, calls: n, tool_calls: n, ...sums });
const toolRow = z.strictObject({ tool: s, calls: n, tokens: n, share: n, errors: n, truncated: n, cached: n, duration_ms: n });
const parts = z.strictObject({ tokens: breakdown, share: breakdown, total: n });
const estimateLevel = z.strictObject({
  count: n, inside: n, below: n, above: n, inside_share: nn, median_abs_error: nn, median_error: nn,
  items: z.array(z.strictObject({ id: s, run: s, low: n, high: n, actual: n, inside: z.boolean(), error: n })),
});
const source = z.strictObject({
  path: s, lines: n, records: n, skipped: z.strictObject({ malformed: n, unknown_kind: n }), recovered: n, older_version: n, newer_version: n,
});

export const statsDocumentShape = z.strictObject({
  schema: z.literal('pith.stats/1'),
  generated_at: z.iso.datetime(),
  source,
  period: z.strictObject({ since: z.iso.datetime().nullable(), last_runs: nn, profile: sn, model: sn }),
  summary: z.strictObject({
    runs: n, steps: n, calls: n, failed_calls: n, tool_calls: n, tool_errors: n, ...sums,
    input_estimated_calls: n, output_unreported_calls: n,
    tokens_per_run: z.strictObject({ median: nn, p90: nn, max: nn }),
    run_status: z.record(s, n),
    budget_stops: z.strictObject({ runs: n, steps: n }),
    failures: n, aborted: n, duration_ms: n, first_ts: sn, last_ts: sn,
  }),
  groups: z.strictObject({ model: z.array(groupRow), profile: z.array(groupRow), project: z.array(groupRow), day: z.array(groupRow), status: z.array(groupRow), tool: z.array(toolRow) }),
  parts,
  runs: z.array(z.strictObject({ run: s, ts: s, status: s, mode: s, model: s, profile: s, task: s, calls: n, tool_calls: n, tokens: n, cost_usd: n })),
  estimates: z.strictObject({ steps: estimateLevel, plans: estimateLevel }),
});

export const runDocumentShape = z.strictObject({
  schema: z.literal('pith.stats.run/1'),
  generated_at: z.iso.datetime(),
  source,
  run: z.strictObject({
    run: s, session: s, status: sn, mode: sn, task: s, profile: s, models: z.array(s), first_ts: sn, last_ts: sn,
    totals: z.strictObject({ ...sums, calls: n, tool_calls: n, tool_tokens: n, duration_ms: n }),
    first_request_tokens: nn, peak_request_tokens: nn, estimate_low: nn, estimate_high: nn,
    parts,
    calls: z.array(
      z.strictObject({
        call: n, ts: s, step: sn, model: s, ...sums, breakdown, duration_ms: n, status: s, finish_reason: sn, error_kind: sn, retries: n,
        tools: z.array(z.strictObject({ tool: s, tokens: n, status: s, error_type: sn, truncated: z.boolean(), cached: z.boolean() })),
      }),
    ),
    steps: z.array(z.strictObject({ step: s, title: s, status: s, calls: n, tokens: n, cost_usd: n, estimate_low: nn, estimate_high: nn })),
    tools: z.array(toolRow),
  }),
});
