#!/usr/bin/env node
/**
 * One peer run, started by run-peers.ts inside a loopback-only network namespace:
 * `node peer-child.js SPEC.json`. It serves the fixtures' scripts on 127.0.0.1 (the only
 * address that exists in the namespace), launches the peer in the repository copy, and writes
 * what the server saw to SPEC.out as JSON ({ exit_code, timed_out, requests[] }).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTasks, startScriptedModel } from '../scripted-model/index.js';
import { PEERS } from './adapters.js';

export interface ChildSpec {
  peer: string;
  fixtures: string;
  peersDir: string;
  home: string;
  repo: string;
  prompt: string;
  model: string;
  env: Record<string, string>;
  timeoutMs: number;
  log: string;
  out: string;
}

export interface ChildResult {
  exit_code: number | null;
  timed_out: boolean;
  requests: { route: string; prompt_tokens: number; completion_tokens: number; tool_calls: number; tools_offered: number }[];
  /** The last request's first 16 messages (content cut), to see where a peer got stuck. */
  last_messages?: unknown[];
  error?: string;
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ChildSpec;
const adapter = PEERS.find((p) => p.name === spec.peer)!;
const server = await startScriptedModel({ tasks: loadTasks(join(spec.fixtures, 'tasks')), model: spec.model });
const result: ChildResult = { exit_code: null, timed_out: false, requests: [] };
try {
  const launch = adapter.prepare({ peersDir: spec.peersDir, home: spec.home, repo: spec.repo, url: server.url, model: spec.model, prompt: spec.prompt });
  const log = createWriteStream(spec.log);
  const child = spawn(launch.command, launch.args, {
    cwd: spec.repo,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', TERM: 'dumb', NO_COLOR: '1', ...spec.env, HOME: spec.home, ...launch.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const timer = setTimeout(() => {
    result.timed_out = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, spec.timeoutMs);
  result.exit_code = await new Promise<number | null>((resolve) => {
    child.on('error', (e) => {
      result.error = e.message;
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
  clearTimeout(timer);
  log.end();
} catch (e) {
  result.error = (e as Error).message;
} finally {
  result.requests = server.requests.map((r) => ({
    route: r.route,
    prompt_tokens: r.promptTokens,
    completion_tokens: r.completionTokens,
    tool_calls: r.reply.calls.length,
    tools_offered: Array.isArray(r.body.tools) ? r.body.tools.length : 0,
  }));
  const last = server.requests.at(-1);
  if (last) result.last_messages = last.messages.slice(0, 16).map((m) => ({ ...m, content: m.content.slice(0, 600) }));
  await server.close();
  writeFileSync(spec.out, JSON.stringify(result, null, 2));
}
process.exit(0);
