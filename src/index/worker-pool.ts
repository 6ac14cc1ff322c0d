import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LanguageId } from './languages.js';
import type { Extracted } from './extract.js';

/**
 * Parses texts on worker threads, each job to the least busy worker. Workers exist only when this
 * module runs as compiled JS with worker.js beside it (from the TS sources under vitest Node has
 * nothing it can load as a worker): `workerScript()` says which. A worker that fails rejects its
 * jobs and leaves the pool; the caller parses those in-process.
 */
export interface WorkerJob {
  id: number;
  lang: LanguageId;
  text: string;
}

export type WorkerReply = { id: number; extracted: Extracted } | { id: number; error: string };

export interface ParsePool {
  parse(lang: LanguageId, text: string): Promise<Extracted>;
  close(): Promise<void>;
}

export function workerScript(): URL | null {
  if (!import.meta.url.endsWith('.js')) return null;
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (e: Extracted) => void; reject: (e: Error) => void }>;
  alive: boolean;
}

export function createParsePool(script: URL, count: number): ParsePool {
  let nextId = 0;
  const slots: Slot[] = [];
  for (let i = 0; i < count; i++) {
    const slot: Slot = { worker: new Worker(script), pending: new Map(), alive: true };
    const fail = (why: string) => {
      if (!slot.alive) return;
      slot.alive = false;
      for (const p of slot.pending.values()) p.reject(new Error(why));
      slot.pending.clear();
    };
    slot.worker.on('message', (r: WorkerReply) => {
      const p = slot.pending.get(r.id);
      if (!p) return;
      slot.pending.delete(r.id);
      if ('extracted' in r) p.resolve(r.extracted);
      else p.reject(new Error(r.error));
    });
    slot.worker.on('error', (e) => fail(e.message));
    slot.worker.on('exit', () => fail('index worker exited'));
    slots.push(slot);
  }
  return {
    parse(lang, text) {
      let best: Slot | null = null;
      for (const s of slots) if (s.alive && (!best || s.pending.size < best.pending.size)) best = s;
      if (!best) return Promise.reject(new Error('no index workers left'));
      const id = nextId++;
      const slot = best;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, lang, text } satisfies WorkerJob);
      });
    },
    async close() {
      await Promise.all(slots.map((s) => {
        s.alive = false;
        return s.worker.terminate();
      }));
    },
  };
}
