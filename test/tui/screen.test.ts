import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { openSession, tempProject, type Session } from './helpers.js';

let srv: OpenAIServer;
beforeAll(async () => { srv = await startOpenAIServer(); });
afterAll(async () => { await srv.close(); });

let open: Session | null = null;
afterEach(async () => {
  open?.handle.quit(0);
  await open?.handle.done;
  open = null;
});

async function start(env: Record<string, string> = {}): Promise<Session> {
  const { root, home } = await tempProject(`[profiles.p]\nendpoint = "${srv.url}"\nmodel = "m"\ncontext_tokens = 8000\n`);
  open = await openSession(root, home, env);
  return open;
}

/** SGR parameters that set a colour (foreground or background, 8/16/256/truecolor). */
function colourCodes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\x1b\[([0-9;]*)m/g)) {
    const ps = m[1]!.split(';').map(Number);
    if (ps.some((p) => (p >= 30 && p <= 38) || (p >= 40 && p <= 48) || (p >= 90 && p <= 97) || (p >= 100 && p <= 107))) out.push(m[0]!);
  }
  return out;
}

describe('tui screen handling', () => {
  it('re-lays out on resize: input box at the bottom, full width, no leftovers', async () => {
    const s = await start();
    await s.type('hello 漢字 wide');
    await s.resize(70, 20);
    await s.until(() => s.screen().split('\n').length === 20, 'the new size');
    const lines = s.screen().split('\n');
    expect(lines[19]).toBe('└' + '─'.repeat(68) + '┘');
    expect(lines[18]).toMatch(/^│hello 漢字 wide/);
    expect(lines[17]!.startsWith('┌─ message')).toBe(true);
    expect(lines.every((l) => [...l].length <= 70)).toBe(true);
    await s.resize(120, 40);
    await s.until(() => s.screen().split('\n').length === 40, 'the bigger size');
    expect(s.screen().split('\n')[39]).toBe('└' + '─'.repeat(118) + '┘');
  });

  it('writes no colour with NO_COLOR, and colour without it', async () => {
    const plain = await start({ NO_COLOR: '1' });
    await plain.type('/he');
    expect(colourCodes(plain.written())).toEqual([]);
    plain.handle.quit(0);
    await plain.handle.done;
    const coloured = await start({ NO_COLOR: '' });
    await coloured.type('/he');
    expect(colourCodes(coloured.written()).length).toBeGreaterThan(0);
  });

  it('/stats shows session and all-time figures with a bar per task; Ctrl+P opens the palette', async () => {
    const s = await start();
    srv.enqueue(reply.text('one', { usage: { prompt: 400, completion: 5 } }), reply.text('two', { usage: { prompt: 900, completion: 9 } }));
    for (const task of ['first', 'second']) {
      await s.type(task);
      await s.keys('\r');
      await s.until(() => s.handle.view().phase === 'idle' && s.handle.view().session.tasks === (task === 'first' ? 1 : 2), `task ${task}`);
    }
    await s.type('/stats');
    await s.keys('\r');
    await s.until(() => s.screen().includes('runs 2 · calls 2'), 'the all-time figures');
    const screen = s.screen();
    expect(screen).toMatch(/tasks 2 · tokens in 1\.3k \/ out 14 · avg per task 657/);
    expect(screen).toMatch(/# {2}1 {4}405 █+/);
    expect(screen).toMatch(/# {2}2 {4}909 █{10,}/);
    await s.keys('\x1b');
    expect(s.screen()).not.toContain('All time');
    await s.keys('\x10');
    expect(s.screen()).toContain('/plan "task"');
    await s.type('undo');
    await s.keys('\r');
    await s.until(() => s.screen().includes('nothing to undo'), 'the undo report');
  });
});

describe('tui scrolling', () => {
  it('PageUp shows earlier output and stays put while more arrives; PageDown follows again', async () => {
    const s = await start();
    for (let i = 1; i <= 80; i++) s.handle.message('info', `line ${i}`);
    await s.until(() => s.screen().includes('line 80'), 'the last line');
    await s.keys('\x1b[5~');
    await s.until(() => !s.screen().includes('line 80'), 'the scroll');
    const shown = s.screen();
    expect(shown).toMatch(/line 5\d/);
    s.handle.message('info', 'line 81');
    await s.keys('');
    expect(s.screen()).not.toContain('line 81');
    await s.keys('\x1b[6~', '\x1b[6~', '\x1b[6~');
    await s.until(() => s.screen().includes('line 81'), 'following again');
  });
});

describe('tui sessions', () => {
  it('later tasks see a summary of earlier turns; /rollback forgets the last one', async () => {
    const s = await start();
    const userText = () => (srv.chatRequests().at(-1)!.body.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    const task = async (text: string, answer: string, n: number) => {
      srv.enqueue(reply.text(answer, { usage: { prompt: 300, completion: 2 } }));
      await s.type(text);
      await s.keys('\r');
      await s.until(() => s.handle.view().phase === 'idle' && s.handle.view().session.tasks === n, text);
    };
    await task('rename foo to bar', 'renamed', 1);
    await task('now add a test', 'added', 2);
    expect(userText()).toMatch(/Earlier in this session[\s\S]*"rename foo to bar" -> ok[\s\S]*answer: renamed/);
    await s.type('/rollback');
    await s.keys('\r');
    await s.until(() => s.screen().includes('forgot the last 1 turn'), 'the rollback');
    await task('third', 'ok', 3);
    expect(userText()).toContain('rename foo to bar');
    expect(userText()).not.toContain('now add a test');
  });
});
