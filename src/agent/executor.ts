import type { RunStatus, ToolCall } from '../core/index.js';
import { costUsd, type Tokenizer } from '../tokens/index.js';
import { TELEMETRY_VERSION, type TelemetryRecord } from '../telemetry/index.js';
import { BudgetTracker } from './budget.js';
import { Conversation, type StubFor } from './conversation.js';
import { LoopGuard } from './loop-guard.js';
import { callModel } from './model-call.js';
import { EXECUTOR_SYSTEM_PROMPT } from './system-prompt.js';
import { parseTextToolCalls, splitThinking } from './text-tool-calls.js';
import { keptCall, MAX_ARGUMENT_CHARS, runToolTurn, type TurnState } from './tool-turn.js';
import { describeToolsAsText } from './tools-as-text.js';
import type { ExecutorDeps, ExecutorOptions, ExecutorResult } from './types.js';

/** Shrink to this share of the context limit, so the next calls don't shrink again at once. */
const SHRINK_TARGET = 0.6;
/** Soft limit on the history's and excerpts' tokens (ExecutorOptions.historyTokens), and the turns always kept. */
export const DEFAULT_HISTORY_TOKENS = 1000;
const KEEP_TURNS = 2;
/** Provider failures after which the same request is sent again, at most this many times in a row. */
const RECALLABLE_FAILURES = new Set(['stall', 'broken_stream', 'network', 'server', 'rate_limit', 'protocol']);
const MAX_FAILED_CALLS = 2;

/**
 * Run one bounded task against one model. Before every call the exact request is counted;
 * a request that would break the context window is shrunk first, one that would break the
 * step's budget is never sent.
 */
