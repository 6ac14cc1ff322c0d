/**
 * Foundation numbers: `pith --version` wall time (median of 10), time until the tokenizer is
 * ready, and countRequest throughput on a 1 MB request, cold and cached.
 * Run: npm run build && node dist/bench/foundation-bench.js [--json]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Message } from '../src/core/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const mainJs = join(here, '..', 'src', 'cli', 'main.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const versionMs: number[] = [];
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [mainJs, '--version'], { encoding: 'utf8' });
  versionMs.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`pith --version failed: ${r.stderr}`);
}
const nodeBare: number[] = [];
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  nodeBare.push(performance.now() - t);
}

const t0 = performance.now();
const { getTokenizer, countRequest } = await import('../src/tokens/index.js');
const tok = await getTokenizer();
const tokenizerReadyMs = performance.now() - t0;

// A 1 MB request: a conversation of realistic code-ish tool outputs, all distinct.
const messages: Message[] = [{ role: 'system', content: 'You are pith.' }];
let bytes = 0;
for (let i = 0; bytes < 1_000_000; i++) {
  const body = Array.from({ length: 40 }, (_, j) => `${j + 1}:a${(i * 40 + j) % 36}|  const value${i}_${j} = compute(item${j}, { limit: ${i * j} });`).join('\n');
  messages.push({ role: 'tool', toolCallId: `c${i}`, name: 'read', content: body });
  bytes += body.length;
}
let t = performance.now();
const cold = countRequest(tok, messages);
const coldMs = performance.now() - t;
t = performance.now();
const warm = countRequest(tok, messages);
const warmMs = performance.now() - t;
if (cold.total !== warm.total) throw new Error('cached count differs');

const result = {
  version_median_ms: Math.round(median(versionMs)),
  node_bare_median_ms: Math.round(median(nodeBare)),
  tokenizer_ready_ms: Math.round(tokenizerReadyMs),
  count_request_bytes: bytes,
  count_request_tokens: cold.total,
  count_cold_ms: Math.round(coldMs),
  count_cold_tokens_per_s: Math.round(cold.total / (coldMs / 1000)),
  count_cached_ms: Math.round(warmMs * 10) / 10,
  count_cached_tokens_per_s: Math.round(cold.total / (warmMs / 1000)),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(28)} ${v}`);
