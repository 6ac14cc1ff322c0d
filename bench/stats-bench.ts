/**
 * Times `pith stats` on a generated ~100 MB telemetry file.
 *   npm run build && node dist/bench/stats-bench.js [--mb 100] [--keep]
 * Generates the file in a temp dir, then measures each query in a fresh child process so the
 * peak RSS reported is the query's own. Prints one line per query: wall time and peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { main } from '../src/cli/main.js';

const MODELS = ['gpt-4o-mini', 'qwen2.5-coder:14b', 'claude-sonnet'];
const TOOLS = ['read', 'grep', 'edit', 'run', 'recall', 'outline'];

/** Deterministic pseudo-random numbers (mulberry32), so every run of the bench reads the same file. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(path: string, targetBytes: number): Promise<{ records: number; runs: number }> {
  const out = createWriteStream(path);
  const rand = rng(42);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  let bytes = 0;
  let records = 0;
  let runs = 0;
  let time = Date.parse('2026-01-01T00:00:00Z');
  let chunk = '';
  const emit = async (r: object) => {
    const line = JSON.stringify(r) + '\n';
    chunk += line;
    bytes += line.length;
    records++;
    if (chunk.length < 1 << 20) return;
    const full = chunk;
    chunk = '';
    if (!out.write(full)) await new Promise<void>((ok) => out.once('drain', () => ok()));
  };
  while (bytes < targetBytes) {
    runs++;
    const run = `run-${runs.toString(36).padStart(6, '0')}`;
    const model = MODELS[int(0, MODELS.length - 1)];
    const base = () => ({ v: 1, ts: new Date((time += int(200, 4000))).toISOString(), session: `s-${Math.floor(runs / 5)}`, run, profile: runs % 3 ? 'default' : 'local', model });
    const steps = int(1, 6);
    let runIn = 0;
    let runOut = 0;
    let call = 0;
    for (let s = 1; s <= steps; s++) {
      const step = `s${s}`;
      let stepIn = 0;
      let stepOut = 0;
      const calls = int(2, 8);
      for (let c = 0; c < calls; c++) {
        call++;
        const b = { system: int(300, 600), tools: int(400, 900), task: int(50, 300), excerpts: int(0, 4000), history: int(0, 8000) };
        const counted = b.system + b.tools + b.task + b.excerpts + b.history;
        const output = int(20, 800);
        await emit({ ...base(), kind: 'call', call, step, input_tokens: counted + 7, output_tokens: output, cached_input_tokens: int(0, counted), reasoning_tokens: 0, counted_tokens: counted, breakdown: b, cost_usd: counted * 1.5e-7 + output * 6e-7, duration_ms: int(300, 9000), status: 'ok', finish_reason: 'tool_calls', error_kind: null, retries: 0 });
        stepIn += counted + 7;
        stepOut += output;
        for (let t = int(0, 3); t > 0; t--) {
          await emit({ ...base(), kind: 'tool', step, call, tool: TOOLS[int(0, TOOLS.length - 1)], tokens: int(10, 3000), truncated: rand() < 0.1, cached: rand() < 0.2, error_type: null, duration_ms: int(1, 500), status: 'ok' });
        }
      }
      const est = int(2000, 30000);
      await emit({ ...base(), kind: 'step', step, plan: `plan-${runs}`, title: `step ${s}`, status: 'passed', input_tokens: stepIn, output_tokens: stepOut, cached_input_tokens: 0, reasoning_tokens: 0, calls, tool_calls: 0, counted_tokens: stepIn, cost_usd: 0, duration_ms: 0, estimate_low: est, estimate_high: est * 2 });
      runIn += stepIn;
      runOut += stepOut;
    }
    await emit({ ...base(), kind: 'run', mode: 'plan', task: 'generated task for the stats bench', status: rand() < 0.9 ? 'ok' : 'budget_exhausted', steps, calls: call, tool_calls: 0, input_tokens: runIn, output_tokens: runOut, cached_input_tokens: 0, reasoning_tokens: 0, counted_tokens: runIn, cost_usd: 0, duration_ms: 0, first_request_tokens: 0, peak_request_tokens: 0, stale_edits: 0, malformed_calls: 0, estimate_low: null, estimate_high: null });
  }
  out.end(chunk);
  await new Promise<void>((ok) => out.once('finish', () => ok()));
  return { records, runs };
}

/** Child mode: run one `pith stats` query in-process, output discarded, then report time and RSS. */
async function measure(path: string, args: string[]): Promise<void> {
  const sink = new PassThrough();
  sink.resume();
  const start = performance.now();
  const code = await main(['stats', '--file', path, ...args], {
    stdout: sink, stderr: process.stderr, stdin: process.stdin, env: {}, cwd: process.cwd(), isTTY: false, signal: new AbortController().signal,
  });
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ code, ms, rssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

async function bench(): Promise<void> {
  const mbArg = process.argv.indexOf('--mb');
  const mb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 100;
  const dir = mkdtempSync(join(tmpdir(), 'pith-stats-bench-'));
  const path = join(dir, 'telemetry.jsonl');
  const g0 = performance.now();
  const { records, runs } = await generate(path, mb * 1e6);
  const size = statSync(path).size;
  console.log(`generated ${(size / 1e6).toFixed(1)} MB, ${records} records, ${runs} runs in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
  const queries: string[][] = [[], ['--json'], ['--by', 'tool'], ['--since', '2026-03-01'], ['--last', '20'], ['--run', 'last'], ['--csv', '--kind', 'run']];
  for (const q of queries) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', path, ...q], { encoding: 'utf8' });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    try {
      const r = JSON.parse(line) as { code: number; ms: number; rssMb: number };
      console.log(`pith stats ${(q.join(' ') || '(summary)').padEnd(26)} ${(r.ms / 1000).toFixed(2).padStart(6)} s   peak RSS ${r.rssMb.toFixed(0).padStart(4)} MB   exit ${r.code}`);
    } catch {
      console.log(`pith stats ${q.join(' ')}: failed\n${child.stderr}`);
    }
  }
  if (process.argv.includes('--keep')) console.log(`kept ${path}`);
  else rmSync(dir, { recursive: true, force: true });
}

const at = process.argv.indexOf('--measure');
if (at > 0) await measure(process.argv[at + 1], process.argv.slice(at + 2));
else await bench();
