import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { loadTasks, type Task } from '../../bench/scripted-model/tasks.js';
import { startScriptedModel, type ScriptedModel } from '../../bench/scripted-model/server.js';
import { copyRepo, runShell } from '../../bench/scripted-model/fixture-repo.js';
import { PITH_TOOLS, BASELINE_TOOLS, runAgent, runTool } from './fake-agent.js';

const FIXTURES = resolve('fixtures');
const tasks = loadTasks(join(FIXTURES, 'tasks'));
const task = (id: string): Task => tasks.find((t) => t.id === id)!;
const scratch = mkdtempSync(join(tmpdir(), 'pith-scripted-'));
const env = { ...process.env, PITH_TSC: resolve('node_modules/.bin/tsc') };
let server: ScriptedModel;
let client: OpenAI;

beforeAll(async () => {
  server = await startScriptedModel({ tasks });
  client = new OpenAI({ baseURL: server.url, apiKey: 'none', maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function post(path: string, body: unknown, base = server.ollamaUrl): Promise<Response> {
  return fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('scripted model over the openai SDK (streaming)', () => {
  it('solves the clamp task with pith-style anchored read and edit', async () => {
    const t = task('ts-clamp-swap');
    const root = copyRepo(FIXTURES, t.repo, scratch);
    const before = server.requests.length;
    const run = await runAgent(client, root, t.prompt, 'pith');
    const calls = run.messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []) : [])).map((c) => (c as { function: { name: string } }).function.name);
    expect(calls).toEqual(['symbols', 'read', 'edit', 'bash']);
    const edit = run.messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []) : []))[2] as { function: { arguments: string } };
    expect(JSON.parse(edit.function.arguments).edits[0].from).toMatch(/^\d+:[a-z0-9_-]{2}$/);
    expect(run.finalText).toBe('clamp now swaps min and max when min > max.');
    expect(runShell(t.verify, root, env).ok).toBe(true);
    // usage arrives in the stream and matches the server's own o200k count of each request
    const mine = server.requests.slice(before);
    expect(run.usage.map((u) => u.prompt_tokens)).toEqual(mine.map((r) => r.promptTokens));
    expect(mine.every((r, i) => i === 0 || r.promptTokens > mine[i - 1].promptTokens)).toBe(true);
  });

  it('solves a task with baseline-style tools (read_file, edit_file, grep, bash)', async () => {
    const t = task('js-fix-backoff');
    const root = copyRepo(FIXTURES, t.repo, scratch);
    const run = await runAgent(client, root, t.prompt, 'baseline');
    const names = run.messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []) : [])).map((c) => (c as { function: { name: string } }).function.name);
    expect(names).toEqual(['bash', 'read_file', 'edit_file', 'bash']);
    expect(runShell(t.verify, root, env).ok).toBe(true);
  });

  it('finds its way in the 3,000-line module with pith tools (symbol read, no whole-file read)', async () => {
    const t = task('ts-fix-nl-books');
    const root = copyRepo(FIXTURES, t.repo, scratch);
    const run = await runAgent(client, root, t.prompt, 'pith');
    const reads = run.messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []) : [])).map((c) => JSON.parse((c as { function: { arguments: string } }).function.arguments)).filter((a) => a.path === 'src/tax/rates.ts');
    expect(reads[0]).toEqual({ path: 'src/tax/rates.ts', symbol: 'ratesNL' });
    expect(runShell(t.verify, root, env).ok).toBe(true);
  });
});

