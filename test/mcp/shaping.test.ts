import { describe, it, expect, beforeAll } from 'vitest';
import { trimSchema, cutText, shapeCallResult, cutToTokens } from '../../src/mcp/index.js';
import { getTokenizer, type Tokenizer } from '../../src/tokens/index.js';

let tok: Tokenizer;
beforeAll(async () => {
  tok = await getTokenizer();
});

describe('schema trimming', () => {
  it('cuts nested descriptions, drops annotations, keeps structure and properties named like keywords', () => {
    const long = 'word '.repeat(100);
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      title: 'Args',
      properties: {
        title: { type: 'string', description: long },
        description: { type: 'array', items: { type: 'object', properties: { x: { type: 'number', description: long } } } },
      },
      required: ['title'],
    };
    const t = trimSchema(schema, 40) as any;
    expect(t.$schema).toBeUndefined();
    expect(t.title).toBeUndefined();
    expect(t.required).toEqual(['title']);
    expect(t.properties.title.type).toBe('string');
    expect(t.properties.title.description.length).toBeLessThanOrEqual(40);
    expect(t.properties.description.items.properties.x.description).toMatch(/…$/);
    expect(schema.properties.title.description).toBe(long); // input untouched
  });

  it('cutText leaves short text alone and cuts at a word', () => {
    expect(cutText('short', 10)).toBe('short');
    expect(cutText('alpha beta gamma delta', 14)).toBe('alpha beta…');
  });
});

describe('result shaping', () => {
  const s = () => ({ count: (t: string) => tok.count(t), maxTokens: 50, label: 'srv.tool' });

  it('joins text, keeps embedded resource text, summarises binaries, maps structuredContent', () => {
    const r = shapeCallResult(
      { content: [{ type: 'text', text: 'a' }, { type: 'resource', resource: { uri: 'file:///r', text: 'body' } }, { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' }] },
      s(),
    );
    expect(r.forModel).toBe('a\n[resource file:///r]\nbody\n[1 non-text part not shown: audio audio/wav, 3 B]');
    expect(shapeCallResult({ content: [], structuredContent: { n: 1 } }, s()).forModel).toBe('{"n":1}');
    expect(shapeCallResult({ content: [] }, s()).forModel).toBe('(no output)');
  });

  it('cuts to the token cap, says how much was cut, and hands the full text to keep()', () => {
    const text = Array.from({ length: 100 }, (_, i) => `row ${i}`).join('\n');
    let kept = '';
    const r = shapeCallResult({ content: [{ type: 'text', text }] }, { ...s(), keep: (t) => ((kept = t), 'r7') });
    expect(kept).toBe(text);
    expect(r.meta).toMatchObject({ truncated: true, recallId: 'r7' });
    expect(r.forModel).toMatch(/\[cut: showing \d+ of \d+ tokens, \d+ lines cut; recall id r7 holds the rest\]$/);
    expect(r.meta.tokens).toBe(tok.count(r.forModel));
  });

  it('cutToTokens cuts a single huge line within the cap', () => {
    const line = 'abc,'.repeat(5000);
    const c = cutToTokens(line, 100, (t) => tok.count(t));
    expect(c.truncated).toBe(true);
    expect(tok.count(c.text)).toBeLessThanOrEqual(100);
    expect(c.keptTokens).toBeGreaterThan(80);
  });
});
