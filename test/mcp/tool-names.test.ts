import { describe, it, expect } from 'vitest';
import { mapToolNames, isToolAllowed, TOOL_NAME_RE } from '../../src/mcp/index.js';

describe('MCP tool names', () => {
  it('maps dots, spaces and other characters to valid, unique names', () => {
    const m = mapToolNames('my.server', ['files.read all', 'files_read_all', 'ünï', 'ok-name']);
    const names = [...m.keys()];
    expect(names[0]).toBe('my_server__files_read_all');
    expect(names[1]).toMatch(/^my_server__files_read_all_[0-9a-f]{8}$/); // collided after mapping
    expect(names[2]).toBe('my_server__ünï'.replace(/[^a-zA-Z0-9_-]/g, '_'));
    expect(names[3]).toBe('my_server__ok-name');
    expect(new Set(names).size).toBe(4);
    expect([...m.values()]).toEqual(['files.read all', 'files_read_all', 'ünï', 'ok-name']);
    for (const n of names) expect(n).toMatch(TOOL_NAME_RE);
  });

  it('keeps long names within 64 characters, distinct and stable', () => {
    const long = 'x'.repeat(80);
    const a = [...mapToolNames('srv', [long + 'a', long + 'b']).keys()];
    expect(a.every((n) => n.length <= 64 && TOOL_NAME_RE.test(n))).toBe(true);
    expect(a[0]).not.toBe(a[1]);
    expect([...mapToolNames('srv', [long + 'a', long + 'b']).keys()]).toEqual(a);
  });

  it('include keeps only matches, exclude removes, globs with *', () => {
    expect(isToolAllowed('read_file', ['read_*'])).toBe(true);
    expect(isToolAllowed('write_file', ['read_*'])).toBe(false);
    expect(isToolAllowed('read_file', undefined, ['*_file'])).toBe(false);
    expect(isToolAllowed('a.b', ['a.b'])).toBe(true);
    expect(isToolAllowed('axb', ['a.b'])).toBe(false); // '.' is literal
  });
});
