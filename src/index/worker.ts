import { parentPort } from 'node:worker_threads';
import { parseText } from './entry.js';
import type { WorkerJob, WorkerReply } from './worker-pool.js';

/**
 * Worker-thread entry: parses the texts it is sent and replies with their definitions and
 * references, one reply per job. Loaded only from compiled JS (see worker-pool.ts).
 */
const port = parentPort;
if (port) {
  port.on('message', (job: WorkerJob) => {
    parseText(job.lang, job.text).then(
      (extracted) => port.postMessage({ id: job.id, extracted } satisfies WorkerReply),
      (e: unknown) => port.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
    );
  });
}
