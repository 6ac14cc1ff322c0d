import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/core/index.js';
import { briefArgs, coalesce, reduceAll, reduceView } from '../../src/tui/reducer.js';
import { initialViewState, MAX_ENTRIES, type ViewAction, type ViewState } from '../../src/tui/view-state.js';

const run = (actions: ViewAction[], s: ViewState = initialViewState(10_000)) => reduceAll(s, actions);
const call = (call: number, counted: number, input: number | null, output: number, costUsd = 0): EngineEvent[] => [
  { type: 'call_start', call, countedTokens: counted, breakdown: { system: 0, tools: 0, task: counted, excerpts: 0, history: 0 }, contextTokens: 10_000 },
  { type: 'call_end', call, usage: input === null ? null : { input_tokens: input, output_tokens: output, cached_input_tokens: null, reasoning_tokens: null }, countedTokens: counted, costUsd, durationMs: 5 },
];
const end = (status: 'ok' | 'aborted' = 'ok', summary = ''): EngineEvent => ({ type: 'run_end', runId: 'r', status, inputTokens: 1, outputTokens: 1, calls: 1, toolCalls: 0, costUsd: 0, durationMs: 1200, summary });

describe('view reducer', () => {
  it('streams model text into one entry and starts a new one after a call ends', () => {
    const s = run([{ type: 'model_delta', text: 'Hel' }, { type: 'model_delta', text: 'lo\n' }, ...call(1, 100, 90, 5), { type: 'model_delta', text: 'again' }]);
    expect(s.entries.map((e) => [e.kind, e.text])).toEqual([['text', 'Hello'], ['text', 'again']]);
  });

  it('does not mutate the state it was given', () => {
    const s0 = run([{ type: 'model_delta', text: 'a' }]);
    const copy = JSON.stringify(s0);
    reduceView(s0, { type: 'model_delta', text: 'b' });
    reduceView(s0, { type: 'tool_start', id: 't', name: 'read', args: '{}' });
    expect(JSON.stringify(s0)).toBe(copy);
  });

  it('turns a tool call into one line completed with its token cost', () => {
    const s = run([
      { type: 'tool_start', id: 't1', name: 'read', args: '{"path":"src/a.ts","start":1}' },
      { type: 'tool_start', id: 't2', name: 'search', args: '{"pattern":"foo"}' },
      { type: 'tool_end', id: 't1', name: 'read', display: 'src/a.ts 1-40', tokens: 320 },
      { type: 'tool_end', id: 't2', name: 'search', display: '3 hits', tokens: 40, error: 'bad', cached: true },
    ]);
    expect(s.entries).toEqual([
      { kind: 'tool', id: 't1', ok: true, text: 'read src/a.ts 1-40', meta: '320 tok' },
      { kind: 'tool', id: 't2', ok: false, text: 'search 3 hits', meta: '40 tok, cached' },
    ]);
    expect(s.session.toolCalls).toBe(2);
  });

  it('sums session tokens from calls (provider counts, else ours), per task, cost and peak context', () => {
    const s = run([...call(1, 2000, 1900, 50, 0.01), ...call(2, 5000, null, 0, 0.02), end(), ...call(3, 1000, 1000, 10), end()]);
    expect(s.session).toMatchObject({ tasks: 2, inputTokens: 7900, outputTokens: 60, costUsd: 0.03, perTask: [6950, 1010], currentTask: 0, peakContextPct: 50 });
    expect(s.context).toEqual({ used: 1000, limit: 10_000 });
  });

  it('tracks plan steps: status, live tokens, i/n', () => {
    let s = run([{ type: 'ui_plan_steps', ids: ['s1', 's2'] }, { type: 'step_start', stepId: 's1', index: 1, total: 2, title: 'one' }, ...call(1, 500, 500, 20)]);
    expect(s.steps).toEqual({ s1: { status: 'running', tokens: 520 }, s2: { status: 'pending', tokens: 0 } });
    expect(s.step).toEqual({ index: 1, total: 2 });
    s = run([{ type: 'step_end', stepId: 's1', status: 'passed', tokens: 530, costUsd: 0 }, { type: 'step_start', stepId: 's2', index: 2, total: 2, title: 'two' }], s);
    expect(s.steps.s1).toEqual({ status: 'passed', tokens: 530 });
    expect(s.steps.s2!.status).toBe('running');
    expect(s.step).toEqual({ index: 2, total: 2 });
  });

  it('shows a failed run with its reason, and the planner reply is kept out of the transcript', () => {
    const s = run([{ type: 'ui_phase', phase: 'planning' }, { type: 'model_delta', text: '{"steps":[]}' }, { type: 'ui_phase', phase: 'running' }, end('aborted', 'interrupted')]);
    expect(s.entries.map((e) => e.kind)).toEqual(['error', 'error']);
    expect(s.entries[0]!.text).toBe('interrupted');
    expect(s.entries[1]!.text).toMatch(/^aborted · in 1 · out 1 · 1 calls · 0 tools · \$0\.0000 · 1\.2s$/);
  });

  it('keeps at most MAX_ENTRIES entries', () => {
    const many: ViewAction[] = Array.from({ length: MAX_ENTRIES + 10 }, (_, i) => ({ type: 'ui_message', level: 'info', text: `m${i}` }));
    const s = run(many);
    expect(s.entries).toHaveLength(MAX_ENTRIES);
    expect(s.entries.at(-1)!.text).toBe(`m${MAX_ENTRIES + 9}`);
  });

  it('coalesces a burst of deltas into one action', () => {
    const burst: ViewAction[] = Array.from({ length: 1000 }, () => ({ type: 'model_delta', text: 'x' }));
    const out = coalesce([...burst, { type: 'reasoning_delta', text: 'a' }, { type: 'reasoning_delta', text: 'b' }, ...burst]);
    expect(out.map((a) => a.type)).toEqual(['model_delta', 'reasoning_delta', 'model_delta']);
    expect(run(out).entries[0]!.text).toBe('x'.repeat(2000));
  });

  it('briefs tool arguments', () => {
    expect(briefArgs('{"command":"npm   test"}')).toBe('npm test');
    expect(briefArgs('not json')).toBe('not json');
  });
});
