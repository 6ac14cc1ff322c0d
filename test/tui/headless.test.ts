import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { openSession, tempProject, type Session } from './helpers.js';

let a: OpenAIServer;
let b: OpenAIServer;
beforeAll(async () => {
  a = await startOpenAIServer();
  b = await startOpenAIServer();
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const config = () => `
default_profile = "main"
[profiles.main]
endpoint = "${a.url}"
model = "model-a"
context_tokens = 32000
[profiles.other]
endpoint = "${b.url}"
model = "model-b"
context_tokens = 16000
`;

let open: Session | null = null;
afterEach(async () => {
  open?.handle.quit(0);
  await open?.handle.done;
  open = null;
});

async function start(): Promise<{ s: Session; root: string }> {
  const { root, home } = await tempProject(config());
  open = await openSession(root, home);
  return { s: open, root };
}

const lastUser = (srv: OpenAIServer) => {
  const msgs = srv.chatRequests().at(-1)!.body.messages as Array<{ role: string; content: string }>;
  return msgs.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
};

describe('tui, headless', () => {
  it('typing a task and Enter runs it: streamed answer, status line, stats bar', async () => {
    const { s } = await start();
    a.enqueue(reply.text(['The file ', 'has two ', 'lines.'], { usage: { prompt: 900, completion: 12 } }));
    const before = a.chatRequests().length;
    await s.type('how many lines in notes.txt?');
    await s.keys('\r');
    await s.until(() => s.handle.view().session.tasks === 1 && s.handle.view().phase === 'idle', 'the run to finish');
    expect(a.chatRequests().length).toBe(before + 1);
    expect(lastUser(a)).toContain('how many lines in notes.txt?');
    const screen = s.screen();
    expect(screen).toContain('The file has two lines.');
    expect(screen.split('\n')[0]).toMatch(/main · model-a · ctx .* \d+% of 32k · no plan · idle/);
    expect(screen).toMatch(/tasks 1 · tokens in 900 \/ out 12 · avg\/task 912 · tools 0 · cost \$0 · peak ctx \d+%/);
    expect(screen).toMatch(/ok · in 900 · out 12 · 1 calls · 0 tools/);
  });

  it('/profile other switches the profile used by the next request, without a restart', async () => {
    const { s } = await start();
    const aBefore = a.chatRequests().length;
    await s.type('/profile other');
    await s.keys('\r');
    await s.until(() => s.screen().split('\n')[0]!.includes('other · model-b'), 'the status line to show the new profile');
    b.enqueue(reply.text('from b', { usage: { prompt: 500, completion: 3 } }));
    await s.type('second task');
    await s.keys('\r');
    await s.until(() => s.handle.view().session.tasks === 1 && s.handle.view().phase === 'idle', 'the run to finish');
    expect(a.chatRequests().length).toBe(aBefore);
    expect(b.chatRequests().at(-1)!.body.model).toBe('model-b');
    expect(lastUser(b)).toContain('second task');
    expect(s.screen()).toContain('from b');
    expect(s.screen().split('\n')[0]).toContain('of 16k');
  });

  it('the plan overlay approves and runs a plan with live step status', async () => {
    const { s, root } = await start();
    const plan = {
      task: 'count and greet',
      steps: [
        { title: 'Count the lines', instruction: 'Count the lines of notes.txt.', files: ['notes.txt'], symbols: [], verify: 'none' },
        { title: 'Say hello', instruction: 'Reply hello.', files: [], symbols: [], verify: 'none' },
      ],
    };
    a.enqueue(
      reply.text(JSON.stringify(plan), { usage: { prompt: 1200, completion: 80 } }),
      reply.text('Two lines.', { usage: { prompt: 700, completion: 4 } }),
      reply.text('hello', { usage: { prompt: 650, completion: 2 } }),
    );
    await s.type('/plan "count and greet"');
    await s.keys('\r');
    await s.until(() => s.screen().includes('plan review') && s.screen().includes('2. Say hello'), 'the plan overlay');
    const review = s.screen();
    expect(review).toContain('1. Count the lines');
    expect(review).toContain('files: notes.txt');
    expect(review).toMatch(/a approve · A approve all · e annotate · d drop · o edit plan\.md/);
    expect(review).not.toContain('"steps"'); // the planner's JSON is not dumped into the transcript
    expect(s.handle.view().phase).toBe('reviewing');
    await s.keys('\r'); // nothing approved yet: a hint, no run
    expect(s.screen()).toContain('approve steps first');
    await s.keys('A', '\r');
    await s.until(() => s.handle.view().session.tasks === 1 && s.handle.view().phase === 'idle', 'the plan to finish');
    const v = s.handle.view();
    expect(v.steps.s1).toMatchObject({ status: 'passed', tokens: 704 });
    expect(v.steps.s2).toMatchObject({ status: 'passed', tokens: 652 });
    const screen = s.screen();
    expect(screen).toMatch(/✓ 1\. Count the lines\s+passed · 704 tok/);
    expect(screen).toContain('ok: all 2 steps passed');
    expect(screen.split('\n')[0]).toContain('step 2/2');
    const stored = JSON.parse(await readFile(join(root, '.pith', 'plans', `${JSON.parse(JSON.stringify(v.entries)).find((e: { text: string }) => e.text.startsWith('plan '))!.text.split(' ')[1].replace(':', '')}.json`), 'utf8'));
    expect(stored.steps.map((x: { status: string }) => x.status)).toEqual(['passed', 'passed']);
  });

  it('Esc hides the plan review with its approvals; /plan alone shows it again', async () => {
    const { s } = await start();
    const plan = { task: 'greet', steps: [
      { title: 'Say hello', instruction: 'Reply hello.', files: [], symbols: [], verify: 'none' },
      { title: 'Say bye', instruction: 'Reply bye.', files: [], symbols: [], verify: 'none' },
    ] };
    a.enqueue(reply.text(JSON.stringify(plan), { usage: { prompt: 900, completion: 60 } }), reply.text('hello', { usage: { prompt: 600, completion: 2 } }));
    await s.type('/plan "greet"');
    await s.keys('\r');
    await s.until(() => s.screen().includes('plan review') && s.screen().includes('2. Say bye'), 'the plan overlay');
    await s.keys('a', '\x1b');
    await s.until(() => !s.screen().includes('plan review'), 'the overlay to hide');
    expect(s.screen()).toContain('/plan shows the review again');
    expect(s.handle.view().phase).toBe('idle');
    await s.type('/plan');
    await s.keys('\r');
    await s.until(() => s.screen().includes('plan review'), 'the overlay to come back');
    expect(s.screen()).toMatch(/\[x\] 1\. Say hello/); // the approval survived
    expect(s.screen()).toMatch(/\[ \] 2\. Say bye/);
    expect(s.handle.view().phase).toBe('reviewing');
    await s.keys('d', '\r'); // drop step 2 (the cursor moved there on approve), run step 1
    await s.until(() => s.handle.view().session.tasks === 1 && s.handle.view().phase === 'idle', 'the plan to finish');
    expect(s.handle.view().steps.s1).toMatchObject({ status: 'passed' });
  });

  it('Ctrl+C stops a streaming call within half a second; twice when idle quits', async () => {
    const { s } = await start();
    a.enqueue(reply.stallAfter(['partial ', 'answer']));
    await s.type('stall please');
    await s.keys('\r');
    await s.until(() => s.screen().includes('partial answer'), 'the streamed text');
    const t0 = Date.now();
    await s.keys('\x03');
    await s.until(() => s.handle.view().phase === 'idle', 'the run to stop', 2000);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(s.screen()).toMatch(/aborted · in/);
    await s.keys('\x03');
    expect(s.screen()).toContain('Ctrl+C again to quit');
    await s.keys('\x03');
    await expect(s.handle.done).resolves.toBe(0);
    open = null;
  });

  it('asks before a write in a dialog that keeps the input text; y allows', async () => {
    const { s, root } = await start();
    a.enqueue(
      { ...reply.toolCalls([{ id: 'w1', name: 'write', arguments: JSON.stringify({ path: 'hello.txt', content: 'hi\n' }) }], { usage: { prompt: 800, completion: 20 } }), chunkDelayMs: 40 } as ReturnType<typeof reply.text>,
      reply.text('written', { usage: { prompt: 850, completion: 2 } }),
    );
    await s.type('write hello.txt');
    await s.keys('\r');
    await s.type('draft');
    await s.until(() => s.screen().includes('allow this change?'), 'the approval dialog');
    expect(s.screen()).toMatch(/y yes\s+n no\s+a always for write this session/);
    await s.keys('y');
    await s.until(() => s.handle.view().phase === 'idle', 'the run to finish');
    expect(await readFile(join(root, 'hello.txt'), 'utf8')).toBe('hi\n');
    expect(s.screen()).toMatch(/│draft/);
  });

  it('/ shows completions; @ attaches a picked file as an excerpt', async () => {
    const { s } = await start();
    await s.type('/st');
    expect(s.screen()).toMatch(/\/stats\s+session and all-time/);
    await s.keys('\x15'); // Ctrl+U clears
    a.enqueue(reply.text('seen', { usage: { prompt: 600, completion: 1 } }));
    await s.type('explain @');
    await s.until(() => s.screen().includes('attach a file') && s.screen().includes('greet.ts'), 'the file picker');
    await s.type('gre');
    await s.keys('\r', '\r');
    await s.until(() => s.handle.view().session.tasks === 1 && s.handle.view().phase === 'idle', 'the run to finish');
    const user = lastUser(a);
    expect(user).toContain('explain @greet.ts');
    expect(user).toMatch(/Files the user attached[\s\S]*1:\w+\|export function greet/);
  });
});
