import type { ToolCall, ToolResult } from '../core/index.js';
import type { TelemetryRecord } from '../telemetry/index.js';
import { parseLenientJson } from './json-repair.js';
import type { LoopGuard } from './loop-guard.js';
import type { Conversation } from './conversation.js';
import type { ExecutorDeps } from './types.js';

/**
 * Arguments longer than this are refused unread: no model's reply cap comes near it, so they are
 * broken or hostile output, and parsing, counting or writing them would stall the session.
 */
export const MAX_ARGUMENT_CHARS = 1024 * 1024;

/** The call as it is kept in the conversation: oversized arguments are not sent back to the model. */
export function keptCall(call: ToolCall): ToolCall {
  if (call.arguments.length <= MAX_ARGUMENT_CHARS) return call;
  return { ...call, arguments: JSON.stringify({ omitted: `${(call.arguments.length / 1048576).toFixed(1)} MB of arguments, refused` }) };
}

export interface TurnState {
  call: number;
  toolCalls: number;
  staleEdits: number;
  malformedCalls: number;
  changedFiles: Set<string>;
}

export interface TurnOutcome {
  /** Files changed in this turn. */
  changed: string[];
  /** Three identical failing calls in a row. */
  looped: boolean;
  /** A result was cut and can be recalled (the recall tool is then offered). */
  recallable: boolean;
  /** The turn's last call was a check run with `done: true` that passed: the task ends (its display line). */
  ended: string | null;
}

/**
 * Execute one reply's tool calls in order and add their results to the conversation.
 * Malformed arguments are repaired when possible, else answered with a one-line correction;
 * identical calls on unchanged files are served from the loop guard.
 */
export async function runToolTurn(
  calls: ToolCall[],
  asUserText: boolean,
  conv: Conversation,
  guard: LoopGuard,
  deps: ExecutorDeps,
  state: TurnState,
  record: (r: Omit<TelemetryRecord & { kind: 'tool' }, 'v' | 'ts' | 'session' | 'run' | 'profile' | 'model' | 'step'>) => void,
  signal: AbortSignal,
): Promise<TurnOutcome> {
  const changed: string[] = [];
  let looped = false;
  let recallable = false;
  let ended: string | null = null;
  for (const call of calls) {
    if (signal.aborted) break;
    const started = (deps.now ?? Date.now)();
    const oversized = call.arguments.length > MAX_ARGUMENT_CHARS;
    const args = oversized ? null : normaliseArgs(call.arguments);
    if (args === null) state.malformedCalls++;
    const key = guard.key(call.name, args ?? keptCall(call).arguments);
    deps.emit({ type: 'tool_start', id: call.id, name: call.name, args: keptCall(call).arguments });
    let result: ToolResult;
    let cached = false;
    const earlier = args === null ? undefined : guard.earlier(key);
    if (oversized) {
      const mb = (call.arguments.length / 1048576).toFixed(1);
      result = errorResult('too_large', `${call.name}: the arguments are ${mb} MB, over the ${MAX_ARGUMENT_CHARS / 1048576} MB limit; nothing was run. Write a large file in parts: write the first part, then add the rest with edits.`);
    } else if (args === null) {
      result = errorResult('bad_args', `${call.name}: arguments are not valid JSON. Send one JSON object, e.g. {"path":"src/a.ts"}.`);
    } else if (earlier) {
      cached = true;
      result = { ...earlier.result, forModel: `Same call as in turn ${earlier.call}, files unchanged: the result above still holds.`, meta: { ...earlier.result.meta, tokens: 12, cached: true } };
    } else {
      result = await deps.tools.run(call.name, args, signal);
      guard.remember(key, result, state.call);
    }
    state.toolCalls++;
    if (result.error?.type === 'stale') state.staleEdits++;
    const files = result.meta.changedFiles ?? [];
    if (files.length > 0 || call.name === 'bash') guard.bump();
    for (const f of files) {
      state.changedFiles.add(f);
      conv.markChanged(f);
      changed.push(f);
    }
    if (files.length) await deps.onFilesChanged?.(files);
    // A command that exits non-zero is a normal result, but the same failing command three times
    // in a row (nothing fixed in between) is a loop all the same.
    const failed = Boolean(result.error) || (result.meta.exitCode != null && result.meta.exitCode !== 0);
    if (guard.recordOutcome(key, failed)) looped = true;
    if (result.meta.recallId) recallable = true;
    // Only the last call of a reply can end the task: calls after it show the model was not done.
    ended = result.meta.endsTask && !cached ? (result.display ?? call.name) : null;
    conv.addToolResult(call, result.forModel, pathOf(args), asUserText, files.length > 0);
    const duration = (deps.now ?? Date.now)() - started;
    deps.emit({ type: 'tool_end', id: call.id, name: call.name, display: result.display ?? firstLine(result.forModel), tokens: result.meta.tokens, error: result.error?.message, cached });
    record({ kind: 'tool', call: state.call, tool: call.name, tokens: result.meta.tokens, truncated: result.meta.truncated, cached, error_type: result.error?.type ?? null, duration_ms: duration, status: result.error ? 'error' : 'ok' });
    if (looped) break;
  }
  return { changed, looped, recallable, ended: looped ? null : ended };
}

/** Valid JSON text of the arguments (repaired if needed), or null when nothing parses to an object. */
function normaliseArgs(raw: string): string | null {
  if (raw.trim() === '') return '{}';
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? raw : null;
  } catch {
    const v = parseLenientJson(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : null;
  }
}

function pathOf(args: string | null): string | null {
  if (!args) return null;
  try {
    const p = (JSON.parse(args) as { path?: unknown }).path;
    return typeof p === 'string' ? p.replace(/^\.\//, '') : null;
  } catch {
    return null;
  }
}

function errorResult(type: 'bad_args' | 'too_large', message: string): ToolResult {
  return { forModel: `Error: ${message}`, meta: { tokens: 0, truncated: false }, error: { type, message } };
}

function firstLine(s: string): string {
  const line = s.split('\n', 1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
