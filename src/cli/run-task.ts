import { buildRunRecord, runExecutor, sumResults, type ExecutorResult } from '../agent/index.js';
import type { EngineEvent } from '../core/index.js';
import { leftNote, namedCode } from '../plan/index.js';
import { newRunId, type Engine } from './engine.js';

export interface RunTaskOptions {
  signal: AbortSignal;
  emit: (e: EngineEvent) => void;
  runId?: string;
  /** Caps for this run; default: the profile's step budget. */
  maxTokens?: number;
  maxUsd?: number;
  /** Pre-loaded context sent with the task (a resumed session's summary). */
  excerpts?: string;
  /** Files the user attached: sent as the read tool shows them (excerpts with anchors). */
  attachments?: string[];
}

/**
 * One task, one budget-capped executor run: run_start, index refresh, the executor, the undo
 * group, the run record, run_end. Shared by `pith run` and the TUI.
 */
export async function runTask(engine: Engine, task: string, o: RunTaskOptions): Promise<ExecutorResult> {
  const { runtime } = engine;
  const runId = o.runId ?? newRunId();
  const started = Date.now();
  const ids = { session: engine.sessionId, run: runId, profile: runtime.profileName };
  o.emit({ type: 'run_start', runId, task, profile: runtime.profileName, model: runtime.provider.model });
  await engine.index.build({ signal: o.signal }).catch(() => undefined);
  // A fresh context: nothing an earlier task was shown is in it (the TUI runs many tasks per engine).
  engine.tools.forgetShown('all');
  const attached = await attachedExcerpts(engine, o.attachments, o.signal);
  const named = await namedCode(task, engine.tools, engine.index, engine.tokenizer, o.signal);
  const result = await runExecutor(
    {
      ...engine.baseOptions(o.signal), task, excerpts: [o.excerpts, attached, leftNote(named.left)].filter(Boolean).join('\n\n') || undefined,
      preloaded: named.items,
      budget: { tokens: o.maxTokens ?? runtime.budget.stepTokens, toolCalls: runtime.budget.stepToolCalls, usd: o.maxUsd ?? runtime.budget.maxUsd },
      ids: { ...ids, step: null },
    },
    engine.executorDeps(o.emit),
  );
  await engine.snapshots.commit(runId).catch(() => null);
  const durationMs = Date.now() - started;
  await engine.sink.write(buildRunRecord({ ids, model: runtime.provider.model, mode: 'run', task, status: result.status, results: [result], steps: 0, durationMs })).catch(() => {});
  const t = sumResults([result]);
  o.emit({ type: 'run_end', runId, status: result.status, inputTokens: t.inputTokens, outputTokens: t.outputTokens, calls: t.calls, toolCalls: t.toolCalls, costUsd: t.costUsd, durationMs, summary: result.summary });
  return result;
}

/** Attached files as the read tool shows them: an excerpt with anchors, never a whole-file dump. */
export async function attachedExcerpts(engine: Engine, paths: readonly string[] | undefined, signal: AbortSignal): Promise<string> {
  const parts: string[] = [];
  for (const p of paths ?? []) {
    const r = await engine.tools.run('read', JSON.stringify({ path: p }), signal);
    parts.push(r.error ? `${p}: ${r.error.message}` : r.forModel);
  }
  return parts.length ? `Files the user attached (excerpts; read for more):\n${parts.join('\n\n')}` : '';
}
