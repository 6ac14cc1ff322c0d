import { describe, expect, it } from 'vitest';
import { defaultCompat, normalizeEndpoint } from '../../src/provider/index.js';

describe('normalizeEndpoint', () => {
  it('openai: accepts a base URL or a full /chat/completions URL', () => {
    expect(normalizeEndpoint('https://api.openai.com/v1/', 'openai')).toBe('https://api.openai.com/v1');
    expect(normalizeEndpoint('https://api.openai.com/v1/chat/completions', 'openai')).toBe('https://api.openai.com/v1');
    expect(normalizeEndpoint('https://openrouter.ai/api/v1', 'openai')).toBe('https://openrouter.ai/api/v1');
    expect(normalizeEndpoint('http://127.0.0.1:8080', 'openai')).toBe('http://127.0.0.1:8080/v1');
    expect(normalizeEndpoint('localhost:1234/v1', 'openai')).toBe('http://localhost:1234/v1');
  });

  it('ollama: reduces /api/chat and OpenAI-style /v1 URLs to the server root', () => {
    expect(normalizeEndpoint('http://127.0.0.1:11434', 'ollama')).toBe('http://127.0.0.1:11434');
    expect(normalizeEndpoint('http://127.0.0.1:11434/api/chat', 'ollama')).toBe('http://127.0.0.1:11434');
    expect(normalizeEndpoint('http://127.0.0.1:11434/v1/chat/completions', 'ollama')).toBe('http://127.0.0.1:11434');
    expect(normalizeEndpoint('http://box:11434/v1/', 'ollama')).toBe('http://box:11434');
  });

  it('is idempotent and rejects non-http URLs with a config error', () => {
    for (const u of ['https://api.openai.com/v1', 'http://127.0.0.1:8080/v1']) expect(normalizeEndpoint(normalizeEndpoint(u, 'openai'), 'openai')).toBe(u);
    expect(() => normalizeEndpoint('ftp://x/v1', 'openai')).toThrow(expect.objectContaining({ code: 'config' }));
    expect(() => normalizeEndpoint('http://', 'openai')).toThrow(expect.objectContaining({ code: 'config' }));
  });
});

describe('defaultCompat', () => {
  it('uses max_completion_tokens only for api.openai.com', () => {
    expect(defaultCompat({ provider: 'openai', endpoint: 'https://api.openai.com/v1' }).maxTokensField).toBe('max_completion_tokens');
    expect(defaultCompat({ provider: 'openai', endpoint: 'http://127.0.0.1:8080/v1' }).maxTokensField).toBe('max_tokens');
  });
});
