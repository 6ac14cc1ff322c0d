import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../src/core/index.js';
import { compatFor, createCompatStore, createProvider } from '../../src/provider/index.js';
import { chunk, reply, startOpenAIServer, usageChunk, type OpenAIServer } from '../helpers/openai-server.js';
import { collect, config, fastDeps, hello, last, terminalCount } from './support.js';

let srv: OpenAIServer;
beforeEach(async () => {
  srv = await startOpenAIServer();
});
afterEach(async () => {
  await srv.close();
});

const provider = (over: Partial<ProviderConfig> = {}, deps = fastDeps()) =>
  createProvider(config({ provider: 'openai', endpoint: srv.url, ...over }), deps);

describe('openai adapter: streaming', () => {
  it('streams text, maps usage with cached and reasoning tokens, ends with done', async () => {
    srv.enqueue(reply.text(['Hel', 'lo'], { usage: { prompt: 120, completion: 9, cached: 100, reasoning: 4 }, reasoning: ['think'] }));
    const events = await collect(provider());
    expect(events.filter((e) => e.type === 'text_delta').map((e) => e.type === 'text_delta' && e.text)).toEqual(['Hel', 'lo']);
    expect(events).toContainEqual({ type: 'reasoning_delta', text: 'think' });
    const usage = { input_tokens: 120, output_tokens: 9, cached_input_tokens: 100, reasoning_tokens: 4 };
    expect(events).toContainEqual({ type: 'usage', usage });
    expect(last(events)).toEqual({ type: 'done', finishReason: 'stop', text: 'Hello', toolCalls: [], usage });
    expect(terminalCount(events)).toBe(1);
  });

  it('leaves usage fields the server did not report as null', async () => {
    srv.enqueue(reply.text('ok', { usage: { prompt: 5, completion: 1 } }));
    const done = last(await collect(provider()));
    expect(done.type === 'done' && done.usage).toEqual({ input_tokens: 5, output_tokens: 1, cached_input_tokens: null, reasoning_tokens: null });
  });

  it('assembles tool calls streamed in pieces across chunks', async () => {
    const args1 = '{"path":"src/a.ts","lines":"1-40"}';
    const args2 = '{"pattern":"TODO"}';
    srv.enqueue(
      reply.toolCalls(
        [
          { id: 'call_a', name: 'read', arguments: args1 },
          { id: 'call_b', name: 'grep', arguments: args2 },
        ],
        { pieces: 4 },
      ),
    );
    const events = await collect(provider());
    const calls = [
      { id: 'call_a', name: 'read', arguments: args1 },
      { id: 'call_b', name: 'grep', arguments: args2 },
    ];
    expect(events.filter((e) => e.type === 'tool_call')).toEqual(calls.map((call) => ({ type: 'tool_call', call })));
    expect(last(events)).toMatchObject({ type: 'done', finishReason: 'tool_calls', toolCalls: calls });
  });

  it('tolerates a tool call without `type` and interleaved indexes', async () => {
    srv.enqueue(
      reply.chunks([
        chunk({ tool_calls: [{ index: 0, id: 'x', function: { name: 'read', arguments: '{"pa' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'y', function: { name: 'ls', arguments: '{}' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: 'th":"a"}' } }] }),
        chunk({}, 'tool_calls'),
      ]),
    );
    const done = last(await collect(provider()));
    expect(done.type === 'done' && done.toolCalls).toEqual([
      { id: 'x', name: 'read', arguments: '{"path":"a"}' },
      { id: 'y', name: 'ls', arguments: '{}' },
    ]);
  });

  it('a stream cut without finish_reason is a broken_stream error carrying the partial text', async () => {
    srv.enqueue(reply.cut(['The answer ', 'is']));
    const events = await collect(provider());
    expect(last(events)).toMatchObject({ type: 'error', kind: 'broken_stream', partial: { text: 'The answer is', toolCalls: [] } });
    expect(terminalCount(events)).toBe(1);
    expect(srv.chatRequests()).toHaveLength(1); // content had reached the caller: no retry
  });

  it('sends the mapped request: tool_calls, tool role, tools, stream_options, max tokens field', async () => {
    srv.enqueue(reply.text('ok'));
    await collect(provider({ compat: { maxTokensField: 'max_completion_tokens' } }), {
      model: 'test-model',
      maxTokens: 256,
      temperature: 0.2,
      tools: [{ name: 'read', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }],
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'read a' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read', arguments: '{"path":"a"}' }] },
        { role: 'tool', toolCallId: 'c1', name: 'read', content: 'file a' },
      ],
    });
    const body = srv.chatRequests()[0].body;
    expect(body).toMatchObject({ model: 'test-model', stream: true, stream_options: { include_usage: true }, max_completion_tokens: 256, temperature: 0.2 });
    expect(body.max_tokens).toBeUndefined();
    expect(body.messages[2]).toEqual({ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read', arguments: '{"path":"a"}' } }] });
    expect(body.messages[3]).toEqual({ role: 'tool', tool_call_id: 'c1', content: 'file a' });
    expect(body.tools[0]).toEqual({ type: 'function', function: { name: 'read', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } });
  });

  it('sends the API key as a bearer token, and no Authorization header without one', async () => {
    srv.enqueue(reply.text('a'), reply.text('b'));
    await collect(provider({ apiKey: 'sk-test' }));
    await collect(provider());
    expect(srv.chatRequests()[0].headers.authorization).toBe('Bearer sk-test');
    expect(srv.chatRequests()[1].headers.authorization).toBeUndefined();
  });

  it('accepts a full /chat/completions URL as the endpoint', async () => {
    srv.enqueue(reply.text('ok'));
    const p = createProvider(config({ provider: 'openai', endpoint: `${srv.url}/chat/completions` }), fastDeps());
    expect(last(await collect(p)).type).toBe('done');
  });
});

describe('openai adapter: compat detection', () => {
  it('detects the reasoning field and usage-in-stream once, and the profile overrides detection', async () => {
    const deps = fastDeps();
    const cfg = config({ provider: 'openai', endpoint: srv.url });
    srv.enqueue(reply.text('x', { reasoning: ['hmm'], reasoningField: 'reasoning' }));
    await collect(createProvider(cfg, deps));
    const store = deps.compatStore!;
    expect(compatFor(cfg, store)).toMatchObject({ reasoningField: 'reasoning', usageInStream: false });
    // Detected: the next request no longer asks for usage in the stream.
    srv.enqueue(reply.text('y'));
    await collect(createProvider(cfg, deps));
    expect(srv.chatRequests()[1].body.stream_options).toBeUndefined();
    // A profile setting wins over detection.
    const forced = { ...cfg, compat: { usageInStream: true } };
    expect(compatFor(forced, store).usageInStream).toBe(true);
    expect(compatFor(cfg, createCompatStore()).usageInStream).toBe(true);
  });

  it('switches to max_completion_tokens once when the server asks for it', async () => {
    srv.enqueue(reply.status(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."), reply.text('ok'));
    const events = await collect(provider(), { ...hello, maxTokens: 50 });
    expect(last(events).type).toBe('done');
    expect(srv.chatRequests()[1].body.max_completion_tokens).toBe(50);
  });

  it('reads a usage chunk whose choices are empty even after finish_reason', async () => {
    srv.enqueue(reply.chunks([chunk({ content: 'a' }), chunk({}, 'stop'), usageChunk({ prompt: 3, completion: 1, cached: 0 })]));
    const done = last(await collect(provider()));
    expect(done.type === 'done' && done.usage?.cached_input_tokens).toBe(0);
  });
});
