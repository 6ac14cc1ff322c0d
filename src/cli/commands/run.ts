import { parseArgs } from 'node:util';
import { PithError } from '../../core/index.js';
import { createPrintApprover, yesMode } from '../approve.js';
import { createEngine, type Engine } from '../engine.js';
import type { CliIO } from '../io.js';
import { createEventPrinter } from '../print-events.js';
import { exitCodeFor } from '../exit-codes.js';
import { RUNTIME_ARG_OPTIONS, reportError, runtimeOrSetup } from '../runtime.js';
import { runTask } from '../run-task.js';

const USAGE = `usage: pith run "task" [--profile NAME] [--model ID] [--endpoint URL] [--json]
                [--max-tokens N] [--max-usd X] [--yes] [--attach FILE]...

Runs one task with the budget-capped executor in the project of the current directory,
streaming what happens, and ends with one summary line: tokens in/out, calls, tools, cost,
duration, status. Every call and tool is recorded in .pith/telemetry.jsonl.

options:
  --max-tokens N   cap for this run in tokens (input + output over all calls; default: the
                   profile's budget.step_tokens)
  --max-usd X      cap in dollars (default: the profile's budget.max_usd)
  --yes            approve every edit and command without asking (approval mode "trust";
                   a read-only setup stays read-only)
  --attach FILE    send FILE with the task, as the read tool shows it (small files whole,
                   large ones as outline + head); repeatable
  --json           JSONL events on stdout instead of text
  --profile, --model, --endpoint   as for every command (CONFIG.md)

exit codes: 0 done, 1 failed, 2 usage or config error, 3 budget exhausted, 130 interrupted`;

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { ...RUNTIME_ARG_OPTIONS, json: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, attach: { type: 'string', multiple: true, short: 'a' }, 'max-tokens': { type: 'string' }, 'max-usd': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    io.stderr.write(`pith run: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) return io.stdout.write(USAGE + '\n'), 0;
  const task = positionals.join(' ').trim();
  if (!task) return io.stderr.write(`pith run: the task is empty.\n\n${USAGE}\n`), 2;
  let engine: Engine | undefined;
  try {
    const maxTokens = numberOption(values['max-tokens'], '--max-tokens');
    const maxUsd = numberOption(values['max-usd'], '--max-usd');
    const runtime = await runtimeOrSetup(io, { profile: values.profile, model: values.model, endpoint: values.endpoint });
    if (typeof runtime === 'number') return runtime;
    engine = await createEngine(runtime, { approve: createPrintApprover(io), approvalMode: yesMode(values.yes, runtime.approval.mode), env: io.env, onNotice: (m) => io.stderr.write(`pith: ${m}\n`) });
    const emit = createEventPrinter(io.stdout, { json: Boolean(values.json), color: io.isTTY && !io.env.NO_COLOR });
    const result = await runTask(engine, task, { signal: io.signal, emit, maxTokens, maxUsd, attachments: values.attach });
    return exitCodeFor(result.status);
  } catch (e) {
    return reportError(io, e);
  } finally {
    await engine?.close();
  }
}

function numberOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new PithError('usage', `${name} takes a positive number, got "${v}"`);
  return n;
}
