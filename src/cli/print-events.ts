import { assertNever, type EngineEvent } from '../core/index.js';

/**
 * Print mode: EngineEvents as readable lines on a plain stream. Model text streams as it
 * arrives; everything else is one line each. `--json` mode writes the events themselves.
 */
export function createEventPrinter(out: NodeJS.WritableStream, opts: { json: boolean; color: boolean }) {
  let midLine = false;
  const dim = (s: string) => (opts.color ? `\x1b[2m${s}\x1b[22m` : s);
  const red = (s: string) => (opts.color ? `\x1b[31m${s}\x1b[39m` : s);
  const line = (s: string) => {
    if (midLine) out.write('\n');
    midLine = false;
    out.write(s + '\n');
  };
  return (e: EngineEvent): void => {
    if (opts.json) {
      out.write(JSON.stringify(e) + '\n');
      return;
    }
    switch (e.type) {
      case 'model_delta':
        out.write(e.text);
        midLine = !e.text.endsWith('\n');
        break;
      case 'reasoning_delta':
        // Shown (dimmed) but never sent back to the model: the loop keeps it out of the history.
        out.write(dim(e.text));
        midLine = !e.text.endsWith('\n');
        break;
      case 'run_start':
        line(dim(`pith · ${e.profile} · ${e.model} · run ${e.runId}`));
        break;
      case 'plan_ready':
        break; // print mode shows the whole plan with its estimate right after (formatPlan)
      case 'step_start':
        line(`\n▶ step ${e.index}/${e.total}: ${e.title}`);
        break;
      case 'call_start':
        line(dim(`· call ${e.call}: ${fmt(e.countedTokens)} tokens (${Math.round((100 * e.countedTokens) / e.contextTokens)}% of context)`));
        break;
      case 'call_end':
        break;
      case 'retry':
        line(dim(`· retry ${e.attempt} in ${(e.delayMs / 1000).toFixed(1)}s: ${e.reason}`));
        break;
      case 'tool_start':
        break;
      case 'tool_end':
        line(`${e.error ? red('✗') : '✓'} ${e.display.startsWith(e.name) ? e.display : `${e.name} ${e.display}`}${dim(` [${e.tokens} tok${e.cached ? ', cached' : ''}]`)}`);
        break;
      case 'hook_result':
        line(`${e.ok ? '✓' : red('✗')} check ${e.command}${dim(` [${e.tokens} tok]`)}`);
        break;
      case 'budget_warning':
        line(dim(`! budget ${e.level}%: ${fmt(e.used)} of ${fmt(e.limit)} tokens`));
        break;
      case 'notice':
        line(e.level === 'error' ? red(e.message) : e.message);
        break;
      case 'step_end':
        line(`${e.status === 'passed' ? '✓' : red('✗')} step ${e.stepId} ${e.status} · ${fmt(e.tokens)} tokens · $${e.costUsd.toFixed(4)}`);
        break;
      case 'run_end':
        // The model's own last words were streamed already; a stop for another reason is said here.
        if (e.status !== 'ok' && e.summary) line(red(e.summary));
        line(`\n${e.status} · in ${fmt(e.inputTokens)} · out ${fmt(e.outputTokens)} · ${e.calls} calls · ${e.toolCalls} tools · $${e.costUsd.toFixed(4)} · ${(e.durationMs / 1000).toFixed(1)}s`);
        break;
      default:
        assertNever(e);
    }
  };
}

export function fmt(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}
