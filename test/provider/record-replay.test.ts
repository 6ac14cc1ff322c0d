import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../../src/core/index.js';
import { createProvider, createReplayProvider, withRecording } from '../../src/provider/index.js';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { collect, config, fastDeps, hello, last } from './support.js';

let srv: OpenAIServer;
let dir: string;
beforeEach(async () => {
  srv = await startOpenAIServer();
  dir = mkdtempSync(join(tmpdir(), 'pith-rec-'));
});
afterEach(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('record/replay', () => {
  it('replays recorded calls in order with the same events, without a server', async () => {
    const path = join(dir, 'sub', 'calls.jsonl');
    srv.enqueue(reply.text(['a', 'b'], { usage: { prompt: 3, completion: 2 } }), reply.toolCalls([{ id: 'c', name: 'read', arguments: '{"path":"x"}' }]), reply.cut(['oops']));
    const live = withRecording(createProvider(config({ provider: 'openai', endpoint: srv.url, apiKey: 'sk-secret' }), fastDeps()), path);
    const second = { ...hello, messages: [...hello.messages, { role: 'assistant' as const, content: 'ab' }] };
    const recorded: ProviderEvent[][] = [await collect(live), await collect(live, second), await collect(live)];
    await srv.close();

    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(readFileSync(path, 'utf8')).not.toContain('sk-secret');
    expect(JSON.parse(lines[1]).request).toEqual(second);

    const replay = createReplayProvider(path);
    expect(replay.kind).toBe('openai');
    const replayed = [await collect(replay), await collect(replay, second), await collect(replay)];
    expect(replayed).toEqual(recorded);
    expect(last(replayed[2])).toMatchObject({ type: 'error', kind: 'broken_stream' });
    // Past the end of the recording: a protocol error, not a throw.
    expect(last(await collect(replay))).toMatchObject({ type: 'error', kind: 'protocol' });
  });

  it('strict replay rejects a request that differs from the recording', async () => {
    const path = join(dir, 'calls.jsonl');
    srv.enqueue(reply.text('x'));
    await collect(withRecording(createProvider(config({ provider: 'openai', endpoint: srv.url }), fastDeps()), path));
    const replay = createReplayProvider(path, { strict: true });
    const other = { ...hello, messages: [{ role: 'user' as const, content: 'something else' }] };
    expect(last(await collect(replay, other))).toMatchObject({ type: 'error', kind: 'protocol' });
  });

  it('a consumer that stops early still gets its call recorded', async () => {
    const path = join(dir, 'calls.jsonl');
    srv.enqueue(reply.text(['one', 'two']));
    const live = withRecording(createProvider(config({ provider: 'openai', endpoint: srv.url }), fastDeps()), path);
    for await (const ev of live.stream(hello, new AbortController().signal)) if (ev.type === 'text_delta') break;
    const rec = JSON.parse(readFileSync(path, 'utf8').trim());
    expect(rec.events).toEqual([{ type: 'text_delta', text: 'one' }]);
  });
});
