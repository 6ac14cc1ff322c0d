import type { RunResult } from './types.js';

/**
 * Medians over repeats per task x agent, per-agent medians over tasks, and baseline/pith ratios.
 * A ratio is baseline input tokens / that agent's input tokens: 8 means "8x fewer than baseline".
 */
export interface Cell {
  task: string;
  agent: string;
  runs: number;
  passes: number;
  input_tokens: number;
  output_tokens: number;
  calls: number;
  first_request_tokens: number;
  peak_request_tokens: number;
}

export interface AgentSummary {
  agent: string;
  tasks: number;
  passed_tasks: number;
  pass_rate: number;
  /** Median over tasks of the per-task median input tokens. */
  median_input_tokens: number;
  total_input_tokens: number;
  total_output_tokens: number;
  /** baseline's median_input_tokens / this agent's; null without a baseline. */
  ratio_of_medians: number | null;
  /** Median over tasks of (baseline input / this agent's input) on the same task. */
  median_task_ratio: number | null;
  /** Tasks the baseline passed and this agent did not. */
  regressions_vs_baseline: string[];
}

export interface Summary {
  cells: Cell[];
  agents: AgentSummary[];
  /** Per task: baseline input / agent input, for every non-baseline agent. */
  ratios: { task: string; agent: string; ratio: number | null }[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export function summarize(results: readonly RunResult[], baselineAgent = 'baseline'): Summary {
  const keys = [...new Map(results.map((r) => [`${r.task}\u0000${r.agent}`, r])).keys()];
  const cells: Cell[] = keys.map((k) => {
    const [task, agent] = k.split('\u0000') as [string, string];
    const rs = results.filter((r) => r.task === task && r.agent === agent);
    const med = (f: (r: RunResult) => number) => median(rs.map(f));
    return {
      task, agent, runs: rs.length, passes: rs.filter((r) => r.pass).length,
      input_tokens: med((r) => r.input_tokens), output_tokens: med((r) => r.output_tokens), calls: med((r) => r.calls),
      first_request_tokens: med((r) => r.first_request_tokens), peak_request_tokens: med((r) => r.peak_request_tokens),
    };
  });
  const cell = (task: string, agent: string) => cells.find((c) => c.task === task && c.agent === agent);
  const agents = [...new Set(cells.map((c) => c.agent))];
  const ratios: Summary['ratios'] = [];
  for (const c of cells) {
    if (c.agent === baselineAgent) continue;
    const b = cell(c.task, baselineAgent);
    if (b) ratios.push({ task: c.task, agent: c.agent, ratio: c.input_tokens > 0 ? round(b.input_tokens / c.input_tokens) : null });
  }
  const base = cells.filter((c) => c.agent === baselineAgent);
  const baseMedian = median(base.map((c) => c.input_tokens));
  const summaries: AgentSummary[] = agents.map((agent) => {
    const mine = cells.filter((c) => c.agent === agent);
    const med = median(mine.map((c) => c.input_tokens));
    const taskRatios = ratios.filter((r) => r.agent === agent && r.ratio !== null).map((r) => r.ratio!);
    const passedTasks = mine.filter((c) => c.passes * 2 > c.runs);
    return {
      agent,
      tasks: mine.length,
      passed_tasks: passedTasks.length,
      pass_rate: round(mine.reduce((n, c) => n + c.passes, 0) / Math.max(1, mine.reduce((n, c) => n + c.runs, 0)), 3),
      median_input_tokens: med,
      total_input_tokens: results.filter((r) => r.agent === agent).reduce((n, r) => n + r.input_tokens, 0),
      total_output_tokens: results.filter((r) => r.agent === agent).reduce((n, r) => n + r.output_tokens, 0),
      ratio_of_medians: agent !== baselineAgent && base.length && med > 0 ? round(baseMedian / med) : null,
      median_task_ratio: agent !== baselineAgent && taskRatios.length ? round(median(taskRatios)) : null,
      regressions_vs_baseline: agent === baselineAgent ? [] : base.filter((b) => b.passes * 2 > b.runs && !passedTasks.some((p) => p.task === b.task)).map((b) => b.task),
    };
  });
  return { cells, agents: summaries, ratios };
}
