import { readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PithError, errorMessage, type Provider, type ProviderEvent, type ProviderRequest, type ToolCall } from '../core/index.js';

/** One line of a recording: a request and every event its stream produced, terminal included. */
export interface RecordedCall {
  v: 1;
  kind: string;
  request: ProviderRequest;
  events: ProviderEvent[];
}

/**
 * Wraps a provider so each call is appended to `path` as one JSONL line once its stream
 * ends (also when the consumer stops early: the line then lacks a terminal event).
 * Requests carry no credentials, so a recording is safe to commit as a test fixture.
 */
export function withRecording(inner: Provider, path: string): Provider {
  let chain: Promise<void> = Promise.resolve();
  return {
    kind: inner.kind,
    async *stream(request, signal) {
      const events: ProviderEvent[] = [];
      try {
        for await (const ev of inner.stream(request, signal)) {
          events.push(ev);
          yield ev;
        }
      } finally {
        const line: RecordedCall = { v: 1, kind: inner.kind, request, events };
        // Serialised so concurrent streams never interleave partial lines.
        chain = chain.then(() => append(path, `${JSON.stringify(line)}\n`));
        await chain;
      }
    },
  };
}

async function append(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, text, 'utf8');
  } catch {
    // Recording is a debugging aid: a failed write must not break the call it records.
  }
}

export interface ReplayOptions {
  /** Check that each request equals the recorded one (model, messages, tools); a mismatch ends that call with a `protocol` error. */
  strict?: boolean;
}

/**
 * A provider that replays a recording, one recorded call per `stream()` call, in order.
 * Reads the file at creation (throws PithError('io') if it is unreadable). Running out of
 * recorded calls, or a recorded call that never ended, yields a `protocol` error.
 */
export function createReplayProvider(path: string, opts: ReplayOptions = {}): Provider {
  const calls = readRecording(path);
  let next = 0;
  return {
    kind: calls[0]?.kind ?? 'replay',
    async *stream(request, signal) {
      const partial = { text: '', toolCalls: [] as ToolCall[] };
      const fail = (kind: 'protocol' | 'aborted', message: string): ProviderEvent => ({
        type: 'error',
        kind,
        message,
        partial: { text: partial.text, toolCalls: [...partial.toolCalls] },
      });
      const call = calls[next++];
      if (!call) {
        yield fail('protocol', `replay: no recorded call left (${calls.length} recorded in ${path})`);
        return;
      }
      if (opts.strict && !sameRequest(call.request, request)) {
        yield fail('protocol', `replay: request ${next} differs from the recording`);
        return;
      }
      for (const ev of call.events) {
        if (signal.aborted) {
          yield fail('aborted', 'aborted by the caller');
          return;
        }
        if (ev.type === 'text_delta') partial.text += ev.text;
        if (ev.type === 'tool_call') partial.toolCalls.push(ev.call);
        yield ev;
        if (ev.type === 'done' || ev.type === 'error') return;
      }
      yield fail('protocol', `replay: recorded call ${next} ended without done or error`);
    },
  };
}

function readRecording(path: string): RecordedCall[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PithError('io', `cannot read recording ${path}: ${errorMessage(e)}`);
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as RecordedCall;
      } catch {
        throw new PithError('io', `recording ${path} line ${i + 1} is not JSON`);
      }
    });
}

function sameRequest(a: ProviderRequest, b: ProviderRequest): boolean {
  const pick = (r: ProviderRequest) => JSON.stringify([r.model, r.messages, r.tools ?? []]);
  return pick(a) === pick(b);
}
