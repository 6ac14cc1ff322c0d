import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import OpenAI from 'openai';
import { runShell } from '../../bench/scripted-model/fixture-repo.js';

// A tiny agent for the tests: it plays pith (anchored `<line>:<hash>|text` reads and anchored
// edits) or a baseline (whole-file reads, exact-string edits), executes the scripted model's tool
// calls on a temp repository, and loops until a reply has no tool calls.

export type Style = 'pith' | 'baseline';

const hash = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 2).toLowerCase();
const anchored = (lines: string[], from: number) => lines.map((t, i) => `${from + i}:${hash(t)}|${t}`).join('\n');

const fn = (name: string, props: Record<string, unknown>, required: string[]) => ({
  type: 'function' as const,
  function: { name, description: name, parameters: { type: 'object', properties: props, required } },
});
const S = { type: 'string' };

export const PITH_TOOLS = [
  fn('read', { path: S, lines: S, symbol: S }, ['path']),
  fn('edit', { path: S, edits: { type: 'array', items: { type: 'object' } } }, ['path', 'edits']),
  fn('symbols', { query: S }, ['query']),
  fn('bash', { command: S, done: { type: 'boolean' } }, ['command']),
  fn('recall', { id: S }, ['id']),
];
export const BASELINE_TOOLS = [
  fn('read_file', { path: S }, ['path']),
  fn('edit_file', { path: S, old_string: S, new_string: S }, ['path', 'old_string', 'new_string']),
  fn('grep', { pattern: S }, ['pattern']),
  fn('bash', { command: S }, ['command']),
];

function files(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? (['build', 'target', 'node_modules'].includes(n) ? [] : files(root, p)) : [relative(root, p)];
  });
}

export function runTool(root: string, name: string, args: Record<string, any>): string {
  const path = args.path ? join(root, args.path) : '';
  switch (name) {
    case 'read': {
      const lines = readFileSync(path, 'utf8').split('\n');
      if (args.lines) {
        const [a, b] = String(args.lines).split('-').map(Number);
        return anchored(lines.slice(a - 1, b), a);
      }
      if (args.symbol) {
        const at = lines.findIndex((l) => new RegExp(`(function|fn|def|class)\\s+${args.symbol}\\b`).test(l));
        if (at < 0) return `not found: symbol ${args.symbol}`;
        return anchored(lines.slice(at, at + 40), at + 1);
      }
      return anchored(lines.slice(0, 400), 1);
    }
    case 'edit': {
      const lines = readFileSync(path, 'utf8').split('\n');
      const num = (a: string) => Number(String(a).split(':')[0]);
      const ok = (a: string) => !String(a).includes(':') || hash(lines[num(a) - 1] ?? '') === String(a).split(':')[1];
      for (const op of args.edits) {
        for (const a of [op.from, op.to, op.after].filter((x) => x !== undefined && x !== '0')) {
          if (!ok(a)) return `stale: line ${num(a)} changed\n${anchored(lines.slice(Math.max(0, num(a) - 5), num(a) + 5), Math.max(1, num(a) - 4))}`;
        }
      }
      let first = Infinity;
      let last = 0;
      for (const op of [...args.edits].sort((x, y) => num(y.from ?? y.after) - num(x.from ?? x.after))) {
        const texts = op.text === '' ? [] : String(op.text).split('\n');
        const at = op.after !== undefined ? num(op.after) : num(op.from) - 1;
        const count = op.after !== undefined ? 0 : (op.to ? num(op.to) : num(op.from)) - num(op.from) + 1;
        lines.splice(at, count, ...texts);
        first = Math.min(first, at + 1);
        last = Math.max(last, at + texts.length);
      }
      writeFileSync(path, lines.join('\n'));
      return `ok\n${anchored(lines.slice(first - 1, last), first)}`;
    }
    case 'symbols': {
      const re = new RegExp(`\\b${args.query}\\b`);
      return files(root)
        .flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n').map((t, i) => (re.test(t) ? `${f}:${i + 1}:${hash(t)}|${t}` : null)))
        .filter(Boolean)
        .slice(0, 20)
        .join('\n');
    }
    case 'grep':
      return runShell(`grep -rn -e ${JSON.stringify(args.pattern)} --exclude-dir=node_modules . | sed 's#^\\./##' | head -50`, root).output;
    case 'read_file':
      return readFileSync(path, 'utf8');
    case 'edit_file': {
      const text = readFileSync(path, 'utf8');
      if (!text.includes(args.old_string)) return 'Error: old_string not found';
      writeFileSync(path, text.replace(args.old_string, () => args.new_string));
      return 'Edited.';
    }
    case 'bash': {
      const r = runShell(args.command, root, { ...process.env, PITH_TSC: join(process.cwd(), 'node_modules/.bin/tsc') });
      return `exit ${r.code}\n${r.output.slice(-2000)}`;
    }
    default:
      return `Error: unknown tool ${name}`;
  }
}

export interface AgentRun {
  messages: OpenAI.ChatCompletionMessageParam[];
  usage: OpenAI.CompletionUsage[];
  finalText: string;
}

/** Drive the conversation through the openai SDK in streaming mode until a reply has no tool calls. */
export async function runAgent(client: OpenAI, root: string, prompt: string, style: Style, maxTurns = 30): Promise<AgentRun> {
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are a coding agent.' },
    { role: 'user', content: prompt },
  ];
  const usage: OpenAI.CompletionUsage[] = [];
  for (let turn = 0; turn < maxTurns; turn++) {
    const stream = await client.chat.completions.create({
      model: 'scripted',
      messages,
      tools: style === 'pith' ? PITH_TOOLS : BASELINE_TOOLS,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const calls: { id: string; name: string; arguments: string }[] = [];
    for await (const chunk of stream) {
      if (chunk.usage) usage.push(chunk.usage);
      const d = chunk.choices[0]?.delta;
      if (d?.content) text += d.content;
      for (const tc of d?.tool_calls ?? []) {
        calls[tc.index] ??= { id: '', name: '', arguments: '' };
        if (tc.id) calls[tc.index].id = tc.id;
        if (tc.function?.name) calls[tc.index].name += tc.function.name;
        if (tc.function?.arguments) calls[tc.index].arguments += tc.function.arguments;
      }
    }
    if (calls.length === 0) {
      messages.push({ role: 'assistant', content: text });
      return { messages, usage, finalText: text };
    }
    messages.push({ role: 'assistant', content: text, tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) });
    for (const c of calls) messages.push({ role: 'tool', tool_call_id: c.id, content: runTool(root, c.name, JSON.parse(c.arguments)) });
  }
  throw new Error('agent did not finish');
}
