/**
 * bash { command, timeout_s?, done? }: runs in the project root in its own process group, killed
 * whole on timeout or cancel. The reply is the shaped output (see bash-shape) and a last line
 * `[exit N]`; a cut output's full text is stored for recall. A non-zero exit is a normal result
 * (the command ran); timeout and cancel are errors that still carry the output so far.
 * Afterwards the file cache is cleared: the command may have changed any file. `done: true` on a
 * command that exits 0 marks the result `endsTask`: the executor ends the task on it, saving the
 * closing model call (which re-sends the whole context only to say "done").
 */
import { assertNever, type ToolSpec } from '../core/index.js';
import { cleanOutput, shapeOutput } from './bash-shape.js';
import { BASH_DESCRIPTION, BASH_PARAMS } from './descriptions.js';
import { defineTool, fail, requireApproval } from './framework.js';
import { runInProcessGroup } from './process-group.js';
import type { ToolDeps } from './types.js';

interface BashArgs {
  command: string;
  timeout_s?: number;
  /** The model's last call: when the command exits 0 the task ends without another model call. */
  done?: boolean;
}

export function createBashTool(deps: ToolDeps): ToolSpec {
  const { limits, state } = deps;
  return defineTool<BashArgs>(
    {
      name: 'bash',
      description: BASH_DESCRIPTION,
      params: BASH_PARAMS,
      effect: 'command',
      example: '{"command":"npm test","timeout_s":300}',
      hints: { timeout_s: `whole seconds, 1-${limits.bashMaxTimeoutS}` },
      async run(args, ctx) {
        const command = args.command.trim();
        if (command === '') return fail('bad_args', 'bash: command is empty. Example: {"command":"npm test"}');
        const timeoutS = Math.max(1, Math.min(limits.bashMaxTimeoutS, args.timeout_s ?? limits.bashTimeoutS));
        const oneLine = command.replace(/\s+/g, ' ');
        const summary = `run: ${oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine}`;
        const denied = await requireApproval(ctx, { kind: 'command', tool: 'bash', summary, detail: command }, state.policy);
        if (denied) return denied;

        const run = await runInProcessGroup(command, { cwd: ctx.root, env: deps.env, timeoutMs: timeoutS * 1000, signal: ctx.signal });
        state.files.clear();

        const full = cleanOutput(run.output);
        // A command that succeeded rarely needs more than its last lines (summaries live there);
        // a failing one keeps errors from the middle. Either way the full text is recallable.
        const ok = run.end === 'exit' && run.exitCode === 0;
        const shaped = shapeOutput(full, {
          headLines: ok ? limits.bashOkHeadLines : limits.bashHeadLines,
          tailLines: ok ? limits.bashOkTailLines : limits.bashTailLines,
          errorLines: ok ? 0 : limits.bashErrorLines,
          lineMaxChars: limits.lineMaxChars,
        });
        const recallId = shaped.cutLines > 0 || run.droppedBytes > 0 ? state.recall.put(full, `bash: ${oneLine}`) : undefined;
        const body = shaped.text === '' ? '(no output)' : shaped.text;
        const note = recallId ? `\n[output cut; recall {"id":"${recallId}"} shows all ${full.split('\n').length} lines]` : '';
        const secs = (run.durationMs / 1000).toFixed(1);
        switch (run.end) {
          case 'timeout':
            return { ...fail('timeout', `bash: timed out after ${timeoutS} s; the process group was killed. Output so far below; raise timeout_s if it needs longer`, body + note), recallId };
          case 'aborted':
            return { ...fail('aborted', 'bash: cancelled; the process group was killed. Output so far below', body + note), recallId };
          case 'spawn_error':
            return fail('failed', body);
          case 'exit': {
            const status = run.exitCode !== null ? `exit ${run.exitCode}` : `killed by ${run.termSignal ?? 'a signal'}`;
            const endsTask = args.done === true && run.exitCode === 0 ? true : undefined;
            return { text: `${body}${note}\n[${status}, ${secs} s]`, truncated: recallId !== undefined, recallId, exitCode: run.exitCode, endsTask, display: `$ ${summary.slice(5)} -> ${status}` };
          }
          default:
            return assertNever(run.end);
        }
      },
    },
    deps,
  );
}