export async function runExecutor(opts: ExecutorOptions, deps: ExecutorDeps): Promise<ExecutorResult> {
  const now = deps.now ?? Date.now;
  const started = now();
  const tok = deps.tokenizer;
  const toolSchemas = deps.tools.schemas();
  // `recall` is offered only once something was cut or pruned (before, nothing refers to it);
  // tools that join later (MCP servers becoming ready) are offered from the next call on.
  let recallOffered = false;
  const offered = () => (opts.toolsInText ? [] : deps.tools.schemas().filter((t) => t.name !== 'recall' || recallOffered));
  let sentSchemas = offered();
  let system = opts.systemPrompt ?? EXECUTOR_SYSTEM_PROMPT;
  if (opts.conventions) system += `\n\nProject conventions:\n${opts.conventions}`;
  if (opts.toolsInText) system += `\n\n${describeToolsAsText(toolSchemas)}`;
  const conv = new Conversation(system, opts.task, opts.excerpts ?? '', opts.preloaded);
  const budget = new BudgetTracker(opts.budget, opts.price, opts.replyReserve);
  const guard = new LoopGuard();
  const state: TurnState = { call: 0, toolCalls: 0, staleEdits: 0, malformedCalls: 0, changedFiles: new Set() };
  const acc = { input: 0, output: 0, cached: null as number | null, reasoning: null as number | null, counted: 0, first: 0, peak: 0, saved: 0 };
  const contextLimit = opts.contextTokens - opts.replyReserve;
  const base = { v: TELEMETRY_VERSION, session: opts.ids.session, run: opts.ids.run, profile: opts.ids.profile, model: opts.model, step: opts.ids.step };
  const write = (r: Record<string, unknown>) => void deps.sink.write({ ...base, ts: new Date().toISOString(), ...r } as TelemetryRecord).catch(() => {});

  let failedCalls = 0;
  let status: RunStatus = 'ok';
  let summary = '';
  let pendingNote: string | null = null;

  // A pruned output sits right after the call that made it, which names the tool and file; an
  // excerpt in the task message has no call, so its stub names the file.
  const stubFor: StubFor = (name, path, tokens, full, excerpt) => {
    const id = deps.tools.keep(full);
    return { id, stub: `[${excerpt ? `excerpt of ${path} ` : ''}pruned (${tokens} tokens); recall {"id":"${id}"}]` };
  };
  const historyLimit = opts.historyTokens ?? DEFAULT_HISTORY_TOKENS;

  while (true) {
    if (opts.signal.aborted) { status = 'aborted'; summary = 'cancelled'; break; }
    sentSchemas = offered();
    let { total, breakdown } = conv.breakdown(tok, sentSchemas);
    // History and pre-loaded excerpts are re-sent on every call: past their soft limit, outputs
    // (and excerpts of files worked on) older than the last turns go.
    if (historyLimit > 0 && breakdown.history + breakdown.excerpts > historyLimit) {
      const pruned = conv.stubOlderThan(tok, KEEP_TURNS, stubFor);
      if (pruned.stubbed > 0) {
        recallOffered = true;
        sentSchemas = offered();
        acc.saved += pruned.savedTokens;
        deps.tools.forgetShown(pruned.paths);
        ({ total, breakdown } = conv.breakdown(tok, sentSchemas));
      }
    }
    if (total > contextLimit) {
      recallOffered = true;
      sentSchemas = offered();
      const shrunk = conv.shrink(tok, sentSchemas, Math.floor(contextLimit * SHRINK_TARGET), stubFor);
      acc.saved += shrunk.savedTokens;
      deps.tools.forgetShown(shrunk.paths);
      ({ total, breakdown } = conv.breakdown(tok, sentSchemas));
      if (total > contextLimit) { status = 'error'; summary = `the request (${total} tokens) does not fit the context window (${contextLimit} usable) even after pruning`; break; }
    }
    const verdict = budget.check(total);
    if (verdict.kind === 'exhausted') { status = 'budget_exhausted'; summary = verdict.reason; break; }
    state.call++;
    acc.first ||= total;
    acc.peak = Math.max(acc.peak, total);
    acc.counted += total;
    deps.emit({ type: 'call_start', call: state.call, countedTokens: total, breakdown, contextTokens: opts.contextTokens });
    const callStarted = now();
    const outcome = await callModel(deps.provider, { model: opts.model, messages: conv.messages(), tools: sentSchemas.length ? sentSchemas : undefined, maxTokens: verdict.maxReplyTokens }, opts.signal, deps.emit);
    const usage = outcome.kind === 'ok' ? outcome.usage : null;
    const outTok = usage?.output_tokens ?? countOutput(tok, outcome.text) + outcome.toolCalls.reduce((n, c) => n + countOutput(tok, c.arguments), 0);
    const inTok = usage?.input_tokens ?? total;
    const cost = costUsd({ input_tokens: inTok, output_tokens: outTok, cached_input_tokens: usage?.cached_input_tokens ?? null }, opts.price);
    budget.spend(inTok, outTok, cost);
    acc.input += inTok;
    acc.output += outTok;
    if (usage?.cached_input_tokens != null) acc.cached = (acc.cached ?? 0) + usage.cached_input_tokens;
    if (usage?.reasoning_tokens != null) acc.reasoning = (acc.reasoning ?? 0) + usage.reasoning_tokens;
    const durationMs = now() - callStarted;
    deps.emit({ type: 'call_end', call: state.call, usage, countedTokens: total, costUsd: cost, durationMs });
    write({
      kind: 'call', call: state.call, input_tokens: usage?.input_tokens ?? null, output_tokens: usage?.output_tokens ?? null,
      cached_input_tokens: usage?.cached_input_tokens ?? null, reasoning_tokens: usage?.reasoning_tokens ?? null,
      counted_tokens: total, breakdown, cost_usd: cost, duration_ms: durationMs,
      status: outcome.kind === 'ok' ? 'ok' : outcome.errorKind === 'aborted' ? 'aborted' : 'error',
      finish_reason: outcome.kind === 'ok' ? outcome.finishReason : null, error_kind: outcome.kind === 'error' ? outcome.errorKind : null, retries: outcome.retries,
    });
    const brokeMidway = outcome.kind === 'error' && (outcome.text !== '' || outcome.toolCalls.length > 0);
    if (outcome.kind === 'error' && brokeMidway && RECALLABLE_FAILURES.has(outcome.errorKind) && ++failedCalls <= MAX_FAILED_CALLS) {
      // The provider retries failures before the first byte itself; this reply broke mid-way, which
      // it cannot retry. The partial reply is dropped and the same request goes again (counted and
      // checked against the budget anew).
      deps.emit({ type: 'notice', level: 'warn', message: `model call ${state.call} failed (${outcome.errorKind}); calling again` });
      continue;
    }
    if (outcome.kind === 'error') {
      status = outcome.errorKind === 'aborted' ? 'aborted' : 'error';
      summary = outcome.errorKind === 'aborted' ? 'cancelled' : `model call failed (${outcome.errorKind}): ${outcome.message}`;
      break;
    }

    failedCalls = 0;
    const { visible } = splitThinking(outcome.text);
    let calls: ToolCall[] = outcome.toolCalls;
    let asUserText = false;
    if (calls.length === 0) {
      calls = parseTextToolCalls(visible, new Set(deps.tools.schemas().map((t) => t.name)), `t${state.call}_`);
      asUserText = calls.length > 0;
    }
    const perTurn = Math.min(opts.maxCallsPerTurn ?? 16, budget.toolCallsLeft());
    const dropped = Math.max(0, calls.length - perTurn);
    if (dropped > 0) calls = calls.slice(0, Math.max(0, perTurn));
    conv.addAssistant(visible, asUserText ? [] : calls.map(keptCall));
    if (calls.length === 0) {
      if (dropped > 0) { status = 'budget_exhausted'; summary = `tool-call budget reached (${opts.budget.toolCalls})`; break; }
      summary = visible || (outcome.finishReason === 'length' ? 'the reply hit its token cap' : 'done');
      break;
    }

    const turn = await runToolTurn(calls, asUserText, conv, guard, deps, state, (r) => write(r), opts.signal);
    if (turn.recallable) recallOffered = true;
    budget.toolCalls = state.toolCalls;
    if (dropped > 0) conv.appendToLast(`[${dropped} more tool calls in that reply were not run: at most ${perTurn} per reply]`);
    let hookFailed = false;
    if (turn.changed.length > 0 && deps.hooks && !opts.signal.aborted) {
      const hook = await deps.hooks.run([...state.changedFiles], opts.signal);
      if (hook) {
        hookFailed = !hook.ok;
        conv.appendToLast(hook.output, lastEditTool(calls));
        deps.emit({ type: 'hook_result', command: hook.command, ok: hook.ok, tokens: tok.count(hook.output) });
      }
    }
    if (turn.looped) { status = 'loop'; summary = 'stopped: the same failing tool call three times in a row'; break; }
    if (opts.signal.aborted) { status = 'aborted'; summary = 'cancelled'; break; }
    // The model ended on a passing check (bash done:true): no closing call to say so. Checks that
    // failed after this turn's edits keep it going, since the model has not seen them.
    if (turn.ended && !hookFailed) { summary = `done: ${turn.ended}`; break; }
    const level = budget.crossedLevel(total);
    if (level) {
      deps.emit({ type: 'budget_warning', used: budget.tokens, limit: opts.budget.tokens, level });
      pendingNote = budget.noteFor(level);
    }
    if (pendingNote) { conv.appendToLast(pendingNote); pendingNote = null; }
  }

  return {
    status, summary, calls: state.call, toolCalls: state.toolCalls,
    inputTokens: acc.input, outputTokens: acc.output, cachedInputTokens: acc.cached, reasoningTokens: acc.reasoning,
    countedTokens: acc.counted, costUsd: budget.usd, durationMs: now() - started,
    firstRequestTokens: acc.first, peakRequestTokens: acc.peak, changedFiles: [...state.changedFiles],
    staleEdits: state.staleEdits, malformedCalls: state.malformedCalls, shrinkSavedTokens: acc.saved,
  };
}

/** Tokens of a reply part; oversized (broken or hostile) output is estimated, since exact BPE on megabytes takes minutes. */
function countOutput(tok: Tokenizer, text: string): number {
  return text.length > MAX_ARGUMENT_CHARS ? Math.ceil(text.length / 4) : tok.count(text);
}

function lastEditTool(calls: ToolCall[]): string | undefined {
  return [...calls].reverse().find((c) => c.name === 'edit' || c.name === 'write')?.name;
}

