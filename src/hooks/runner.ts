import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Check } from './detect.js';
import { shapeCheckOutput } from './shape.js';

/** Runs a shell command in the project root, killing its whole process group on timeout/abort. */
export type ExecFn = (command: string, opts: { cwd: string; timeoutMs: number; signal: AbortSignal }) => Promise<{ exitCode: number | null; output: string; timedOut: boolean }>;

export interface CheckRunnerOptions {
  root: string;
  checks: Check[];
  exec: ExecFn;
  count: (text: string) => number;
  timeoutMs: number;
  /** Cap on the shaped output appended to the edit result. */
  maxTokens?: number;
}

/**
 * Runs the project's checks once per model turn, after that turn's edits. Returns the shaped
 * output of the checks that applied (all joined), or null when none applied.
 */
export function createCheckRunner(opts: CheckRunnerOptions) {
  const maxTokens = opts.maxTokens ?? 600;
  return {
    async run(changedFiles: string[], signal: AbortSignal): Promise<{ command: string; ok: boolean; output: string } | null> {
      const parts: string[] = [];
      const commands: string[] = [];
      // Source lines for the diagnostics, read once per turn and only if a check fails.
      let sources: Map<string, string[]> | null = null;
      const loadSources = async () => {
        if (sources) return sources;
        sources = new Map();
        for (const f of changedFiles) {
          const text = await readFile(join(opts.root, f), 'utf8').catch(() => null);
          if (text !== null) sources.set(f, text.split(/\r?\n/));
        }
        return sources;
      };
      let ok = true;
      for (const check of opts.checks) {
        const exts = check.perFileExt ?? check.onlyFor;
        const relevant = exts ? changedFiles.filter((f) => exts.includes(extname(f))) : changedFiles;
        if (exts && relevant.length === 0) continue;
        const command = check.perFileExt ? `${check.command} ${relevant.map(shellQuote).join(' ')}` : check.command;
        const r = await opts.exec(command, { cwd: opts.root, timeoutMs: opts.timeoutMs, signal });
        const lines = r.exitCode === 0 && !r.timedOut ? new Map<string, string[]>() : await loadSources();
        commands.push(command);
        ok &&= r.exitCode === 0 && !r.timedOut;
        parts.push(shapeCheckOutput({
          command, exitCode: r.exitCode, timedOut: r.timedOut, output: r.output, changedFiles,
          sourceLine: (p, line) => lines.get(p)?.[line - 1], count: opts.count, maxTokens: Math.floor(maxTokens / opts.checks.length),
        }));
        if (signal.aborted) break;
      }
      if (commands.length === 0) return null;
      return { command: commands.join(' && '), ok, output: parts.join('\n') };
    },
  };
}

function shellQuote(s: string): string {
  return /^[\w./@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
