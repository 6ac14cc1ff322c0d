import type { Provider, ProviderEvent, ProviderRequest, ToolCall, ToolResult, ToolSchema } from '../../src/core/index.js';
import type { ToolRunner } from '../../src/agent/index.js';

/** A provider whose replies are a function of the request; it keeps every request it saw. */
export function fakeProvider(reply: (req: ProviderRequest, n: number) => { text?: string; calls?: Array<[string, unknown]>; raw?: ToolCall[] } | ProviderEvent[]) {
  const requests: ProviderRequest[] = [];
  const provider: Provider = {
    kind: 'fake',
    async *stream(req, signal) {
      requests.push(structuredClone(req));
      const r = reply(req, requests.length);
      if (Array.isArray(r)) {
        for (const ev of r) {
          if (signal.aborted) { yield { type: 'error', kind: 'aborted', message: 'aborted', partial: { text: '', toolCalls: [] } }; return; }
          yield ev;
        }
        return;
      }
      const toolCalls = r.raw ?? (r.calls ?? []).map(([name, args], i) => ({ id: `c${requests.length}_${i}`, name, arguments: JSON.stringify(args) }));
      if (r.text) yield { type: 'text_delta', text: r.text };
      yield { type: 'done', finishReason: toolCalls.length ? 'tool_calls' : 'stop', text: r.text ?? '', toolCalls, usage: { input_tokens: null, output_tokens: null, cached_input_tokens: null, reasoning_tokens: null } };
    },
  };
  return { provider, requests };
}

/** In-memory tools: read returns numbered lines, edit replaces text, fail always errors. */
export function fakeTools(files: Record<string, string>) {
  const ran: Array<{ name: string; args: string }> = [];
  const kept: string[] = [];
  const forgotten: string[] = [];
  const schema = (name: string): ToolSchema => ({ name, description: name, parameters: { type: 'object', properties: { path: { type: 'string' } } } });
  const result = (forModel: string, extra: Partial<ToolResult> = {}): ToolResult => ({ forModel, meta: { tokens: Math.ceil(forModel.length / 4), truncated: false, ...(extra.meta ?? {}) }, ...extra });
  const runner: ToolRunner = {
    schemas: () => ['read', 'edit', 'fail', 'bash', 'recall'].map(schema),
    async run(name, args) {
      ran.push({ name, args });
      const a = JSON.parse(args) as { path?: string; old?: string; new?: string };
      if (name === 'read') return files[a.path!] !== undefined ? result(files[a.path!]!) : result('no such file', { error: { type: 'not_found', message: 'no such file' } });
      if (name === 'edit') {
        files[a.path!] = files[a.path!]!.replace(a.old!, a.new!);
        return result(`edited ${a.path}`, { meta: { tokens: 3, truncated: false, changedFiles: [a.path!] } });
      }
      if (name === 'fail') return result('Error: nope', { error: { type: 'failed', message: 'nope' } });
      if (name === 'bash') {
        // "pass" exits 0 (and ends the task when sent with done: true, as the real tool does); anything else fails.
        const b = a as { command?: string; done?: boolean };
        if (b.command === 'pass') return result('ok\n[exit 0, 0.1 s]', { display: '$ pass -> exit 0', meta: { tokens: 5, truncated: false, exitCode: 0, ...(b.done ? { endsTask: true } : {}) } });
        return result('1 test failed\n[exit 1, 0.1 s]', { meta: { tokens: 9, truncated: false, exitCode: 1 } });
      }
      return result(`Error: unknown tool ${name}`, { error: { type: 'unknown_tool', message: `unknown tool ${name}` } });
    },
    forgetShown: (paths) => void forgotten.push(...(paths === 'all' ? ['*'] : paths)),
    keep: (text) => (kept.push(text), `k${kept.length}`),
  };
  return { runner, ran, kept, forgotten, files };
}
