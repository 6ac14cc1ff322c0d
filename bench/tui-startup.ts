/**
 * Time from starting `pith` (the TUI) to an input box ready for typing, in a real terminal
 * (tmux, 120x40), median of N runs (default 10). Two marks per run:
 * - drawn: the input box's border is on screen;
 * - echo: a key sent the moment the box appears shows up in it (the event loop is free);
 * - typing: keys sent every 60 ms for the next 1.5 s (someone typing their first task at once),
 *   the slowest of them to show up (work pith does in the background must not stall them).
 * No model call is made: the profile points at a loopback port nobody listens on.
 * Run: npm run build && node dist/bench/tui-startup.js [N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
const SOCKET = `pith-bench-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const alive = (name: string) => spawnSync('tmux', ['-L', SOCKET, 'has-session', '-t', name]).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(name: string, test: (screen: string) => boolean, timeoutMs = 15_000): Promise<number> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const s = tmux('capture-pane', '-p', '-t', name);
    if (test(s)) return performance.now();
    if (performance.now() > end) throw new Error(`timed out; screen:\n${s}`);
    await sleep(2);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function main(): Promise<void> {
  if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is not installed');
  const runs = Number(process.argv[2] ?? 10);
  const base = mkdtempSync(join(tmpdir(), 'pith-tui-bench-'));
  const root = join(base, 'project');
  const home = join(base, 'home');
  mkdirSync(join(root, '.git'), { recursive: true });
  writeFileSync(join(root, 'a.ts'), 'export const a = 1;\n');
  mkdirSync(join(home, '.config', 'pith'), { recursive: true });
  writeFileSync(join(home, '.config', 'pith', 'config.toml'), '[profiles.local]\nendpoint = "http://127.0.0.1:9/v1"\nmodel = "bench"\n', { mode: 0o600 });
  const cmd = `env HOME='${home}' TERM=xterm-256color NCURSES_NO_UTF8_ACS=1 node ${MAIN}`;
  tmux('new-session', '-d', '-s', 'keep', '-x', '120', '-y', '40', 'sleep 600'); // the tmux server's own start is not pith's
  const drawn: number[] = [];
  const echo: number[] = [];
  const typing: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const name = `r${i}`;
      const t0 = performance.now();
      tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '40', '-c', root, cmd);
      const t1 = await until(name, (s) => s.includes('message · Enter send'));
      tmux('send-keys', '-t', name, '-l', 'x');
      const t2 = await until(name, (s) => /│x/.test(s));
      let slowest = 0;
      for (let k = 1; k <= 25; k++) {
        const sent = performance.now();
        tmux('send-keys', '-t', name, '-l', 'y');
        const seen = await until(name, (s) => (s.match(/│xy*/)?.[0].length ?? 0) - 2 >= k);
        slowest = Math.max(slowest, seen - sent);
        await sleep(Math.max(0, 60 - (performance.now() - sent)));
      }
      drawn.push(t1 - t0);
      echo.push(t2 - t0);
      typing.push(slowest);
      tmux('kill-session', '-t', name);
      while (alive(name)) await sleep(5);
    }
  } finally {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  }
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
  console.log(`pith TUI startup, ${runs} runs in tmux 120x40, node ${process.version}`);
  console.log(`  input box drawn:        ${fmt(drawn)}`);
  console.log(`  first key echoed in it: ${fmt(echo)}`);
  console.log(`  slowest key while typing in the first 1.5 s: ${fmt(typing)}`);
  console.log(JSON.stringify({ bench: 'tui-startup', runs, drawn_ms: drawn.map(Math.round), echo_ms: echo.map(Math.round), median_drawn_ms: Math.round(median(drawn)), median_echo_ms: Math.round(median(echo)), typing_slowest_ms: typing.map(Math.round), median_typing_slowest_ms: Math.round(median(typing)) }));
}

void main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
