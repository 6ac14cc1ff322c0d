import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { fakeIO } from '../config/helpers.js';

let oa: OpenAIServer;
beforeAll(async () => { oa = await startOpenAIServer(); });
afterAll(async () => { await oa.close(); });

function project(): { root: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'pith-run-'));
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, 'notes.txt'), 'alpha\nbeta\n');
  return { root, home: mkdtempSync(join(tmpdir(), 'pith-home-')) };
}

describe('pith run', () => {
  it('reads, finishes, prints a summary line and records telemetry', async () => {
    const { root, home } = project();
    oa.enqueue(
      reply.toolCalls([{ id: 'c1', name: 'read', arguments: '{"path":"notes.txt"}' }], { usage: { prompt: 700, completion: 12 } }),
      reply.text('notes.txt has two lines.', { usage: { prompt: 760, completion: 8 } }),
    );
    const { io, out } = fakeIO({ cwd: root, env: { HOME: home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' } });
    const code = await main(['run', 'how many lines in notes.txt?'], io);
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    expect(out.stdout).toContain('✓ read');
    expect(out.stdout).toContain('notes.txt has two lines.');
    expect(out.stdout).toMatch(/ok · in 1460 · out 20 · 2 calls · 1 tools · \$0\.0000/);
    const records = readFileSync(join(root, '.pith', 'telemetry.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r: { kind: string }) => r.kind)).toEqual(['call', 'tool', 'call', 'run']);
    expect(records[3]).toMatchObject({ mode: 'run', status: 'ok', input_tokens: 1460, output_tokens: 20, calls: 2, tool_calls: 1 });
    // The tool result reached the model anchored, in the second request.
    const second = oa.chatRequests().at(-1)!.body.messages as Array<{ role: string; content: string }>;
    expect(second.at(-1)!.content).toMatch(/1:\w\w\|alpha/);
  });

  it('--attach sends a file with the task as the read tool shows it', async () => {
    const { root, home } = project();
    oa.enqueue(reply.text('seen it', { usage: { prompt: 800, completion: 3 } }));
    const { io } = fakeIO({ cwd: root, env: { HOME: home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' } });
    expect(await main(['run', '--attach', 'notes.txt', 'what is in the attached file?'], io)).toBe(0);
    const first = oa.chatRequests().at(-1)!.body.messages as Array<{ role: string; content: string }>;
    expect(first[1]!.content).toMatch(/^what is in the attached file\?\n\nFiles the user attached \(excerpts; read for more\):\nnotes\.txt[^\n]*\n1:\w\w\|alpha\n2:\w\w\|beta/);
  });

  it('exits 3 when the budget cannot fit a call, without calling the model', async () => {
    const { root, home } = project();
    const before = oa.chatRequests().length;
    const { io, out } = fakeIO({ cwd: root, env: { HOME: home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'test-model' } });
    expect(await main(['run', 'anything', '--max-tokens', '300'], io)).toBe(3);
    expect(oa.chatRequests().length).toBe(before);
    expect(out.stdout).toContain('budget_exhausted');
  });

  it('refuses an empty task with exit 2', async () => {
    const { root, home } = project();
    const { io, out } = fakeIO({ cwd: root, env: { HOME: home, PITH_ENDPOINT: oa.url, PITH_MODEL: 'm' } });
    expect(await main(['run', '  '], io)).toBe(2);
    expect(out.stderr).toContain('the task is empty');
  });
});
