import { describe, it, expect } from 'vitest';
import type { EngineEvent } from '../../src/core/index.js';
import { runExecutor, type ExecutorOptions, type HookRunner } from '../../src/agent/index.js';
import { getTokenizer, countRequest } from '../../src/tokens/index.js';
import { createMemorySink } from '../../src/telemetry/index.js';
import { describeToolsAsText } from '../../src/agent/tools-as-text.js';
import { BASH_DESCRIPTION, BASH_PARAMS } from '../../src/tools/descriptions.js';
import { fakeProvider, fakeTools } from './fakes.js';

const bigFile = Array.from({ length: 400 }, (_, i) => `line ${i} of a long file with some words in it`).join('\n');

async function run(reply: Parameters<typeof fakeProvider>[0], over: Partial<ExecutorOptions> = {}, files: Record<string, string> = { 'a.ts': 'const x = 1;\n', 'big.ts': bigFile }, hooks?: HookRunner) {
  const tokenizer = await getTokenizer();
  const { provider, requests } = fakeProvider(reply);
  const tools = fakeTools(files);
  const sink = createMemorySink();
  const events: EngineEvent[] = [];
  const result = await runExecutor(
    {
      task: 'change x to 2', model: 'm', contextTokens: 32_000, replyReserve: 1_000,
      budget: { tokens: 100_000, toolCalls: 40 }, price: { input: 1, output: 2 },
      ids: { session: 's', run: 'r', profile: 'p', step: null }, signal: new AbortController().signal, ...over,
    },
    { provider, tools: tools.runner, tokenizer, sink, emit: (e) => events.push(e), hooks },
  );
  return { result, requests, tools, sink, events, tokenizer };
}

