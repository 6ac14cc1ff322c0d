import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderConfig, ProviderEvent } from '../../src/core/index.js';
import { createProvider, parseRetryAfter } from '../../src/provider/index.js';
import { chunk, reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { collect, config, fastDeps, hello, last, terminalCount } from './support.js';

let srv: OpenAIServer;
beforeEach(async () => {
  srv = await startOpenAIServer();
});
afterEach(async () => {
  await srv.close();
});

const cfg = (over: Partial<ProviderConfig> = {}) => config({ provider: 'openai', endpoint: srv.url, ...over });

describe('retries', () => {
  it('429 with Retry-After in seconds: waits that long, emits retry, then succeeds', async () => {
    srv.enqueue(reply.rateLimited('2'), reply.text('ok'));
    const deps = fastDeps();
    const events = await collect(createProvider(cfg(), deps));
    expect(events[0]).toMatchObject({ type: 'retry', attempt: 1, delayMs: 2000 });
    expect((events[0] as { reason: string }).reason).toContain('429');
    expect(deps.slept).toEqual([2000]);
    expect(last(events)).toMatchObject({ type: 'done', text: 'ok' });
    expect(srv.chatRequests()).toHaveLength(2);
  });

  it('429 with Retry-After as an HTTP date is measured against the injected clock', async () => {
    srv.enqueue(reply.rateLimited('Wed, 01 Jan 2025 00:00:03 GMT'), reply.text('ok'));
    const deps = fastDeps();
    await collect(createProvider(cfg(), deps));
    expect(deps.slept).toEqual([3000]);
  });

  it('a Retry-After beyond the ceiling ends with rate_limit at once instead of waiting', async () => {
    srv.enqueue(reply.rateLimited('3600'));
    const deps = fastDeps();
    const events = await collect(createProvider(cfg(), deps));
    expect(deps.slept).toEqual([]);
    expect(last(events)).toMatchObject({ type: 'error', kind: 'rate_limit', status: 429 });
  });

  it('500s are retried with exponential backoff, then end with a server error after maxRetries', async () => {
    srv.enqueue(reply.serverError(500), reply.serverError(502), reply.serverError(500));
    const deps = fastDeps({ backoff: { baseMs: 400 } });
    const events = await collect(createProvider(cfg({ maxRetries: 2 }), deps));
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2]);
    // random() = 0.5 puts each delay at 3/4 of 400 * 2^(n-1).
    expect(deps.slept).toEqual([300, 600]);
    expect(last(events)).toMatchObject({ type: 'error', kind: 'server', status: 500, partial: { text: '', toolCalls: [] } });
    expect(srv.chatRequests()).toHaveLength(3);
    expect(terminalCount(events)).toBe(1);
  });

  it('a 4xx other than 429 is not retried', async () => {
    srv.enqueue(reply.status(401, 'Incorrect API key provided'));
    const events = await collect(createProvider(cfg(), fastDeps()));
    expect(last(events)).toMatchObject({ type: 'error', kind: 'http', status: 401 });
    expect((last(events) as { message: string }).message).toContain('Incorrect API key');
    expect(srv.chatRequests()).toHaveLength(1);
  });

  it('a connection reset after content reached the caller is not retried: network error with partial', async () => {
    srv.enqueue(reply.reset(['partial ', 'reply']), reply.text('should not be requested'));
    const events = await collect(createProvider(cfg(), fastDeps()));
    expect(events.some((e) => e.type === 'retry')).toBe(false);
    expect(last(events)).toMatchObject({ type: 'error', kind: 'network', partial: { text: 'partial reply' } });
    expect(srv.chatRequests()).toHaveLength(1);
  });

  it('connection refused is a retried network error', async () => {
    const dead = await startOpenAIServer();
    const url = dead.url;
    await dead.close();
    const deps = fastDeps();
    const events = await collect(createProvider(config({ provider: 'openai', endpoint: url, maxRetries: 1 }), deps));
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
    expect(last(events)).toMatchObject({ type: 'error', kind: 'network' });
    expect((last(events) as { message: string }).message).toMatch(/ECONNREFUSED/);
  });
});

describe('stall and abort', () => {
  it('headers then silence ends with a stall error after stallTimeoutMs', async () => {
    srv.enqueue(reply.stall());
    const t0 = Date.now();
    const events = await collect(createProvider(cfg({ stallTimeoutMs: 150, maxRetries: 0 }), fastDeps()));
    expect(last(events)).toMatchObject({ type: 'error', kind: 'stall' });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('a stall mid-stream keeps what arrived in partial', async () => {
    srv.enqueue(reply.stallAfter(['half ', 'an answer']));
    const events = await collect(createProvider(cfg({ stallTimeoutMs: 150 }), fastDeps()));
    expect(last(events)).toMatchObject({ type: 'error', kind: 'stall', partial: { text: 'half an answer' } });
    expect(srv.chatRequests()).toHaveLength(1);
  });

  it('bytes that carry no event still count as life: a slow, steady stream is not a stall', async () => {
    // Six chunks 100 ms apart, the first four empty (keep-alive-like: bytes, but no event):
    // the whole reply takes longer than the 250 ms timeout.
    const empty = [chunk({}), chunk({}), chunk({}), chunk({})];
    srv.enqueue(reply.chunks([...empty, chunk({ content: 'a' }), chunk({}, 'stop')], 'done', 100));
    const events = await collect(createProvider(cfg({ stallTimeoutMs: 250 }), fastDeps()));
    expect(last(events)).toMatchObject({ type: 'done', text: 'a' });
  });

  it('aborting mid-stream ends with an aborted error within ~100 ms', async () => {
    srv.enqueue(reply.stallAfter(['first']));
    const ac = new AbortController();
    const events: ProviderEvent[] = [];
    let abortedAt = 0;
    for await (const ev of createProvider(cfg({ stallTimeoutMs: 10_000 }), fastDeps()).stream(hello, ac.signal)) {
      events.push(ev);
      if (ev.type === 'text_delta') {
        abortedAt = Date.now();
        ac.abort();
      }
    }
    expect(Date.now() - abortedAt).toBeLessThan(150);
    expect(last(events)).toMatchObject({ type: 'error', kind: 'aborted', partial: { text: 'first' } });
    expect(terminalCount(events)).toBe(1);
  });

  it('aborting during a retry wait ends promptly with the real sleep', async () => {
    srv.enqueue(reply.rateLimited('30'));
    const ac = new AbortController();
    const events: ProviderEvent[] = [];
    let abortedAt = 0;
    const deps = { ...fastDeps(), sleep: undefined };
    for await (const ev of createProvider(cfg(), deps).stream(hello, ac.signal)) {
      events.push(ev);
      if (ev.type === 'retry') {
        abortedAt = Date.now();
        setTimeout(() => ac.abort(), 10);
      }
    }
    expect(Date.now() - abortedAt).toBeLessThan(200);
    expect(last(events)).toMatchObject({ type: 'error', kind: 'aborted' });
  });

  it('an already aborted signal ends at once without a request', async () => {
    const ac = new AbortController();
    ac.abort();
    const events = await collect(createProvider(cfg(), fastDeps()), hello, ac.signal);
    expect(events).toHaveLength(1);
    expect(last(events)).toMatchObject({ type: 'error', kind: 'aborted' });
    expect(srv.chatRequests()).toHaveLength(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and rejects garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
