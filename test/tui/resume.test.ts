import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/session/index.js';
import { reply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { openSession, tempProject } from './helpers.js';

let a: OpenAIServer;
beforeAll(async () => { a = await startOpenAIServer(); });
afterAll(async () => { await a.close(); });

describe('pith --resume', () => {
  it('continues the newest session: the next task carries a summary of its turns', async () => {
    const { root, home } = await tempProject(`default_profile = "main"\n[profiles.main]\nendpoint = "${a.url}"\nmodel = "m"\n`);
    const earlier = await createSession(root, { cwd: root, profile: 'main' });
    await earlier.user('rename greet to welcome');
    await earlier.run({ task: 'rename greet to welcome', status: 'ok', tokens: 1200, costUsd: 0, files: ['greet.ts'] });
    const s = await openSession(root, home, {}, { resume: true });
    try {
      await s.until(() => s.screen().includes(`resumed session ${earlier.id}`), 'the resume notice');
      a.enqueue(reply.text('done'));
      await s.type('and now the docs');
      await s.keys('\r');
      await s.until(() => a.chatRequests().length > 0, 'a request');
      const body = JSON.stringify(a.chatRequests()[0]!.body.messages);
      expect(body).toContain('rename greet to welcome');
      expect(body).toContain('and now the docs');
    } finally {
      s.handle.quit(0);
      await s.handle.done;
    }
  });
});
