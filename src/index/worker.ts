import { parentPort, workerData } from 'node:worker_threads';
import { grammarFor } from './grammar.js';
import { extract } from './extract.js';
import { packExtracted } from './pack.js';
import { decode } from './entry.js';
import type { WorkerBatch, WorkerInit, WorkerReply } from './worker-pool.js';

/**
 * Worker-thread entry: parses each batch it is sent and replies once per batch with every job's
 * definitions and references as packed JSON, in job order. Starts loading the grammars it was
 * told about at once, so that overlaps the first batch's trip. Loaded only from compiled JS (see
 * worker-pool.ts).
 */
const port = parentPort;
if (port) {
  for (const lang of (workerData as WorkerInit | undefined)?.preload ?? []) grammarFor(lang).catch(() => {});
  const run = async (b: WorkerBatch) => {
    const results: WorkerReply['results'] = [];
    for (const job of b.jobs) {
      try {
        results.push({ packed: packExtracted(extract(await grammarFor(job.lang), decode(job.bytes))) });
      } catch (e) {
        results.push({ error: e instanceof Error ? e.message : String(e) });
      }
    }
    port.postMessage({ batch: b.batch, results } satisfies WorkerReply);
  };
  // One batch at a time, in arrival order (each job's failure is already its own result).
  let chain = Promise.resolve();
  port.on('message', (b: WorkerBatch) => {
    chain = chain.then(() => run(b)).catch(() => {});
  });
}
