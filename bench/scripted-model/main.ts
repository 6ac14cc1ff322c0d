#!/usr/bin/env node
// `node dist/bench/scripted-model/main.js --fixtures DIR [--port N] [--chaos-seed S --chaos-rate R]`
// Serves the tasks in DIR/tasks (or DIR itself when it holds the .toml files) and prints the URLs.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTasks } from './tasks.js';
import { startScriptedModel } from './server.js';

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const fixtures = resolve(arg(argv, '--fixtures') ?? 'fixtures');
  const dir = existsSync(join(fixtures, 'tasks')) ? join(fixtures, 'tasks') : fixtures;
  const tasks = loadTasks(dir);
  const seed = arg(argv, '--chaos-seed');
  const server = await startScriptedModel({
    tasks,
    port: Number(arg(argv, '--port') ?? 0),
    ...(seed !== undefined ? { chaos: { seed: Number(seed), rate: Number(arg(argv, '--chaos-rate') ?? 0.2) } } : {}),
  });
  console.log(`scripted model: ${tasks.length} tasks from ${dir}`);
  console.log(`openai: ${server.url}`);
  console.log(`ollama: ${server.ollamaUrl}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((e: Error) => {
  console.error(`scripted model: ${e.message}`);
  process.exit(1);
});
