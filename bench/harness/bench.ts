import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTasks, type Task } from '../scripted-model/index.js';
import { ANCHOR_VARIANTS, DEFAULT_AGENTS, createAgent } from './agents.js';
import { CHECK_AGENTS, CHECK_TASKS, buildBaseline, compareToBaseline, readBaseline, writeBaseline } from './check.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { collectSettings, writeReport, type BenchDocument } from './report.js';
import { PKG_ROOT, runAll } from './runner.js';
import { summarize } from './summary.js';
import { formatTable } from './table.js';
import { profileTarget, scriptedTarget } from './target.js';
import type { ModelTarget } from './types.js';

/**
 * The bench as a function (bin: bench/run.ts; tests call it in-process). Returns the exit code:
 * 0 ok, 1 a check failed (or with --check a regression), 2 usage error.
 */
export interface BenchIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
}

function selectTasks(all: Task[], wanted: string[] | undefined): Task[] {
  if (!wanted) return all;
  return wanted.map((id) => {
    const t = all.find((x) => x.id === id);
    if (!t) throw new Error(`no task "${id}"; tasks: ${all.map((x) => x.id).join(', ')}`);
    return t;
  });
}

export async function runBench(argv: string[], io: BenchIO): Promise<number> {
  let o: BenchOptions;
  try {
    o = parseOptions(argv);
  } catch (e) {
    io.stderr.write(`bench: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (o.help) return io.stdout.write(USAGE + '\n'), 0;
  if (o.peers) {
    const { runPeers } = await import('../peers/run-peers.js');
    return runPeers(o, io);
  }
  const fixtures = resolve(io.cwd, o.fixtures ?? join(PKG_ROOT, 'fixtures'));
  let tasks: Task[];
  let agentNames: string[];
  try {
    if (!existsSync(join(fixtures, 'tasks'))) throw new Error(`${fixtures} has no tasks/ directory (expected DIR/tasks/*.toml and DIR/repos/)`);
    const all = loadTasks(join(fixtures, 'tasks'));
    if (o.check && o.profile) throw new Error('--check runs on the scripted model only; drop --profile');
    tasks = selectTasks(all, o.tasks ?? (o.check ? CHECK_TASKS.filter((id) => all.some((t) => t.id === id)) : undefined));
    agentNames = o.agents ?? (o.check ? CHECK_AGENTS : [...DEFAULT_AGENTS, ...(o.anchors ? ANCHOR_VARIANTS : [])]);
    agentNames.forEach(createAgent);
  } catch (e) {
    io.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  const agents = agentNames.map(createAgent);
  let target: ModelTarget;
  try {
    target = o.profile ? await profileTarget(o.profile, io.env, io.cwd) : await scriptedTarget(tasks);
  } catch (e) {
    io.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  const settings = collectSettings({ root: PKG_ROOT, agents: agentNames, tasks: tasks.map((t) => t.id), repeats: o.repeats, fixtures, target, mode: o.check ? 'check' : 'bench' });
  io.stderr.write(`bench: ${tasks.length} task(s) x ${agentNames.join(', ')} x ${o.repeats} on ${target.kind === 'scripted' ? 'the scripted model' : `profile ${target.label} (${target.model})`}\n`);
  let results;
  try {
    results = await runAll({ tasks, agents, repeats: o.repeats, fixtures, target, keep: o.keep, env: io.env, signal: io.signal, progress: (l) => io.stderr.write(`  ${l}\n`) });
  } finally {
    await target.close();
  }
  const summary = summarize(results);
  const doc: BenchDocument = { settings, results, summary };
  const table = formatTable(results, summary);
  const reportPath = writeReport(o.out ? resolve(io.cwd, o.out) : join(PKG_ROOT, 'bench', 'results'), doc, table);
  if (o.json) io.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  else io.stdout.write(table);
  io.stderr.write(`bench: report written to ${reportPath}\n`);
  const mismatched = results.filter((r) => r.server_input_tokens !== undefined && r.server_input_tokens !== r.input_tokens);
  for (const r of mismatched) io.stderr.write(`bench: warning: ${r.task} ${r.agent}#${r.repeat}: agent reports ${r.input_tokens} input tokens, the scripted model served ${r.server_input_tokens}\n`);
  if (!o.check) return 0;
  const baselinePath = resolve(io.cwd, o.baseline ?? join(PKG_ROOT, 'bench', 'baseline.json'));
  if (o.update) {
    writeBaseline(baselinePath, buildBaseline(results, settings));
    io.stderr.write(`bench: baseline written to ${baselinePath}\n`);
    return 0;
  }
  try {
    const outcome = compareToBaseline(results, readBaseline(baselinePath));
    (o.json ? io.stderr : io.stdout).write(`\nbench check against ${baselinePath}\n${outcome.report}`);
    return outcome.ok ? 0 : 1;
  } catch (e) {
    io.stderr.write(`bench: ${(e as Error).message}\n`);
    return 1;
  }
}
