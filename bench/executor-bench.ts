/**
 * Executor numbers on the scripted model: fixed overhead (first request of a one-line task) and,
 * for one fixture task run in a deliberately small context window, tokens per call, the total,
 * and what shrinking saved. Run: npm run build && node dist/bench/executor-bench.js [--context N]
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { copyRepo, loadTasks, startScriptedModel } from './scripted-model/index.js';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(pkgRoot, 'fixtures');
const contextArg = process.argv.indexOf('--context');
const context = contextArg > 0 ? Number(process.argv[contextArg + 1]) : 6000;
const tasks = loadTasks(join(fixtures, 'tasks'));
const model = await startScriptedModel({ tasks });

async function run(taskId: string, prompt: string, contextTokens: number) {
  const task = tasks.find((t) => t.id === taskId)!;
  const repo = copyRepo(fixtures, task.repo, mkdtempSync(join(tmpdir(), 'pith-exb-')));
  const home = mkdtempSync(join(tmpdir(), 'pith-exb-home-'));
  mkdirSync(join(home, '.config', 'pith'), { recursive: true });
  writeFileSync(join(home, '.config', 'pith', 'config.toml'), `default_profile = "b"\n[profiles.b]\nendpoint = "${model.url}"\nmodel = "scripted"\ncontext_tokens = ${contextTokens}\n`, { mode: 0o600 });
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const io: CliIO = { stdout: sink, stderr: sink, stdin: process.stdin, cwd: repo, isTTY: false, signal: new AbortController().signal, env: { PATH: process.env.PATH, HOME: home, PITH_TSC: join(pkgRoot, 'node_modules/.bin/tsc') } };
  const code = await main(['run', '--yes', prompt], io);
  const recs = readFileSync(join(repo, '.pith', 'telemetry.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { code, calls: recs.filter((r) => r.kind === 'call'), run: recs.find((r) => r.kind === 'run') };
}

const trivial = await run('ts-clamp-swap', 'Say hello.', 32_000);
console.log(`fixed overhead: first request of a one-line task = ${trivial.run.first_request_tokens} tokens`);
const b = trivial.calls[0].breakdown;
console.log(`  system ${b.system} · tools ${b.tools} · task ${b.task} · excerpts ${b.excerpts} · history ${b.history}`);

const taskId = 'ts-fix-nl-books';
const prompt = tasks.find((t) => t.id === taskId)!.prompt;
for (const ctx of [32_000, context]) {
  const r = await run(taskId, prompt, ctx);
  console.log(`\n${taskId}, context_tokens ${ctx}: exit ${r.code}, status ${r.run.status}`);
  for (const c of r.calls) console.log(`  call ${c.call}: sent ${c.counted_tokens} (history ${c.breakdown.history}), reply ${c.output_tokens}`);
  console.log(`  total in ${r.run.input_tokens} · out ${r.run.output_tokens} · peak request ${r.run.peak_request_tokens} · shrinking saved ${r.run.shrink_saved_tokens}`);
}
await model.close();
