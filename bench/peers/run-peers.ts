import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTasks, runShell, type Task } from '../scripted-model/index.js';
import { createAgent } from '../harness/agents.js';
import type { BenchIO } from '../harness/bench.js';
import type { BenchOptions } from '../harness/options.js';
import { collectSettings, writeReport } from '../harness/report.js';
import { PKG_ROOT, benchEnv, claimScratch, copyTo, runAll } from '../harness/runner.js';
import { summarize } from '../harness/summary.js';
import { formatTable } from '../harness/table.js';
import { SCRIPTED_MODEL_ID, scriptedTarget } from '../harness/target.js';
import type { RunResult } from '../harness/types.js';
import { PEERS } from './adapters.js';
import type { ChildResult, ChildSpec } from './peer-child.js';
import { installPeers, runInSandbox, sandboxUnavailable } from './sandbox.js';

/**
 * `--peers`: pith-run and the baseline in-process as usual, then each real peer on the same
 * tasks, each run in its own loopback-only namespace with its own scripted-model server (see
 * peer-child.ts). Peer numbers are the server's: prompt/completion tokens of every request it
 * served. A peer that cannot run is listed under `peers.skipped` with the exact reason.
 */
export const PEER_TIMEOUT_MS = Number(process.env.BENCH_PEER_TIMEOUT_MS ?? 180_000);

export async function runPeers(o: BenchOptions, io: BenchIO): Promise<number> {
  const fixtures = resolve(io.cwd, o.fixtures ?? join(PKG_ROOT, 'fixtures'));
  const all = loadTasks(join(fixtures, 'tasks'));
  const tasks: Task[] = o.tasks ? all.filter((t) => o.tasks!.includes(t.id)) : all;
  const peersDir = join(PKG_ROOT, 'bench', '.peers');
  const log = (l: string) => io.stderr.write(`bench: ${l}\n`);
  const skipped: { peer: string; reason: string }[] = [];
  const sandbox = sandboxUnavailable();
  // PITH_PEERS=pi,opencode runs only those peers.
  const only = io.env.PITH_PEERS?.split(',').map((x) => x.trim()).filter(Boolean);
  let runnable = PEERS.filter((p) => !only || only.includes(p.name)).filter((p) => {
    const reason = p.skip ?? (sandbox ? `no loopback-only sandbox: ${sandbox}` : null);
    if (reason) skipped.push({ peer: p.name, reason });
    return !reason;
  });
  if (runnable.length) {
    const failed = installPeers(peersDir, PEERS, log);
    if (failed) {
      runnable.forEach((p) => skipped.push({ peer: p.name, reason: failed }));
      runnable = [];
    }
  }
  for (const s of skipped) log(`skipping ${s.peer}: ${s.reason}`);
  for (const p of runnable) {
    const w = p.warn?.();
    if (w) log(`warning: ${p.name}: ${w}`);
  }

  const agentNames = o.agents ?? ['pith-run', 'baseline'];
  const target = await scriptedTarget(tasks);
  const settings = collectSettings({ root: PKG_ROOT, agents: [...agentNames, ...runnable.map((p) => p.name)], tasks: tasks.map((t) => t.id), repeats: o.repeats, fixtures, target, mode: 'peers' });
  let results: RunResult[];
  try {
    results = await runAll({ tasks, agents: agentNames.map(createAgent), repeats: o.repeats, fixtures, target, env: io.env, signal: io.signal, progress: (l) => io.stderr.write(`  ${l}\n`) });
  } finally {
    await target.close();
  }
  const scratch = claimScratch();
  const env = benchEnv(scratch, io.env);
  try {
    for (const task of tasks) {
      for (const peer of runnable) {
        for (let repeat = 1; repeat <= o.repeats; repeat++) {
          if (io.signal?.aborted) break;
          const r = await runPeerOnce(peer.name, task, repeat, { fixtures, peersDir, scratch, env });
          results.push(r);
          io.stderr.write(`  ${r.pass ? 'pass' : 'FAIL'}  ${task.id}  ${peer.name}#${repeat}  in ${r.input_tokens}  out ${r.output_tokens}  ${r.calls} calls  ${(r.wall_ms / 1000).toFixed(1)} s${r.error ? `  (${r.error})` : ''}\n`);
        }
      }
    }
  } finally {
    if (!o.keep) rmSync(scratch, { recursive: true, force: true });
  }
  const summary = summarize(results);
  const doc = { settings, results, summary, peers: { skipped } };
  const table = formatTable(results, summary) + (skipped.length ? `\nskipped peers\n${skipped.map((s) => `  ${s.peer}: ${s.reason}`).join('\n')}\n` : '');
  const path = writeReport(o.out ? resolve(io.cwd, o.out) : join(PKG_ROOT, 'bench', 'results'), doc, table);
  io.stdout.write(o.json ? JSON.stringify(doc, null, 2) + '\n' : table);
  log(`report written to ${path}`);
  return 0;
}

interface PeerRunContext {
  fixtures: string;
  peersDir: string;
  scratch: string;
  env: NodeJS.ProcessEnv;
}

async function runPeerOnce(peer: string, task: Task, repeat: number, c: PeerRunContext): Promise<RunResult> {
  const dir = join(c.scratch, task.id, `${peer}-${repeat}`);
  const repo = copyTo(c.fixtures, task.repo, dir);
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const spec: ChildSpec = {
    peer, fixtures: c.fixtures, peersDir: c.peersDir, home, repo, prompt: task.prompt, model: SCRIPTED_MODEL_ID,
    env: { PITH_TSC: c.env.PITH_TSC!, CARGO_TARGET_DIR: c.env.CARGO_TARGET_DIR! },
    timeoutMs: PEER_TIMEOUT_MS, log: join(dir, 'agent.log'), out: join(dir, 'result.json'),
  };
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  const started = Date.now();
  const code = await runInSandbox(join(import.meta.dirname, 'peer-child.js'), [join(dir, 'spec.json')], PEER_TIMEOUT_MS + 30_000);
  const wall = Date.now() - started;
  const child: ChildResult | null = existsSync(spec.out) ? (JSON.parse(readFileSync(spec.out, 'utf8')) as ChildResult) : null;
  const reqs = child?.requests ?? [];
  const verify = runShell(task.verify, repo, c.env);
  const error = !child ? `the sandboxed runner exited ${code} without a result` : child.error ? child.error : child.timed_out ? `timed out after ${PEER_TIMEOUT_MS / 1000} s` : child.exit_code !== 0 ? `${peer} exited ${child.exit_code} (see ${spec.log})` : undefined;
  return {
    task: task.id, agent: peer, repeat, pass: verify.ok,
    input_tokens: reqs.reduce((n, r) => n + r.prompt_tokens, 0),
    output_tokens: reqs.reduce((n, r) => n + r.completion_tokens, 0),
    calls: reqs.length,
    tool_calls: reqs.reduce((n, r) => n + r.tool_calls, 0),
    // opencode sends an untooled title request too: the overhead is the first request with tools.
    first_request_tokens: (reqs.find((r) => r.tools_offered > 0) ?? reqs[0])?.prompt_tokens ?? 0,
    peak_request_tokens: Math.max(0, ...reqs.map((r) => r.prompt_tokens)),
    stale_edits: 0, malformed_edits: 0, wall_ms: wall, cost_usd: 0,
    ...(error ? { error } : {}),
  };
}
