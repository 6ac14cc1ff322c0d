import { parseArgs } from 'node:util';
import type { EngineEvent, Message, ProviderEvent, Usage } from '../../core/index.js';
import type { CliIO } from '../io.js';
import { RUNTIME_ARG_OPTIONS, reportError, runtimeOrSetup, type Runtime } from '../runtime.js';

const USAGE = `usage: pith chat "message" [--profile NAME] [--model ID] [--endpoint URL] [--json]
       pith chat - [options] < message.txt

Sends one message (- reads it from standard input) to the model, streams the reply to
stdout, then prints a usage line to stderr: input/output tokens as the provider reported
them, the tokens pith counted itself, and the cost. A debugging aid: no tools, no history.

options:
  --profile NAME   profile to use (default: PITH_PROFILE, then default_profile)
  --model ID       override the profile's model (PITH_MODEL)
  --endpoint URL   override the profile's endpoint (PITH_ENDPOINT)
  --json           print JSONL events (call_start, model_delta, reasoning_delta, retry,
                   call_end, notice) to stdout instead of text
  --help           this text

exit codes: 0 ok, 1 the call failed, 2 usage or config error, 130 interrupted (Ctrl+C)`;

export async function chatCommand(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...RUNTIME_ARG_OPTIONS, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    io.stderr.write(`pith chat: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  const text = positionals.length === 1 && positionals[0] === '-' ? (await readAll(io.stdin)).trim() : positionals.join(' ').trim();
  if (text === '') {
    io.stderr.write(`pith chat: no message given\n${USAGE}\n`);
    return 2;
  }
  try {
    const rt = await runtimeOrSetup(io, { profile: values.profile, model: values.model, endpoint: values.endpoint });
    if (typeof rt === 'number') return rt;
    return await chatOnce(rt, text, values.json ?? false, io);
  } catch (e) {
    return reportError(io, e);
  }
}

async function chatOnce(rt: Runtime, text: string, json: boolean, io: CliIO): Promise<number> {
  const [{ createProvider }, tokens] = await Promise.all([import('../../provider/index.js'), import('../../tokens/index.js')]);
  const tok = await tokens.getTokenizer();
  const messages: Message[] = [{ role: 'user', content: text }];
  const counted = tokens.countRequest(tok, messages).total;
  const emit = (ev: EngineEvent): void => void io.stdout.write(JSON.stringify(ev) + '\n');
  if (json) emit({ type: 'call_start', call: 1, countedTokens: counted, breakdown: { system: 0, tools: 0, task: counted, excerpts: 0, history: 0 }, contextTokens: rt.provider.contextTokens });
  const provider = createProvider(rt.provider);
  const started = Date.now();
  let printed = '';
  let end: Extract<ProviderEvent, { type: 'done' | 'error' }> | null = null;
  for await (const ev of provider.stream({ model: rt.provider.model, messages }, io.signal)) {
    switch (ev.type) {
      case 'text_delta':
        if (json) emit({ type: 'model_delta', text: ev.text });
        else io.stdout.write(ev.text);
        printed += ev.text;
        break;
      case 'reasoning_delta':
        if (json) emit({ type: 'reasoning_delta', text: ev.text });
        else io.stderr.write(ev.text);
        break;
      case 'retry':
        if (json) emit(ev);
        else io.stderr.write(`pith: retry ${ev.attempt} in ${(ev.delayMs / 1000).toFixed(1)} s: ${ev.reason}\n`);
        break;
      case 'done':
      case 'error':
        end = ev;
        break;
      case 'tool_call':
      case 'usage':
        break;
    }
  }
  if (!json && printed !== '' && !printed.endsWith('\n')) io.stdout.write('\n');
  if (io.signal.aborted || (end?.type === 'error' && end.kind === 'aborted')) {
    if (json) emit({ type: 'notice', level: 'error', message: 'interrupted' });
    else io.stderr.write('pith: interrupted\n');
    return 130;
  }
  if (!end || end.type === 'error') {
    const message = end ? `${end.kind}${end.status ? ` (HTTP ${end.status})` : ''}: ${end.message}` : 'the stream ended without a result';
    if (json) emit({ type: 'notice', level: 'error', message });
    else io.stderr.write(`pith: model call failed: ${message}\n`);
    return 1;
  }
  const price = tokens.lookupPrice(rt.provider.model, rt.pricing, rt.local);
  const cost = end.usage ? tokens.costUsd(end.usage, price.price) : 0;
  if (json) emit({ type: 'call_end', call: 1, usage: end.usage, countedTokens: counted, costUsd: cost, durationMs: Date.now() - started });
  else io.stderr.write(usageLine(end.usage, counted, cost, price.unknown, rt) + '\n');
  return 0;
}

/** e.g. "usage: input 12 (counted 10) · output 5 · cost $0.000012 · gpt-4.1-mini via openai". */
export function usageLine(usage: Usage | null, counted: number, cost: number, unknownPrice: boolean, rt: Runtime): string {
  const n = (v: number | null): string => (v === null ? 'not reported' : String(v));
  const parts = [
    `input ${n(usage?.input_tokens ?? null)} (counted ${counted})`,
    `output ${n(usage?.output_tokens ?? null)}`,
  ];
  if (usage?.cached_input_tokens) parts.push(`cached ${usage.cached_input_tokens}`);
  if (usage?.reasoning_tokens) parts.push(`reasoning ${usage.reasoning_tokens}`);
  if (rt.local && !rt.pricing) parts.push('cost $0 (local)');
  else if (unknownPrice) parts.push(`cost unknown (no price for ${rt.provider.model}; set [profiles.${rt.profileName}.pricing])`);
  else parts.push(`cost $${cost.toFixed(6)}`);
  return `usage: ${parts.join(' · ')} · ${rt.provider.model} via ${rt.profileName}`;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
