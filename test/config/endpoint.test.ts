import { describe, expect, it } from 'vitest';
import { describeKey, inferProvider, isLoopbackEndpoint, normalizeEndpoint, providerKeyEnvFor, resolveApiKey, editDistance, nearest } from '../../src/config/index.js';

describe('normalizeEndpoint', () => {
  it.each([
    ['https://api.openai.com/v1/chat/completions', 'openai', 'https://api.openai.com/v1'],
    ['https://openrouter.ai/api/v1/', 'openai', 'https://openrouter.ai/api/v1'],
    ['http://localhost:8080', 'openai', 'http://localhost:8080/v1'],
    ['localhost:8080/v1/chat/completions?x=1', 'openai', 'http://localhost:8080/v1'],
    ['http://127.0.0.1:11434/api/chat', 'ollama', 'http://127.0.0.1:11434'],
    ['http://127.0.0.1:11434/v1/chat/completions', 'ollama', 'http://127.0.0.1:11434'],
    ['http://gpu-box:11434/', 'ollama', 'http://gpu-box:11434'],
  ] as const)('%s (%s) -> %s', (raw, provider, want) => {
    expect(normalizeEndpoint(raw, provider)).toBe(want);
    expect(normalizeEndpoint(want, provider)).toBe(want);
  });

  it('rejects what is not an http(s) URL', () => {
    expect(() => normalizeEndpoint('ftp://x', 'openai')).toThrow(/http/);
    expect(() => normalizeEndpoint('not a url', 'openai')).toThrow(/not a URL/);
  });
});

describe('endpoint facts', () => {
  it('infers ollama from its native paths or port', () => {
    expect(inferProvider('http://127.0.0.1:11434')).toBe('ollama');
    expect(inferProvider('http://box/api/chat')).toBe('ollama');
    expect(inferProvider('http://127.0.0.1:11434/v1')).toBe('openai');
    expect(inferProvider('https://openrouter.ai/api/v1')).toBe('openai');
  });
  it('knows loopback hosts and provider key variables', () => {
    expect(['http://localhost:1', 'http://127.0.0.5', 'http://[::1]:8080'].every(isLoopbackEndpoint)).toBe(true);
    expect(isLoopbackEndpoint('https://api.openai.com/v1')).toBe(false);
    expect(providerKeyEnvFor('https://api.openai.com/v1')).toBe('OPENAI_API_KEY');
    expect(providerKeyEnvFor('https://openrouter.ai/api/v1')).toBe('OPENROUTER_API_KEY');
    expect(providerKeyEnvFor('https://api.anthropic.com/v1')).toBe('ANTHROPIC_API_KEY');
    expect(providerKeyEnvFor('https://example.com/v1')).toBeNull();
  });
  it('edit distance picks the nearest key', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearest('contxt_tokens', ['model', 'context_tokens', 'provider'])).toBe('context_tokens');
  });
});

describe('resolveApiKey', () => {
  const openai = 'https://api.openai.com/v1';
  it('prefers PITH_API_KEY, then api_key_env, then api_key, then the host variable', () => {
    const env = { PITH_API_KEY: 'p', MY: 'm', OPENAI_API_KEY: 'o' };
    expect(resolveApiKey({ endpoint: openai, apiKeyEnv: 'MY' }, env).value).toBe('p');
    expect(resolveApiKey({ endpoint: openai, apiKeyEnv: 'MY' }, { MY: 'm', OPENAI_API_KEY: 'o' }).source).toEqual({ kind: 'env', name: 'MY' });
    expect(resolveApiKey({ endpoint: openai, apiKey: 'lit' }, { OPENAI_API_KEY: 'o' }).source).toEqual({ kind: 'config' });
    expect(resolveApiKey({ endpoint: openai }, { OPENAI_API_KEY: 'o' }).value).toBe('o');
  });
  it('does not fall back when a named api_key_env is unset, and reports missing for paid endpoints', () => {
    const k = resolveApiKey({ endpoint: openai, apiKeyEnv: 'MY' }, { OPENAI_API_KEY: 'o' });
    expect(k.value).toBeUndefined();
    expect(k.missingForPaid).toBe(true);
    expect(describeKey(k, openai)).toBe('missing (set MY)');
    const local = resolveApiKey({ endpoint: 'http://127.0.0.1:11434' }, {});
    expect(local.missingForPaid).toBe(false);
    expect(describeKey(local, 'http://127.0.0.1:11434')).toBe('not needed (local endpoint)');
  });
  it("never sends a profile's key to an overridden host", () => {
    const k = resolveApiKey({ endpoint: 'https://evil.example/v1', apiKey: 'secret', profileEndpoint: openai }, {});
    expect(k.value).toBeUndefined();
  });
});
