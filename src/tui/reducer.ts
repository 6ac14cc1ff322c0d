import { assertNever } from '../core/index.js';
import { compactTokens, durationText } from './format.js';
import { MAX_ENTRIES, type Entry, type ViewAction, type ViewState } from './view-state.js';

/**
 * EngineEvents (and the TUI's own actions) -> view state. Pure: the same actions give the same
 * state, and the input state is never mutated. The app queues events as they arrive and reduces
 * them once per frame, so the engine's emit is a push onto an array and nothing more.
 */
export function reduceView(state: ViewState, a: ViewAction): ViewState {
  switch (a.type) {
    case 'model_delta':
      // The planner's reply is the plan itself: the review overlay shows it, not the transcript.
      if (state.phase === 'planning') return state.activity === 'writing the plan' ? state : { ...state, activity: 'writing the plan' };
      return a.text ? { ...state, activity: 'writing', entries: appendText(state.entries, a.text) } : state;
    case 'reasoning_delta':
      return state.activity === 'thinking' ? state : { ...state, activity: 'thinking' };
    case 'run_start':
      return { ...state, activity: 'starting', step: null };
    case 'plan_ready':
      return push(state, { kind: 'info', text: `plan ${a.planId}: ${a.steps} steps, estimate ${compactTokens(a.estimate.low)}-${compactTokens(a.estimate.high)} tokens ($${a.estimate.lowUsd.toFixed(4)}-$${a.estimate.highUsd.toFixed(4)})` });
    case 'step_start':
      return {
        ...push(state, { kind: 'step', text: `▶ step ${a.index}/${a.total}: ${a.title}` }),
        step: { index: a.index, total: a.total },
        currentStepId: a.stepId,
        steps: { ...state.steps, [a.stepId]: { status: 'running', tokens: state.steps[a.stepId]?.tokens ?? 0 } },
      };
    case 'call_start': {
      const pct = a.contextTokens > 0 ? (100 * a.countedTokens) / a.contextTokens : 0;
      const session = pct > state.session.peakContextPct ? { ...state.session, peakContextPct: pct } : state.session;
      return { ...state, activity: 'thinking', context: { used: a.countedTokens, limit: a.contextTokens }, session };
    }
    case 'call_end': {
      const input = a.usage?.input_tokens ?? a.countedTokens;
      const output = a.usage?.output_tokens ?? 0;
      const s = state.session;
      const session = { ...s, inputTokens: s.inputTokens + input, outputTokens: s.outputTokens + output, costUsd: s.costUsd + a.costUsd, currentTask: s.currentTask + input + output };
      const id = state.currentStepId;
      const step = id ? state.steps[id] : undefined;
      const steps = id && step && step.status === 'running' ? { ...state.steps, [id]: { ...step, tokens: step.tokens + input + output } } : state.steps;
      return { ...state, session, steps, entries: closeText(state.entries) };
    }
    case 'retry':
      return push(state, { kind: 'warn', text: `retry ${a.attempt} in ${(a.delayMs / 1000).toFixed(1)}s: ${a.reason}` });
    case 'tool_start':
      return { ...push(closeState(state), { kind: 'tool', id: a.id, text: `${a.name} ${briefArgs(a.args)}` }), activity: a.name };
    case 'tool_end': {
      const done: Entry = { kind: 'tool', id: a.id, ok: !a.error, text: `${a.name} ${a.display}`.trim(), meta: `${a.tokens} tok${a.cached ? ', cached' : ''}` };
      const session = { ...state.session, toolCalls: state.session.toolCalls + 1 };
      const i = findLast(state.entries, (e) => e.kind === 'tool' && e.id === a.id && e.ok === undefined);
      if (i < 0) return { ...push(state, done), session };
      const entries = state.entries.slice();
      entries[i] = done;
      return { ...state, entries, session, activity: 'thinking' };
    }
    case 'hook_result':
      return push(state, { kind: 'hook', ok: a.ok, text: `check ${a.command}`, meta: `${a.tokens} tok` });
    case 'budget_warning':
      return push(state, { kind: 'warn', text: `budget ${a.level}%: ${compactTokens(a.used)} of ${compactTokens(a.limit)} tokens` });
    case 'notice':
      return push(state, { kind: a.level === 'info' ? 'info' : a.level, text: a.message });
    case 'step_end': {
      const steps = { ...state.steps, [a.stepId]: { status: a.status, tokens: a.tokens } };
      const ok = a.status === 'passed';
      return { ...push(state, { kind: ok ? 'step' : 'error', text: `${ok ? '✓' : '✗'} step ${a.stepId} ${a.status}`, meta: `${compactTokens(a.tokens)} tok · $${a.costUsd.toFixed(4)}` }), steps };
    }
    case 'run_end': {
      const s = state.session;
      const session = { ...s, tasks: s.tasks + 1, perTask: [...s.perTask, s.currentTask], currentTask: 0 };
      const text = `${a.status} · in ${compactTokens(a.inputTokens)} · out ${compactTokens(a.outputTokens)} · ${a.calls} calls · ${a.toolCalls} tools · $${a.costUsd.toFixed(4)} · ${durationText(a.durationMs)}`;
      let next = closeState(state);
      if (a.status !== 'ok' && a.summary) next = push(next, { kind: 'error', text: a.summary });
      return { ...push(next, { kind: a.status === 'ok' ? 'run' : 'error', text }), session, activity: '', currentStepId: null };
    }
    case 'ui_user':
      return push(closeState(state), { kind: 'user', text: a.text });
    case 'ui_message':
      return push(closeState(state), { kind: a.level, text: a.text });
    case 'ui_phase':
      return { ...state, phase: a.phase, activity: '' };
    case 'ui_context_limit':
      return { ...state, context: { used: 0, limit: a.limit } };
    case 'ui_plan_steps':
      return { ...state, steps: Object.fromEntries(a.ids.map((id) => [id, { status: 'pending' as const, tokens: 0 }])), step: null, currentStepId: null };
    case 'ui_clear':
      return { ...state, entries: [] };
    default:
      return assertNever(a);
  }
}

