import { compactTokens, escapeTags, fitWidth, shareBar, usdText, type Theme } from './format.js';
import type { ViewState } from './view-state.js';

export interface StatusInfo {
  profile: string;
  model: string;
}

/** The top line: profile · model · context bar and % · plan step i/n · running or idle. */
export function statusLine(state: ViewState, info: StatusInfo, theme: Theme, width: number): string {
  const { used, limit } = state.context;
  const pct = limit > 0 ? Math.min(100, (100 * used) / limit) : 0;
  const hue = pct >= 90 ? 'red' : pct >= 70 ? 'yellow' : 'green';
  const ctx = `ctx ${theme.hue(shareBar(pct, 8), hue)} ${pct.toFixed(0)}% of ${compactTokens(limit)}`;
  const step = state.step ? `step ${state.step.index}/${state.step.total}` : 'no plan';
  const busy = state.phase === 'idle' ? theme.dim('idle') : theme.hue(`${state.phase}${state.activity ? `: ${escapeTags(state.activity)}` : ''}`, 'cyan');
  const head = fitWidth(`${info.profile} · ${info.model}`, Math.max(10, width - 60));
  return ` ${theme.bold(escapeTags(head))} · ${ctx} · ${step} · ${busy}`;
}

/** The one-line stats bar above the input: this session's figures. */
export function statsBar(state: ViewState, theme: Theme): string {
  const s = state.session;
  const avg = s.tasks > 0 ? compactTokens(s.perTask.reduce((a, b) => a + b, 0) / s.tasks) : '-';
  const parts = [
    `tasks ${s.tasks}`,
    `tokens in ${compactTokens(s.inputTokens)} / out ${compactTokens(s.outputTokens)}`,
    `avg/task ${avg}`,
    `tools ${s.toolCalls}`,
    `cost ${usdText(s.costUsd)}`,
    `peak ctx ${s.peakContextPct.toFixed(0)}%`,
  ];
  return theme.dim(` ${parts.join(' · ')}`);
}
