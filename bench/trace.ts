import { join } from 'node:path';
import { loadTasks } from './scripted-model/index.js';
import { createAgent } from './harness/agents.js';
import { PKG_ROOT, runAll } from './harness/runner.js';
import { scriptedTarget } from './harness/target.js';
import { getTokenizer } from '../src/tokens/index.js';

/**
 * Dev tool: runs one task with one agent on the scripted model and prints every request it made,
 * message by message, with token counts, so you can see where an agent's tokens go.
 * Usage: node dist/bench/trace.js TASK [AGENT] [--full]
 */
const [taskId, agentName = 'pith-run'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const full = process.argv.includes('--full');
if (!taskId) {
  process.stderr.write('usage: node dist/bench/trace.js TASK [AGENT] [--full]\n');
  process.exit(2);
}
const fixtures = join(PKG_ROOT, 'fixtures');
const task = loadTasks(join(fixtures, 'tasks')).find((t) => t.id === taskId);
if (!task) throw new Error(`no task ${taskId}`);
const target = await scriptedTarget([task]);
const tok = await getTokenizer();
try {
  const [r] = await runAll({ tasks: [task], agents: [createAgent(agentName)], repeats: 1, fixtures, target });
  target.requests?.forEach((req, i) => {
    process.stdout.write(`\n=== request ${i + 1}: ${req.promptTokens} tokens\n`);
    for (const m of req.messages) {
      const text = typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '');
      const calls = 'toolCalls' in m && m.toolCalls ? JSON.stringify(m.toolCalls) : '';
      const n = tok.count(text + calls);
      const body = full ? text + calls : (text + calls).replace(/\s+/g, ' ').slice(0, 160);
      process.stdout.write(`  [${m.role} ${n}] ${body}\n`);
    }
  });
  process.stdout.write(`\n${r!.pass ? 'pass' : 'FAIL'} in ${r!.input_tokens} out ${r!.output_tokens} calls ${r!.calls}\n`);
} finally {
  await target.close();
}
