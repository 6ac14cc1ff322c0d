import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../src/core/index.js';
import { createProvider, listOllamaModels, OLLAMA_KEEP_ALIVE, showOllamaModel } from '../../src/provider/index.js';
import { ollamaReply, startOllamaServer, type OllamaServer } from '../helpers/ollama-server.js';
import { collect, config, fastDeps, last, terminalCount } from './support.js';

let srv: OllamaServer;
beforeEach(async () => {
  srv = await startOllamaServer({
    models: [
      { name: 'qwen2.5-coder:7b', contextLength: 32768, family: 'qwen2', numCtx: 4096, capabilities: ['completion', 'tools'] },
      { name: 'tiny:1b' },
    ],
  });
});
afterEach(async () => {
  await srv.close();
});

const cfg = (over: Partial<ProviderConfig> = {}) => config({ provider: 'ollama', endpoint: srv.url, ...over });

describe('ollama adapter', () => {
  it('sends num_ctx from contextTokens, keep_alive, num_predict and the mapped messages', async () => {
    srv.enqueue(ollamaReply.text('ok'));
    await collect(createProvider(cfg({ contextTokens: 24_576 }), fastDeps()), {
      model: 'test-model',
      maxTokens: 300,
      tools: [{ name: 'read', description: 'Read a file', parameters: { type: 'object' } }],
      messages: [
        { role: 'user', content: 'read a' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read', arguments: '{"path":"a"}' }] },
        { role: 'tool', toolCallId: 'c1', name: 'read', content: 'file a' },
      ],
    });
    const body = srv.chatRequests()[0].body;
    expect(body.options.num_ctx).toBe(24_576);
    expect(body.options.num_predict).toBe(300);
    expect(body.keep_alive).toBe(OLLAMA_KEEP_ALIVE);
    expect(body.stream).toBe(true);
    expect(body.messages[1].tool_calls).toEqual([{ function: { name: 'read', arguments: { path: 'a' } } }]);
    expect(body.messages[2]).toEqual({ role: 'tool', content: 'file a', tool_name: 'read' });
    expect(body.tools[0].function.name).toBe('read');
  });

  it('streams text and thinking and maps prompt_eval_count / eval_count to usage', async () => {
    srv.enqueue(ollamaReply.text(['Hel', 'lo'], { thinking: ['let me see'], promptEvalCount: 321, evalCount: 7 }));
    const events = await collect(createProvider(cfg(), fastDeps()));
    expect(events).toContainEqual({ type: 'reasoning_delta', text: 'let me see' });
    const usage = { input_tokens: 321, output_tokens: 7, cached_input_tokens: null, reasoning_tokens: null };
    expect(events).toContainEqual({ type: 'usage', usage });
    expect(last(events)).toEqual({ type: 'done', finishReason: 'stop', text: 'Hello', toolCalls: [], usage });
    expect(terminalCount(events)).toBe(1);
  });

  it('maps whole tool calls with object arguments to JSON text and finishes as tool_calls', async () => {
    srv.enqueue(
      ollamaReply.toolCalls([
        { name: 'read', arguments: { path: 'src/a.ts' } },
        { name: 'grep', arguments: { pattern: 'x' }, id: 'call_given' },
      ]),
    );
    const events = await collect(createProvider(cfg(), fastDeps()));
    const calls = [
      { id: 'call_0', name: 'read', arguments: '{"path":"src/a.ts"}' },
      { id: 'call_given', name: 'grep', arguments: '{"pattern":"x"}' },
    ];
    expect(events.filter((e) => e.type === 'tool_call')).toEqual(calls.map((call) => ({ type: 'tool_call', call })));
    expect(last(events)).toMatchObject({ type: 'done', finishReason: 'tool_calls', toolCalls: calls });
  });

  it('a stream without a done line is a broken_stream error with partial text', async () => {
    srv.enqueue(ollamaReply.cut(['par', 'tial']));
    const events = await collect(createProvider(cfg(), fastDeps()));
    expect(last(events)).toMatchObject({ type: 'error', kind: 'broken_stream', partial: { text: 'partial' } });
  });

  it('a missing model is an http error that says how to pull it', async () => {
    srv.enqueue(ollamaReply.status(404, "model 'test-model' not found, try pulling it first"));
    const events = await collect(createProvider(cfg(), fastDeps()));
    expect(last(events)).toMatchObject({ type: 'error', kind: 'http', status: 404 });
    expect((last(events) as { message: string }).message).toContain('ollama pull test-model');
    expect(srv.chatRequests()).toHaveLength(1);
  });

  it('retries a 503 and an error line that came before any content', async () => {
    srv.enqueue(ollamaReply.status(503, 'server busy'), ollamaReply.lines([{ error: 'runner crashed' }]), ollamaReply.text('fine'));
    const deps = fastDeps();
    const events = await collect(createProvider(cfg(), deps));
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
    expect(last(events)).toMatchObject({ type: 'done', text: 'fine' });
  });

  it('stalls end with a stall error', async () => {
    srv.enqueue(ollamaReply.stallAfter(['so far']));
    const events = await collect(createProvider(cfg({ stallTimeoutMs: 150 }), fastDeps()));
    expect(last(events)).toMatchObject({ type: 'error', kind: 'stall', partial: { text: 'so far' } });
  });
});

describe('ollama helpers', () => {
  it('listOllamaModels reads /api/tags', async () => {
    const models = await listOllamaModels(srv.url, AbortSignal.timeout(2000));
    expect(models.map((m) => m.name)).toEqual(['qwen2.5-coder:7b', 'tiny:1b']);
    expect(models[0]).toMatchObject({ family: 'qwen2', parameterSize: '7B', quantization: 'Q4_K_M' });
  });

  it('showOllamaModel returns the context length, a Modelfile num_ctx and capabilities; null for an unknown model', async () => {
    const info = await showOllamaModel(`${srv.url}/api/chat`, 'qwen2.5-coder:7b', AbortSignal.timeout(2000));
    expect(info).toEqual({ contextLength: 32768, numCtx: 4096, capabilities: ['completion', 'tools'] });
    expect(await showOllamaModel(srv.url, 'tiny:1b', AbortSignal.timeout(2000))).toMatchObject({ contextLength: null, numCtx: null });
    expect(await showOllamaModel(srv.url, 'absent:1b', AbortSignal.timeout(2000))).toBeNull();
  });

  it('an unreachable server is a provider error with a hint', async () => {
    const dead = await startOllamaServer();
    const url = dead.url;
    await dead.close();
    await expect(listOllamaModels(url, AbortSignal.timeout(2000))).rejects.toMatchObject({ code: 'provider', hint: expect.stringContaining('ollama serve') });
  });
});
