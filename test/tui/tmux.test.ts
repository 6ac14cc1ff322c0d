import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { tempProject } from './helpers.js';
import { ensureBuilt, hasTmux, pithCommand, REPO, sessionAlive, tmux, waitFor } from './tmux.js';

const ARTIFACTS = join(REPO, 'test', 'artifacts');
let srv: OpenAIServer;

beforeAll(async () => {
  if (!hasTmux) return;
  ensureBuilt();
  srv = await startOpenAIServer();
}, 120_000);
afterAll(async () => {
  if (!hasTmux) return;
  try { tmux('kill-server'); } catch { /* already gone */ }
  await srv?.close();
});

describe.skipIf(!hasTmux)('tui in a real terminal (tmux)', () => {
  it('shows the status line, a streamed answer and the stats bar; reviews and runs a plan', async () => {
    const { root, home } = await tempProject(`[profiles.local]\nendpoint = "${srv.url}"\nmodel = "qwen-test"\ncontext_tokens = 32768\n`);
    const name = 'run';
    tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '40', '-c', root, pithCommand({ HOME: home }));
    await waitFor(name, (s) => s.includes('message · Enter send'), 'the input box');
    srv.enqueue({ ...reply.text(['notes.txt ', 'has two ', 'lines: ', 'alpha and beta ', '(漢字 ok).'], { usage: { prompt: 912, completion: 14 } }), chunkDelayMs: 25 } as ReturnType<typeof reply.text>);
    tmux('send-keys', '-t', name, '-l', 'how many lines in notes.txt?');
    tmux('send-keys', '-t', name, 'Enter');
    // The stats bar and the status line are redrawn on the same event but may land in different frames.
    const run = await waitFor(name, (s) => s.includes('tasks 1 ·') && s.includes('no plan · idle'), 'the run to finish');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'tui-run.txt'), run);
    const lines = run.split('\n');
    expect(lines[0]).toMatch(/local · qwen-test · ctx .+ \d+% of 33k · no plan · idle/);
    expect(run).toContain('notes.txt has two lines: alpha and beta (漢字 ok).');
    expect(run).toMatch(/tasks 1 · tokens in 912 \/ out 14 · avg\/task 926 · tools 0 · cost \$0 · peak ctx \d+%/);
    expect(run).toContain('┌─ message');

    const plan = { task: 'tidy notes', steps: [
      { title: 'Read notes.txt', instruction: 'Read notes.txt and report its lines.', files: ['notes.txt'], symbols: [], verify: 'none' },
      { title: 'Summarise', instruction: 'Summarise in one line.', files: [], symbols: [], verify: 'none' },
    ] };
    srv.enqueue(reply.text(JSON.stringify(plan), { usage: { prompt: 1500, completion: 90 } }), reply.text('alpha, beta', { usage: { prompt: 800, completion: 5 } }), reply.text('two words', { usage: { prompt: 820, completion: 3 } }));
    tmux('send-keys', '-t', name, '-l', '/plan "tidy notes"');
    tmux('send-keys', '-t', name, 'Enter');
    const review = await waitFor(name, (s) => s.includes('plan review') && s.includes('2. Summarise'), 'the plan overlay');
    writeFileSync(join(ARTIFACTS, 'tui-plan-review.txt'), review);
    expect(review).toContain('files: notes.txt');
    tmux('send-keys', '-t', name, 'A');
    tmux('send-keys', '-t', name, 'Enter');
    const done = await waitFor(name, (s) => s.includes('all 2 steps passed'), 'the plan to finish');
    writeFileSync(join(ARTIFACTS, 'tui-plan-done.txt'), done);
    expect(done).toMatch(/✓ 1\. Read notes\.txt\s+passed/);

    tmux('send-keys', '-t', name, 'Escape');
    tmux('send-keys', '-t', name, 'C-c');
    tmux('send-keys', '-t', name, 'C-c');
    const end = Date.now() + 5000;
    while (sessionAlive(name) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(sessionAlive(name)).toBe(false); // two Ctrl+C when idle quit, and the process exits
  }, 60_000);
});
