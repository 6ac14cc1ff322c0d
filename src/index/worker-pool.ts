import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LanguageId } from './languages.js';

/**
 * Parses file contents on worker threads. Jobs queue here and go out in batches (one message per
 * BATCH jobs, one reply per batch), each worker holding at most two batches: one at work, one
 * waiting, so it never idles on a round trip and per-message costs stay small. A worker that has
 * nothing takes whatever is queued, so a short tail is never held back. Contents go as bytes
 * (the worker decodes them); results come back as packed JSON (see pack.ts), cheaper to send than
 * object graphs, and what the cache stores as it is.
 *
 * Workers exist only when this module runs as compiled JS with worker.js beside it (from the TS
 * sources under vitest Node has nothing it can load as a worker): `workerScript()` says which. A
 * worker that fails rejects its jobs and leaves the pool; the caller parses those in-process.
 */
export interface WorkerBatch {
  batch: number;
  /** File contents as read (UTF-8), each in a buffer of its own that is transferred, not copied. */
  jobs: Array<{ lang: LanguageId; bytes: Uint8Array }>;
}

/** Per job, in order: its packed JSON or why it failed. */
export interface WorkerReply {
  batch: number;
  results: Array<{ packed: string } | { error: string }>;
}

/** What a worker is started with: grammars to load before the first job arrives. */
export interface WorkerInit {
  preload: LanguageId[];
}

export interface ParsePool {
  /** Definitions and references of the file content `bytes` as packed JSON (`packExtracted`). */
  parse(lang: LanguageId, bytes: Uint8Array): Promise<string>;
  close(): Promise<void>;
}

export const BATCH = 8;
const SLOT_CAP = 2 * BATCH;

export function workerScript(): URL | null {
  if (!import.meta.url.endsWith('.js')) return null;
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

interface Reply {
  resolve: (packed: string) => void;
  reject: (e: Error) => void;
}

interface Job extends Reply {
  lang: LanguageId;
  bytes: Uint8Array;
}

interface Slot {
  worker: Worker;
  /** What each batch in flight answers to; the contents are the worker's by then. */
  batches: Map<number, Reply[]>;
  jobs: number;
  alive: boolean;
}

export function createParsePool(script: URL, count: number, preload: LanguageId[] = []): ParsePool {
  let nextBatch = 0;
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let pumping = false;

  const rejectAll = (jobs: Reply[], why: string) => {
    for (const j of jobs) j.reject(new Error(why));
  };
  const send = (slot: Slot, jobs: Job[]) => {
    const batch = nextBatch++;
    slot.batches.set(batch, jobs.map(({ resolve, reject }) => ({ resolve, reject })));
    slot.jobs += jobs.length;
    // A copy of each content in a buffer of its own (the caller keeps its bytes for a fallback,
    // and a small Buffer may be a view of a shared pool), moved to the worker without cloning.
    const sent = jobs.map((j) => ({ lang: j.lang, bytes: new Uint8Array(j.bytes) }));
    slot.worker.postMessage({ batch, jobs: sent } satisfies WorkerBatch, sent.map((j) => j.bytes.buffer));
  };
  const pump = () => {
    for (const s of slots) {
      while (s.alive && queue.length > 0 && s.jobs < SLOT_CAP && (queue.length >= BATCH || s.jobs === 0)) send(s, queue.splice(0, BATCH));
    }
    if (!slots.some((s) => s.alive)) rejectAll(queue.splice(0), 'no index workers left');
  };
  // After the current turn, so that jobs queued in one turn leave together.
  const schedule = () => {
    if (pumping) return;
    pumping = true;
    setImmediate(() => {
      pumping = false;
      pump();
    });
  };

  const init: WorkerInit = { preload };
  for (let i = 0; i < count; i++) {
    const slot: Slot = { worker: new Worker(script, { workerData: init }), batches: new Map(), jobs: 0, alive: true };
    const fail = (why: string) => {
      if (!slot.alive) return;
      slot.alive = false;
      for (const jobs of slot.batches.values()) rejectAll(jobs, why);
      slot.batches.clear();
      schedule();
    };
    slot.worker.on('message', (r: WorkerReply) => {
      const jobs = slot.batches.get(r.batch);
      if (!jobs) return;
      slot.batches.delete(r.batch);
      slot.jobs -= jobs.length;
      // Refill from what is queued now, before the freed callers queue more.
      pump();
      jobs.forEach((j, i) => {
        const res = r.results[i];
        if (res && 'packed' in res) j.resolve(res.packed);
        else j.reject(new Error(res?.error ?? 'index worker sent no result'));
      });
    });
    slot.worker.on('error', (e) => fail(e.message));
    slot.worker.on('exit', () => fail('index worker exited'));
    slots.push(slot);
  }

  return {
    parse(lang, bytes) {
      return new Promise((resolve, reject) => {
        queue.push({ lang, bytes, resolve, reject });
        // A full batch leaves now (while the caller reads on); a partial one after this turn.
        if (queue.length >= BATCH) pump();
        else schedule();
      });
    },
    // Jobs still queued or in flight are dropped unsettled: a caller closes the pool when it is
    // done or has given up (aborted), and a rejection would send it to parse them in-process.
    async close() {
      queue.length = 0;
      await Promise.all(slots.map((s) => {
        s.alive = false;
        return s.worker.terminate();
      }));
    },
  };
}