describe('executor loop', () => {
  it('reads, edits and finishes; telemetry has a record per call and tool', async () => {
    const { result, tools, sink, requests } = await run((_req, n) =>
      n === 1 ? { calls: [['read', { path: 'a.ts' }]] } : n === 2 ? { calls: [['edit', { path: 'a.ts', old: '1', new: '2' }]] } : { text: 'x is now 2' });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('x is now 2');
    expect(tools.files['a.ts']).toBe('const x = 2;\n');
    expect(result.changedFiles).toEqual(['a.ts']);
    expect(requests).toHaveLength(3);
    expect(sink.records.filter((r) => r.kind === 'call')).toHaveLength(3);
    expect(sink.records.filter((r) => r.kind === 'tool').map((r) => (r as { tool: string }).tool)).toEqual(['read', 'edit']);
    // The tool result reaches the model as a tool message tied to its call.
    const last = requests[2]!.messages.at(-1)!;
    expect(last.role).toBe('tool');
  });

  it('ends on a passing check run with done: true, without a closing call', async () => {
    const { result, requests, tools } = await run((_req, n) =>
      n === 1 ? { calls: [['edit', { path: 'a.ts', old: '1', new: '2' }]] } : n === 2 ? { calls: [['bash', { command: 'pass', done: true }]] } : { text: 'x is now 2' });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('done: $ pass -> exit 0');
    expect(requests).toHaveLength(2);
    expect(tools.files['a.ts']).toBe('const x = 2;\n');
  });

  it('goes on after a done check that failed, or one followed by more calls in the same reply', async () => {
    const failed = await run((_req, n) => (n === 1 ? { calls: [['bash', { command: 'npm test', done: true }]] } : { text: 'gave up' }));
    expect(failed.requests).toHaveLength(2);
    expect(failed.result.summary).toBe('gave up');
    const notLast = await run((_req, n) => (n === 1 ? { calls: [['bash', { command: 'pass', done: true }], ['read', { path: 'a.ts' }]] } : { text: 'read it' }));
    expect(notLast.requests).toHaveLength(2);
    expect(notLast.result.summary).toBe('read it');
  });

  it('does not end on a done check when the project checks after that reply\'s edits failed: the model sees them', async () => {
    const hooks: HookRunner = { run: async () => ({ command: 'tsc', ok: false, output: 'a.ts(1,7): error TS2322' }) };
    const { result, requests } = await run(
      (_req, n) => (n === 1 ? { calls: [['edit', { path: 'a.ts', old: '1', new: '2' }], ['bash', { command: 'pass', done: true }]] } : { text: 'fixed' }),
      {}, undefined, hooks,
    );
    expect(requests).toHaveLength(2);
    expect(JSON.stringify(requests[1]!.messages)).toContain('error TS2322');
    expect(result.summary).toBe('fixed');
  });

  it('never sends a request over the step budget and stops with budget_exhausted', async () => {
    const budget = 6_000;
    const { result, requests, tokenizer } = await run((_req, n) => ({ calls: [['read', { path: 'big.ts', n }]] }), { budget: { tokens: budget, toolCalls: 100 } });
    expect(result.status).toBe('budget_exhausted');
    let spent = 0;
    for (const req of requests) {
      const counted = countRequest(tokenizer, req.messages, req.tools ?? []).total;
      expect(spent + counted + (req.maxTokens ?? 0)).toBeLessThanOrEqual(budget);
      spent += counted; // output of these fake calls is ~ the tool-call arguments, counted by the loop too
    }
    expect(result.inputTokens + result.outputTokens).toBeLessThanOrEqual(budget);
  });

  it('warns at 70% and tells the model to finish at 90%', async () => {
    const { events, requests } = await run((_req, n) => ({ calls: [['read', { path: 'a.ts', n }]] }), { budget: { tokens: 8_000, toolCalls: 100 }, replyReserve: 200 });
    const levels = events.filter((e) => e.type === 'budget_warning').map((e) => (e as { level: number }).level);
    expect(levels).toEqual([70, 90]);
    expect(JSON.stringify(requests.at(-1)!.messages)).toContain('Finish now');
  });

  it('keeps every request inside the context window by stubbing old outputs, with recall ids', async () => {
    const { result, requests, tools, tokenizer } = await run((_req, n) => (n < 8 ? { calls: [['read', { path: 'big.ts', n }]] } : { text: 'done' }), { contextTokens: 9_000, replyReserve: 1_000 });
    expect(result.status).toBe('ok');
    for (const req of requests) expect(countRequest(tokenizer, req.messages, req.tools ?? []).total).toBeLessThanOrEqual(8_000);
    expect(result.shrinkSavedTokens).toBeGreaterThan(0);
    expect(tools.kept.length).toBeGreaterThan(0);
    expect(tools.forgotten).toContain('big.ts');
    expect(JSON.stringify(requests.at(-1)!.messages)).toContain('recall {\\"id\\":\\"k1\\"}');
  });

  it('keeps the re-sent history near its soft limit by stubbing outputs older than two turns, in blocks', async () => {
    const mid = Array.from({ length: 60 }, (_, i) => `row ${i} of a medium file`).join('\n'); // ~500 tokens
    const files = { 'a.ts': 'x', 'mid.ts': mid };
    const reply = (_r: unknown, n: number) => (n <= 8 ? { calls: [['read', { path: 'mid.ts', n }]] as Array<[string, unknown]> } : { text: 'done' });
    const pruned = await run(reply, { historyTokens: 1000 }, { ...files });
    const full = await run(reply, { historyTokens: 0 }, { ...files });
    expect(pruned.result.status).toBe('ok');
    expect(pruned.result.inputTokens).toBeLessThan(full.result.inputTokens * 0.7);
    const last = JSON.stringify(pruned.requests.at(-1)!.messages);
    expect(last).toMatch(/\[pruned \(\d+ tokens\); recall \{\\"id\\":\\"k\d+\\"\}\]/);
    // The last two turns' outputs are always whole.
    const tools = pruned.requests.at(-1)!.messages.filter((m) => m.role === 'tool');
    expect(tools.slice(-2).every((m) => m.content.startsWith('row 0'))).toBe(true);
    expect(JSON.stringify(full.requests.at(-1)!.messages)).not.toContain('pruned');
    // recall is offered only once there is something to recall.
    const names = (q: { tools?: Array<{ name: string }> }) => (q.tools ?? []).map((t) => t.name);
    expect(names(pruned.requests[0]!)).not.toContain('recall');
    expect(names(pruned.requests.at(-1)!)).toContain('recall');
    expect(names(full.requests.at(-1)!)).not.toContain('recall');
  });

  it('counts pre-loaded excerpts toward the soft limit: one the model worked on and left goes, though the history is small', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i + 1}:ab|row ${i} of the pre-loaded file`).join('\n'); // ~1,100 tokens
    const preloaded = [{ path: 'p.ts', text: `p.ts lines 1-100 of 100\n${rows}` }];
    const script: Array<[string, Record<string, unknown>]> = [['edit', { path: 'p.ts', old: 'one', new: 'two' }], ['read', { path: 'a.ts' }], ['read', { path: 'a.ts', n: 2 }], ['read', { path: 'a.ts', n: 3 }]];
    const reply = (_r: unknown, n: number) => (n <= script.length ? { calls: [script[n - 1]!] } : { text: 'done' });
    const { requests } = await run(reply, { historyTokens: 1000, preloaded }, { 'a.ts': 'x', 'p.ts': 'one' });
    const task = (i: number) => requests[i]!.messages[1]!.content;
    expect(task(2)).toContain('row 99 of the pre-loaded file'); // touched at turn 1: kept two more turns
    expect(task(requests.length - 1)).toContain('[excerpt of p.ts pruned');
    // Without pre-loads counting, the small history alone would never have pruned it.
    const { requests: off } = await run(reply, { historyTokens: 0, preloaded }, { 'a.ts': 'x', 'p.ts': 'one' });
    expect(off.at(-1)!.messages[1]!.content).toContain('row 99 of the pre-loaded file');
  });

  it('keeps the read of the file being edited whole while edits to it go on, and prunes it once the model moves on', async () => {
    const mid = Array.from({ length: 60 }, (_, i) => `row ${i} of a medium file`).join('\n');
    const script: Array<[string, unknown]> = [
      ['read', { path: 'mid.ts' }],
      ['edit', { path: 'mid.ts', old: 'row 1 ', new: 'ROW 1 ' }],
      ['edit', { path: 'mid.ts', old: 'row 2 ', new: 'ROW 2 ' }],
      ['edit', { path: 'mid.ts', old: 'row 3 ', new: 'ROW 3 ' }],
      ['read', { path: 'a.ts' }],
      ['read', { path: 'b.ts' }],
      ['read', { path: 'a.ts', again: 1 }],
    ];
    const { requests } = await run((_r, n) => (n <= script.length ? { calls: [script[n - 1]!] } : { text: 'done' }), { historyTokens: 300 }, { 'a.ts': 'x', 'b.ts': 'y', 'mid.ts': mid });
    const readWhole = (i: number) => requests[i]!.messages.some((m) => m.role === 'tool' && m.content.startsWith('row 0'));
    // Requests 2-5 follow the read and the edits to mid.ts: the read stays whole throughout.
    expect([1, 2, 3, 4].map(readWhole)).toEqual([true, true, true, true]);
    // Two turns after the last edit of mid.ts it is pruned, with a recall id.
    expect(readWhole(requests.length - 1)).toBe(false);
    expect(JSON.stringify(requests.at(-1)!.messages)).toMatch(/\[pruned \(\d+ tokens\); recall/);
  });

  it('never stubs outputs too small to save anything (shrinking never costs tokens)', async () => {
    const { result } = await run((_req, n) => (n < 80 ? { calls: [['read', { path: 'a.ts', n }]] } : { text: 'done' }), { contextTokens: 1_400, replyReserve: 200 });
    expect(result.shrinkSavedTokens).toBeGreaterThanOrEqual(0);
    expect(result.status).toBe('error'); // tiny outputs cannot be pruned: the step stops clearly instead
  });

  it('serves an identical call from the loop guard, but re-runs a read after an edit', async () => {
    const script = [
      { calls: [['read', { path: 'a.ts' }]] },
      { calls: [['read', { path: 'a.ts' }]] },
      { calls: [['edit', { path: 'a.ts', old: '1', new: '2' }]] },
      { calls: [['read', { path: 'a.ts' }]] },
      { text: 'ok' },
    ] as const;
    const { tools, events } = await run((_r, n) => script[n - 1] as never);
    expect(tools.ran.map((r) => r.name)).toEqual(['read', 'edit', 'read']);
    expect(events.filter((e) => e.type === 'tool_end' && e.cached)).toHaveLength(1);
  });

  it('ends with status loop after three identical failing calls', async () => {
    const { result, tools } = await run(() => ({ calls: [['fail', { path: 'a.ts' }]] }));
    expect(result.status).toBe('loop');
    expect(tools.ran).toHaveLength(3);
  });

  it('treats the same command failing three times in a row as a loop, but not when an edit came between', async () => {
    const same = await run(() => ({ calls: [['bash', { command: 'npm test' }]] }));
    expect(same.result.status).toBe('loop');
    expect(same.tools.ran).toHaveLength(3);
    const script = [['bash'], ['bash'], ['edit'], ['bash'], ['bash'], null] as const;
    const fixed = await run((_r, n) => {
      const s = script[n - 1];
      if (!s) return { text: 'gave up' };
      return s[0] === 'edit' ? { calls: [['edit', { path: 'a.ts', old: '1', new: '2' }]] } : { calls: [['bash', { command: 'npm test' }]] };
    });
    expect(fixed.result.status).toBe('ok');
  });

  it('runs a tool call written as JSON text (small-model style), repairing it', async () => {
    const { result, tools, requests } = await run((_r, n) => (n === 1 ? { text: "```json\n{'tool': 'read', 'arguments': {'path': 'a.ts',}}\n```" } : { text: 'fine' }));
    expect(result.status).toBe('ok');
    expect(tools.ran).toEqual([{ name: 'read', args: '{"path":"a.ts"}' }]);
    expect(requests[1]!.messages.at(-1)).toMatchObject({ role: 'user', content: expect.stringContaining('[read result]') });
  });

  it('on an endpoint without tool support, lists the tools in the system prompt and ends on a done check written as text', async () => {
    const { result, requests } = await run((_r, n) => (n === 1 ? { text: '{"tool": "bash", "arguments": {"command": "pass", "done": true}}' } : { text: 'not reached' }), { toolsInText: true });
    expect(requests[0]!.tools).toBeUndefined();
    expect(requests[0]!.messages[0]!.content).toContain('Tools (call one by replying with only {"tool": NAME');
    expect(requests).toHaveLength(1);
    expect(result.summary).toBe('done: $ pass -> exit 0');
  });

  it('describes each tool as text with its parameters\' own notes (the model sees no schema)', () => {
    const text = describeToolsAsText([{ name: 'bash', description: BASH_DESCRIPTION, parameters: BASH_PARAMS }]);
    expect(text).toContain('- bash(command:string, timeout_s:integer, done:boolean (true: task ends if it exits 0)): Run a shell command');
  });

  it('answers unparseable arguments and unknown tools with a correction, not a crash', async () => {
    const { result, requests } = await run((_r, n) =>
      n === 1 ? { raw: [{ id: 'x', name: 'read', arguments: '{path: ' }] } : n === 2 ? { calls: [['nosuch', {}]] } : { text: 'gave up' });
    expect(result.status).toBe('ok');
    expect(result.malformedCalls).toBe(1);
    const msgs = JSON.stringify(requests[2]!.messages);
    expect(msgs).toContain('not valid JSON');
    expect(msgs).toContain('unknown tool nosuch');
  });

  it('drops tool calls past the per-reply cap with a note', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ['read', { path: 'a.ts', i }] as [string, unknown]);
    const { tools, requests } = await run((_r, n) => (n === 1 ? { calls: many } : { text: 'ok' }), { maxCallsPerTurn: 5 });
    expect(tools.ran).toHaveLength(5);
    expect(JSON.stringify(requests[1]!.messages)).toContain('45 more tool calls');
  });

  it('stops promptly when aborted mid-stream', async () => {
    const ctrl = new AbortController();
    const { result } = await run(() => {
      ctrl.abort();
      return [{ type: 'text_delta', text: 'partial' }];
    }, { signal: ctrl.signal });
    expect(result.status).toBe('aborted');
  });

  it('sends the request again when a reply broke mid-way, at most twice in a row', async () => {
    const broken = [{ type: 'text_delta', text: 'half a rep' }, { type: 'error', kind: 'stall', message: 'no bytes for 60000 ms', partial: { text: 'half a rep', toolCalls: [] } }] as const;
    const once = await run((_r, n) => (n === 1 ? [...broken] : { text: 'done' }));
    expect(once.result.status).toBe('ok');
    expect(once.requests).toHaveLength(2);
    expect(JSON.stringify(once.requests[1]!.messages)).not.toContain('half a rep');
    const always = await run(() => [...broken]);
    expect(always.result.status).toBe('error');
    expect(always.requests).toHaveLength(3);
  });

  it('reports a provider failure as status error with the reason', async () => {
    const { result } = await run(() => [{ type: 'error', kind: 'server', message: '500 after 4 retries', partial: { text: '', toolCalls: [] } }]);
    expect(result.status).toBe('error');
    expect(result.summary).toContain('500 after 4 retries');
  });
});
