import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { openSession, tempProject } from './helpers.js';

let a: OpenAIServer;
beforeAll(async () => { a = await startOpenAIServer(); });
afterAll(async () => { await a.close(); });

describe('plan review in the TUI', () => {
  it('lists the commands pith runs after each edit, as well as each step check', async () => {
    const { root, home } = await tempProject(`default_profile = "main"\n[profiles.main]\nendpoint = "${a.url}"\nmodel = "m"\n[hooks]\non_edit = ["npm run lint --silent"]\n`);
    const plan = { task: 't', steps: [{ title: 'Tidy', instruction: 'Tidy notes.txt.', files: ['notes.txt'], symbols: [], verify: { command: 'node check.js' } }] };
    a.enqueue(reply.text(JSON.stringify(plan)));
    const s = await openSession(root, home);
    try {
      await s.type('/plan "tidy"');
      await s.keys('\r');
      await s.until(() => s.screen().includes('plan review') && s.screen().includes('1. Tidy'), 'the plan overlay');
      const screen = s.screen();
      expect(screen).toContain('verify: command: node check.js');
      expect(screen).toContain('after each edit pith runs:');
      expect(screen).toContain('npm run lint --silent');
    } finally {
      s.handle.quit(0);
      await s.handle.done;
    }
  });
});
