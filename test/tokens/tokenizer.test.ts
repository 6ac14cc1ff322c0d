import { describe, it, expect } from 'vitest';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { getTokenizer, countRequest, lookupPrice, costUsd } from '../../src/tokens/index.js';

const reference = new Tiktoken(o200k);

describe('tokenizer', () => {
  it('matches js-tiktoken o200k on known strings, long ones (cached) included', async () => {
    const tok = await getTokenizer();
    const samples = ['hello world', 'function clamp(x: number) { return x; }', 'ünïcødé 漢字 🙂', 'const value = compute(item);\n'.repeat(400)];
    for (const s of samples) {
      expect(tok.count(s)).toBe(reference.encode(s, [], []).length);
      expect(tok.count(s)).toBe(reference.encode(s, [], []).length); // second time from cache
    }
  });

  it('does not throw on special-token text in file content', async () => {
    const tok = await getTokenizer();
    expect(tok.count('a <|endoftext|> b')).toBeGreaterThan(3);
  });

  it('countRequest includes tool schemas and tool-call arguments', async () => {
    const tok = await getTokenizer();
    const messages = [
      { role: 'system' as const, content: 'be brief' },
      { role: 'assistant' as const, content: '', toolCalls: [{ id: 'c1', name: 'read', arguments: '{"path":"src/a.ts","lines":"1-40"}' }] },
    ];
    const bare = countRequest(tok, messages);
    const schema = { name: 'read', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } };
    const withTools = countRequest(tok, messages, [schema]);
    expect(withTools.tools).toBeGreaterThan(10);
    expect(withTools.total).toBe(bare.total + withTools.tools);
    const noArgs = countRequest(tok, [messages[0]!, { role: 'assistant', content: '' }]);
    expect(bare.messages[1]!).toBeGreaterThan(noArgs.messages[1]! + 10);
  });
});

describe('prices', () => {
  it('finds the longest prefix, honours overrides, makes local models free', () => {
    expect(lookupPrice('gpt-4o-mini-2024-07-18').price.input).toBe(0.15);
    expect(lookupPrice('openai/gpt-4o').price.input).toBe(2.5);
    expect(lookupPrice('mystery-model').unknown).toBe(true);
    expect(lookupPrice('gpt-4o', undefined, true).price.output).toBe(0);
    expect(lookupPrice('gpt-4o', { input: 1, output: 2 }).price.output).toBe(2);
  });

  it('bills cached input at the cached rate', () => {
    const cost = costUsd({ input_tokens: 1_000_000, cached_input_tokens: 500_000, output_tokens: 100_000 }, { input: 2, output: 10, cached_input: 0.5 });
    expect(cost).toBeCloseTo(1 + 0.25 + 1, 6);
  });
});
