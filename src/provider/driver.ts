import type { FinishReason, ProviderEvent, ToolCall, Usage } from '../core/index.js';
import { backoffDelay } from './retry.js';
import { AttemptFailure, type Attempt, type AttemptContext, type ResolvedDeps } from './types.js';

export interface DriveOptions {
  /** Builds one attempt; called again for each retry. */
  attempt: Attempt;
  /** Turns a foreign error (SDK, fetch) into an AttemptFailure. */
  classify: (e: unknown) => AttemptFailure;
  maxRetries: number;
  stallTimeoutMs: number;
  deps: ResolvedDeps;
}

/**
 * Runs attempts until one completes, applying the shared contract of every adapter:
 * - exactly one terminal `done` or `error`, never a throw;
 * - retry (with a `retry` event) only for retryable failures, only while nothing of the
 *   current attempt reached the caller, at most `maxRetries` times;
 * - a stall (no bytes for stallTimeoutMs) or the caller's abort ends the attempt at once,
 *   without waiting for the underlying read to notice;
 * - once a finish reason arrived the reply is complete: a later failure (a connection
 *   dropped before `[DONE]`, a missing usage chunk) still ends with `done`.
 */
export async function* driveStream(opts: DriveOptions, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
  const partial = { text: '', toolCalls: [] as ToolCall[] };
  let usage: Usage | null = null;
  for (let retry = 0; ; retry++) {
    if (signal.aborted) {
      yield errorEvent(abortedFailure(), partial);
      return;
    }
    const run = new AttemptRun(signal, opts.stallTimeoutMs);
    let yielded = false;
    let finish: FinishReason | null = null;
    let failure: AttemptFailure | null = null;
    const it = opts.attempt(run.ctx)[Symbol.asyncIterator]();
    try {
      for (;;) {
        const r = await run.race(it.next());
        if (r.done || run.stopReason()) break;
        const ev = r.value;
        if (ev.type === 'finish') {
          finish = ev.finishReason;
          continue;
        }
        if (ev.type === 'text_delta') partial.text += ev.text;
        else if (ev.type === 'tool_call') partial.toolCalls.push(ev.call);
        else if (ev.type === 'usage') usage = ev.usage;
        yielded = true;
        run.pause(); // time the caller spends on an event is not a stall
        yield ev;
        run.resume();
      }
      // Some readers (the openai SDK) end quietly when their signal aborts: check why it ended.
      failure = run.stopReason();
    } catch (e) {
      failure = run.stopReason() ?? (e instanceof AttemptFailure ? e : opts.classify(e));
    } finally {
      run.dispose();
      it.return?.()?.catch(() => {});
    }

    if (finish && failure?.kind !== 'aborted') {
      yield { type: 'done', finishReason: finish, text: partial.text, toolCalls: partial.toolCalls, usage };
      return;
    }
    failure ??= new AttemptFailure('broken_stream', 'the stream ended without a finish_reason');

    // Nothing of this attempt reached the caller: a stall or a broken stream is as safe to retry
    // as a 5xx (a server that hangs before its first byte is the common case).
    const retryable = failure.retryable || failure.kind === 'stall' || failure.kind === 'broken_stream';
    if (retryable && !yielded && retry < opts.maxRetries) {
      const delayMs = retryDelay(failure, retry + 1, opts.deps);
      if (delayMs !== null) {
        yield { type: 'retry', attempt: retry + 1, delayMs, reason: failure.message };
        try {
          await opts.deps.sleep(delayMs, signal);
        } catch {
          yield errorEvent(abortedFailure(), partial);
          return;
        }
        continue;
      }
      failure = new AttemptFailure(failure.kind, `${failure.message} (server asked to wait ${Math.ceil((failure.retryAfterMs ?? 0) / 1000)} s)`, {
        status: failure.status,
      });
    }
    yield errorEvent(failure, partial);
    return;
  }
}

/** Retry-After when given (null if it exceeds the policy's ceiling), else backoff with jitter. */
function retryDelay(failure: AttemptFailure, retry: number, deps: ResolvedDeps): number | null {
  if (failure.retryAfterMs !== null) return failure.retryAfterMs > deps.backoff.maxRetryAfterMs ? null : failure.retryAfterMs;
  return backoffDelay(retry, deps.backoff, deps.random);
}

function errorEvent(f: AttemptFailure, partial: { text: string; toolCalls: ToolCall[] }): ProviderEvent {
  const ev: ProviderEvent = { type: 'error', kind: f.kind, message: f.message, partial: { text: partial.text, toolCalls: [...partial.toolCalls] } };
  if (f.status !== undefined) ev.status = f.status;
  return ev;
}

function abortedFailure(): AttemptFailure {
  return new AttemptFailure('aborted', 'aborted by the caller');
}

/** One attempt's abort controller, stall timer and the link to the caller's signal. */
class AttemptRun {
  readonly ctx: AttemptContext;
  private readonly controller = new AbortController();
  private readonly stopped: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stalled = false;
  private paused = false;
  private readonly onCallerAbort = (): void => this.controller.abort(new Error('aborted by the caller'));

  constructor(
    private readonly caller: AbortSignal,
    private readonly stallMs: number,
  ) {
    this.ctx = { signal: this.controller.signal, touch: () => this.arm() };
    this.stopped = new Promise<never>((_, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(new Error('attempt stopped')), { once: true });
    });
    this.stopped.catch(() => {}); // only ever observed through race()
    if (caller.aborted) this.onCallerAbort();
    else caller.addEventListener('abort', this.onCallerAbort, { once: true });
    this.arm();
  }

  /** Settles with `p`, or rejects as soon as the attempt is stopped (stall or abort). */
  race<T>(p: Promise<T>): Promise<T> {
    p.catch(() => {}); // a read left behind by a stop may reject later
    return Promise.race([p, this.stopped]);
  }

  pause(): void {
    this.paused = true;
    clearTimeout(this.timer);
  }

  resume(): void {
    this.paused = false;
    this.arm();
  }

  /** Why the attempt was stopped from outside, or null if it was not. */
  stopReason(): AttemptFailure | null {
    if (this.caller.aborted) return abortedFailure();
    if (this.stalled) return new AttemptFailure('stall', `no bytes from the server for ${this.stallMs} ms`);
    return null;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) this.controller.abort(new Error('attempt finished'));
  }

  private arm(): void {
    if (this.paused || this.controller.signal.aborted) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.stalled = true;
      this.controller.abort(new Error('stalled'));
    }, this.stallMs);
  }
}