/** Reduce a frame's worth of queued actions; adjacent text deltas are merged first. */
export function reduceAll(state: ViewState, actions: readonly ViewAction[]): ViewState {
  let s = state;
  for (const a of coalesce(actions)) s = reduceView(s, a);
  return s;
}

/** Merges runs of model_delta into one action, so a fast stream costs one reduction per frame. */
export function coalesce(actions: readonly ViewAction[]): ViewAction[] {
  const out: ViewAction[] = [];
  for (const a of actions) {
    const last = out[out.length - 1];
    if (a.type === 'model_delta' && last?.type === 'model_delta') out[out.length - 1] = { type: 'model_delta', text: last.text + a.text };
    else if (a.type === 'reasoning_delta' && last?.type === 'reasoning_delta') continue;
    else out.push(a);
  }
  return out;
}

function push(state: ViewState, e: Entry): ViewState {
  const entries = state.entries.length >= MAX_ENTRIES ? state.entries.slice(state.entries.length - MAX_ENTRIES + 1) : state.entries.slice();
  entries.push(e);
  return { ...state, entries };
}

/** Streamed text goes into an open 'text' entry (one without `ok`), else a new one. */
function appendText(entries: Entry[], text: string): Entry[] {
  const last = entries[entries.length - 1];
  const out = entries.slice(entries.length >= MAX_ENTRIES ? 1 : 0);
  if (last?.kind === 'text' && last.ok === undefined) out[out.length - 1] = { ...last, text: last.text + text };
  else out.push({ kind: 'text', text });
  return out;
}

/** Marks the open text entry finished, so the next answer starts its own. */
function closeText(entries: Entry[]): Entry[] {
  const last = entries[entries.length - 1];
  if (last?.kind !== 'text' || last.ok !== undefined) return entries;
  const out = entries.slice();
  out[out.length - 1] = { ...last, ok: true, text: last.text.replace(/\s+$/, '') };
  return out;
}

function closeState(state: ViewState): ViewState {
  const entries = closeText(state.entries);
  return entries === state.entries ? state : { ...state, entries };
}

function findLast<T>(items: readonly T[], pred: (t: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i]!)) return i;
  return -1;
}

/** The interesting part of a tool's JSON arguments, on one short line. */
export function briefArgs(args: string): string {
  try {
    const o = JSON.parse(args) as Record<string, unknown>;
    const key = ['path', 'command', 'pattern', 'symbol', 'query', 'name'].find((k) => typeof o[k] === 'string');
    const text = key ? String(o[key]) : Object.values(o).filter((v) => typeof v === 'string').join(' ');
    return oneLine(text, 60);
  } catch {
    return oneLine(args, 60);
  }
}

function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1) + '…';
}
