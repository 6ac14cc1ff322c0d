/**
 * `npm run demo`: plan and run a real task on a copy of a fixture repository, against the
 * built-in scripted model on 127.0.0.1 (no model, no network), then show what it cost.
 * With a model configured (PITH_ENDPOINT + PITH_MODEL, or --profile NAME) it uses that instead.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { copyRepo, loadTasks, startScriptedModel } from './scripted-model/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = join(here, '..', '..');
const fixtures = join(pkgRoot, 'fixtures');
const TASK = process.argv.find((a) => a.startsWith('--task='))?.slice(7) ?? 'js-plan-priority-aging';
const profile = process.argv.find((a) => a.startsWith('--profile='))?.slice(10);

const tasks = loadTasks(join(fixtures, 'tasks'));
const task = tasks.find((t) => t.id === TASK);
if (!task) {
  console.error(`demo: no fixture task "${TASK}"; tasks: ${tasks.map((t) => t.id).join(', ')}`);
  process.exit(2);
}
const parent = mkdtempSync(join(tmpdir(), 'pith-demo-'));
const repo = copyRepo(fixtures, task.repo, parent);
const useReal = Boolean(profile || (process.env.PITH_ENDPOINT && process.env.PITH_MODEL));
const model = useReal ? null : await startScriptedModel({ tasks });
const home = useReal ? process.env.HOME ?? tmpdir() : mkdtempSync(join(tmpdir(), 'pith-demo-home-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: useReal ? process.env.XDG_CONFIG_HOME : join(home, '.config'),
  XDG_DATA_HOME: useReal ? process.env.XDG_DATA_HOME : join(home, '.local', 'share'),
  PITH_TSC: join(pkgRoot, 'node_modules', '.bin', 'tsc'),
  ...(model ? { PITH_ENDPOINT: model.url, PITH_MODEL: 'pith-scripted', PITH_PROFILE: undefined } : {}),
};

const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env, cwd: repo, isTTY: false, signal: controller.signal };
console.log(`pith demo: task "${task.id}" on a copy of fixtures/repos/${task.repo} in ${repo}`);
console.log(model ? `model: the built-in scripted model at ${model.url}\n` : `model: ${profile ?? env.PITH_MODEL}\n`);
let code = 1;
try {
  code = await main(['plan', '--yes', ...(profile ? ['--profile', profile] : []), task.prompt], io);
  console.log('\n— telemetry summary (pith stats) —');
  await main(['stats', '--no-charts'], io);
  if (task.verify) {
    const { runShell } = await import('./scripted-model/index.js');
    const v = runShell(task.verify, repo, env);
    console.log(`\ntask check (${task.id} verify): ${v.code === 0 ? 'passed' : `FAILED\n${v.output}`}`);
    if (v.code !== 0) code = code || 1;
  }
} finally {
  await model?.close();
}
process.exit(code);