describe('decisions from the context alone', () => {
  const t = () => task('ts-clamp-swap');
  function history(readResult: string): OpenAI.ChatCompletionMessageParam[] {
    const read = { id: 'c1', type: 'function' as const, function: { name: 'read', arguments: JSON.stringify({ path: 'src/util/math.ts', symbol: 'clamp' }) } };
    const sym = { id: 'c0', type: 'function' as const, function: { name: 'symbols', arguments: '{"query":"clamp"}' } };
    return [
      { role: 'user', content: t().prompt },
      { role: 'assistant', content: '', tool_calls: [sym] },
      { role: 'tool', tool_call_id: 'c0', content: 'src/util/math.ts:33:ab|export function clamp(value: number, min: number, max: number): number {' },
      { role: 'assistant', content: '', tool_calls: [read] },
      { role: 'tool', tool_call_id: 'c1', content: readResult },
    ];
  }
  const shown = () => runTool(join(FIXTURES, 'repos/ledger-ts'), 'read', { path: 'src/util/math.ts', symbol: 'clamp' });

  it('edits with the anchors it was shown', async () => {
    const r = await client.chat.completions.create({ model: 'scripted', messages: history(shown()), tools: PITH_TOOLS });
    const call = r.choices[0].message.tool_calls![0] as { function: { name: string; arguments: string } };
    expect(call.function.name).toBe('edit');
    const op = JSON.parse(call.function.arguments).edits[0];
    expect(shown()).toContain(`${op.from}|  if (Number.isNaN(value)) return min;`);
    expect(r.usage!.prompt_tokens).toBeGreaterThan(0);
  });

  it('recalls a pruned read, or reads again without recall, instead of editing blind', async () => {
    const stub = '[output pruned; recall id r7]';
    const r = await client.chat.completions.create({ model: 'scripted', messages: history(stub), tools: PITH_TOOLS });
    expect((r.choices[0].message.tool_calls![0] as { function: { name: string; arguments: string } }).function).toEqual({ name: 'recall', arguments: '{"id":"r7"}' });
    const noRecall = PITH_TOOLS.filter((x) => x.function.name !== 'recall');
    const r2 = await client.chat.completions.create({ model: 'scripted', messages: history(stub), tools: noRecall });
    const c2 = r2.choices[0].message.tool_calls![0] as { function: { name: string; arguments: string } };
    expect(c2.function.name).toBe('read');
    expect(JSON.parse(c2.function.arguments).path).toBe('src/util/math.ts');
  });

  it('re-reads and retries after a stale edit', async () => {
    const stale = runTool(join(FIXTURES, 'repos/ledger-ts'), 'read', { path: 'src/util/math.ts', lines: '30-40' });
    const edit = { id: 'c2', type: 'function' as const, function: { name: 'edit', arguments: '{"path":"src/util/math.ts","edits":[{"from":"35:zz","text":"x"}]}' } };
    const messages = [...history(shown()), { role: 'assistant' as const, content: '', tool_calls: [edit] }, { role: 'tool' as const, tool_call_id: 'c2', content: `stale: line 35 changed\n${stale}` }];
    const r = await client.chat.completions.create({ model: 'scripted', messages, tools: PITH_TOOLS });
    const op = JSON.parse((r.choices[0].message.tool_calls![0] as { function: { arguments: string } }).function.arguments).edits[0];
    expect(stale).toContain(`${op.from}|  if (Number.isNaN(value)) return min;`);
  });

  it('writes the call as JSON text when no tools are offered', async () => {
    const r = await client.chat.completions.create({ model: 'scripted', messages: [{ role: 'user', content: t().prompt }] });
    expect(r.choices[0].message.tool_calls ?? []).toEqual([]);
    expect(JSON.parse(r.choices[0].message.content!)).toEqual({ tool: 'symbols', arguments: { query: 'clamp' } });
    // the agent answers with the result as a user message; the next call builds on it
    const next = await client.chat.completions.create({
      model: 'scripted',
      messages: [
        { role: 'user', content: t().prompt },
        { role: 'assistant', content: r.choices[0].message.content! },
        { role: 'user', content: 'src/util/math.ts:33:ab|export function clamp(value: number, min: number, max: number): number {' },
      ],
    });
    expect(JSON.parse(next.choices[0].message.content!)).toEqual({ tool: 'read', arguments: { path: 'src/util/math.ts', symbol: 'clamp' } });
  });

  it('answers a planner request with the plan as JSON', async () => {
    const p = task('js-plan-priority-aging');
    const r = await client.chat.completions.create({ model: 'scripted', messages: [{ role: 'system', content: "You are pith's planner. Answer with JSON." }, { role: 'user', content: p.prompt }] });
    const plan = JSON.parse(r.choices[0].message.content!);
    expect(plan.steps.map((s: { id: string }) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(plan.steps[0]).toMatchObject({ title: 'Add agedPriority and compareAged', files: ['src/queue/priority.js'] });
    expect(plan.steps[0].script).toBeUndefined();
  });

  it('serves a plan step by its instruction, and says so when it has no script', async () => {
    const step = task('js-plan-priority-aging').plan!.steps[1];
    const r = await client.chat.completions.create({ model: 'scripted', messages: [{ role: 'user', content: `Task: ${task('js-plan-priority-aging').prompt}\nStep 2: ${step.instruction}` }], tools: PITH_TOOLS });
    expect(JSON.parse((r.choices[0].message.tool_calls![0] as { function: { arguments: string } }).function.arguments)).toEqual({ path: 'src/config.js', symbol: 'DEFAULTS' });
    const u = await client.chat.completions.create({ model: 'scripted', messages: [{ role: 'user', content: 'write me a poem' }], tools: PITH_TOOLS });
    expect(u.choices[0].message.content).toMatch(/no script/);
  });
});

describe('batched edits', () => {
  // A synthetic task: three replaces in one file, all visible after one read.
  const file = ['export function total(xs) {', '  return sum(xs);', '}', '', 'export function mean(xs) {', '  return sum(xs) / xs.length;', '}', ''].join('\n');
  const batchTask: Task = {
    id: 'batch', repo: 'none', kind: 'rename', prompt: 'Rename sum to addAll in src/stats.js.', verify: 'true', source: 'inline',
    script: [
      { do: 'read', file: 'src/stats.js' },
      { do: 'replace', file: 'src/stats.js', old: '  return sum(xs);', new: '  return addAll(xs);' },
      { do: 'replace', file: 'src/stats.js', old: '  return sum(xs) / xs.length;', new: '  return addAll(xs) / xs.length;' },
      { do: 'verify' },
      { do: 'finish', text: 'done' },
    ],
  };
  let batchServer: ScriptedModel;
  let root: string;
  beforeAll(async () => {
    batchServer = await startScriptedModel({ tasks: [batchTask] });
    root = mkdtempSync(join(tmpdir(), 'pith-batch-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/stats.js'), file);
  });
  afterAll(async () => {
    await batchServer.close();
    rmSync(root, { recursive: true, force: true });
  });
  const after = (name: string, content: string): OpenAI.ChatCompletionMessageParam[] => [
    { role: 'user', content: batchTask.prompt },
    { role: 'assistant', content: '', tool_calls: [{ id: 'c1', type: 'function', function: { name, arguments: '{"path":"src/stats.js"}' } }] },
    { role: 'tool', tool_call_id: 'c1', content },
  ];
  const firstCall = async (messages: OpenAI.ChatCompletionMessageParam[], tools: OpenAI.ChatCompletionTool[]) => {
    const c = new OpenAI({ baseURL: batchServer.url, apiKey: 'none', maxRetries: 0 });
    const r = await c.chat.completions.create({ model: 'scripted', messages, tools });
    return (r.choices[0].message.tool_calls![0] as { function: { name: string; arguments: string } }).function;
  };

  it('puts every visible edit to the same file in one call when the edit tool takes a list', async () => {
    const call = await firstCall(after('read', runTool(root, 'read', { path: 'src/stats.js' })), PITH_TOOLS);
    expect(call.name).toBe('edit');
    const ops = JSON.parse(call.arguments).edits as Array<{ from: string; text: string }>;
    expect(ops.map((o) => o.text)).toEqual(['  return addAll(xs);', '  return addAll(xs) / xs.length;']);
    // The next request, after that one edit succeeded, moves past both replaces.
    const messages = [...after('read', runTool(root, 'read', { path: 'src/stats.js' })),
      { role: 'assistant' as const, content: '', tool_calls: [{ id: 'c2', type: 'function' as const, function: call }] },
      { role: 'tool' as const, tool_call_id: 'c2', content: 'edited src/stats.js: 2 ops' }];
    const check = await firstCall(messages, PITH_TOOLS);
    expect(check.name).toBe('bash');
    // The script finishes after this check, and the tool can end the task on success: it says so.
    expect(JSON.parse(check.arguments)).toEqual({ command: 'true', done: true });
  });

  it('skips a read whose region it already sees: the next edit\'s text, with lines around it', async () => {
    // The read asks for a region it cannot see; the edit after it needs only lines it can.
    const skipTask: Task = { ...batchTask, id: 'skip', script: [{ do: 'read', file: 'src/stats.js', around: 'total' }, batchTask.script[2]!, ...batchTask.script.slice(3)] };
    const skipServer = await startScriptedModel({ tasks: [skipTask] });
    const c = new OpenAI({ baseURL: skipServer.url, apiKey: 'none', maxRetries: 0 });
    const rows = ['3:ab|}', '4:cd|', '5:ef|export function mean(xs) {', '6:gh|  return sum(xs) / xs.length;', '7:ij|}'];
    const ask = async (shown: string[]) => {
      const content = `${skipTask.prompt}\n\nsrc/stats.js lines ${shown[0]!.split(':')[0]}-7 of 8\n${shown.join('\n')}`;
      const r = await c.chat.completions.create({ model: 'scripted', messages: [{ role: 'user', content }], tools: PITH_TOOLS });
      return (r.choices[0].message.tool_calls![0] as { function: { name: string; arguments: string } }).function;
    };
    try {
      const seen = await ask(rows);
      expect(seen.name).toBe('edit');
      expect(JSON.parse(seen.arguments).edits[0].from).toBe('6:gh');
      // Three lines are not enough context: it reads first.
      expect((await ask(rows.slice(2))).name).toBe('read');
    } finally {
      await skipServer.close();
    }
  });

  it('sends one exact-string edit per call when the tool takes one', async () => {
    const call = await firstCall(after('read_file', file), BASELINE_TOOLS);
    expect(call.name).toBe('edit_file');
    expect(JSON.parse(call.arguments)).toMatchObject({ old_string: '  return sum(xs);', new_string: '  return addAll(xs);' });
  });
});

describe('ollama native routes', () => {
  it('streams NDJSON with object arguments, and lists and shows the model', async () => {
    const res = await post('/api/chat', { model: 'scripted', messages: [{ role: 'user', content: task('js-fix-backoff').prompt }], tools: BASELINE_TOOLS });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    const last = lines[lines.length - 1];
    expect(last.done).toBe(true);
    expect(last.prompt_eval_count).toBeGreaterThan(0);
    const call = lines.flatMap((l) => l.message.tool_calls ?? [])[0];
    expect(call.function).toEqual({ name: 'bash', arguments: { command: task('js-fix-backoff').verify } });
    // second turn: Ollama tool results carry no ids; they pair with the calls in order
    const t2 = await post('/api/chat', {
      model: 'scripted',
      stream: false,
      messages: [
        { role: 'user', content: task('js-fix-backoff').prompt },
        { role: 'assistant', content: '', tool_calls: [call] },
        { role: 'tool', content: 'exit 1\nnot ok 1 - the first retry waits the base delay', tool_name: 'bash' },
      ],
      tools: BASELINE_TOOLS,
    });
    const second = await t2.json();
    expect(second.done).toBe(true);
    expect(second.message.tool_calls[0].function).toEqual({ name: 'read_file', arguments: { path: 'src/queue/backoff.js' } });
    const tags = await (await fetch(`${server.ollamaUrl}/api/tags`)).json();
    expect(tags.models[0].name).toBe('scripted:latest');
    const show = await (await post('/api/show', { model: 'scripted' })).json();
    expect(show.capabilities).toContain('tools');
    const models = await client.models.list();
    expect(models.data[0].id).toBe('scripted');
  });
});

describe('chaos mode', () => {
  const kinds = ['429', '429_retry_after', '500', '503', 'no_finish', 'malformed_sse', 'bad_tool_args', 'huge_reply'];
  async function sample(seed: number): Promise<string[]> {
    const s = await startScriptedModel({ tasks, chaos: { seed, rate: 0.5, kinds } });
    const out: string[] = [];
    try {
      for (let i = 0; i < 16; i++) {
        const res = await post('/chat/completions', { model: 'scripted', stream: true, messages: [{ role: 'user', content: task('js-fix-backoff').prompt }], tools: BASELINE_TOOLS }, s.url);
        const body = await res.text();
        out.push(`${res.status}:${s.requests[i].chaos}:${body.length}`);
      }
    } finally {
      await s.close();
    }
    return out;
  }

  it('is deterministic for a seed and misbehaves in the ways asked for', async () => {
    const a = await sample(42);
    expect(await sample(42)).toEqual(a);
    expect(await sample(7)).not.toEqual(a);
    expect(a.some((x) => x.startsWith('429:'))).toBe(true);
    expect(a.some((x) => x.split(':')[1] === 'null')).toBe(true);
    expect(new Set(a.map((x) => x.split(':')[1])).size).toBeGreaterThan(3);
  });

  it('resets the connection and stalls', async () => {
    const reset = await startScriptedModel({ tasks, chaos: { seed: 1, rate: 1, kinds: ['reset'] } });
    await expect(post('/chat/completions', { messages: [] }, reset.url)).rejects.toThrow();
    await reset.close();
    const stall = await startScriptedModel({ tasks, chaos: { seed: 1, rate: 1, kinds: ['stall'], stallMs: 60_000 } });
    const ac = new AbortController();
    const res = await fetch(`${stall.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ stream: true, messages: [] }), signal: ac.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('chat.completion.chunk');
    const next = await Promise.race([reader.read().then(() => 'data'), new Promise((r) => setTimeout(() => r('stalled'), 300))]);
    expect(next).toBe('stalled');
    ac.abort();
    await stall.close();
  });
});
