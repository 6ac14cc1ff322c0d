/**
 * Property test: seeded random files and random valid edit scripts give exactly the text of
 * applying the same edits by hand; random invalid anchors never change the file.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anchor, harness, put, tmp } from './helpers.js';

/** mulberry32: a tiny seeded PRNG, so a failure reproduces from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['const', 'x', '=', 'return', '{', '}', 'if', '(a)', 'foo();', '// note', '', '  ', 'let y = 2;'];

function randomFile(rnd: () => number): { text: string; eol: string; finalNewline: boolean } {
  const n = 1 + Math.floor(rnd() * 40);
  const eol = rnd() < 0.3 ? '\r\n' : '\n';
  const lines = Array.from({ length: n }, () => {
    const k = Math.floor(rnd() * 4);
    return Array.from({ length: k }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  });
  const finalNewline = rnd() < 0.8;
  // Without a final newline an empty last line would not exist: give it text.
  if (!finalNewline && lines[lines.length - 1] === '') lines[lines.length - 1] = 'end';
  return { text: lines.join(eol) + (finalNewline ? eol : ''), eol, finalNewline };
}

interface Op {
  start: number;
  del: number;
  lines: string[];
  arg: Record<string, string>;
}

/** Non-overlapping random ops over lines 1..n (replace, delete or insert). */
function randomOps(rnd: () => number, text: string, n: number): Op[] {
  const ops: Op[] = [];
  let cursor = 1;
  while (cursor <= n + 1 && ops.length < 4) {
    const start = cursor + Math.floor(rnd() * 4);
    if (start > n + 1) break;
    const newLines = Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => `new ${start}.${i}`);
    const kind = rnd();
    if (kind < 0.4 || start > n) {
      // insert after start-1 (0 = top)
      const lines = newLines.length ? newLines : ['inserted'];
      ops.push({ start, del: 0, lines, arg: { after: start === 1 ? '0' : anchor(text, start - 1), text: lines.join('\n') } });
      cursor = start + 1;
    } else {
      const del = 1 + Math.floor(rnd() * Math.min(3, n - start + 1));
      const arg: Record<string, string> = { from: anchor(text, start), text: newLines.join('\n') };
      if (del > 1 || rnd() < 0.3) arg.to = anchor(text, start + del - 1);
      ops.push({ start, del, lines: newLines, arg });
      cursor = start + del + 1;
    }
  }
  return ops;
}

/** The same edits by hand: splice bottom-up on plain line arrays. */
function byHand(file: { text: string; eol: string; finalNewline: boolean }, ops: Op[]): string {
  const lines = file.text.split(file.eol);
  if (file.finalNewline) lines.pop();
  for (const op of ops.slice().sort((a, b) => b.start - a.start)) lines.splice(op.start - 1, op.del, ...op.lines);
  if (lines.length === 0) return '';
  return lines.join(file.eol) + (file.finalNewline ? file.eol : '');
}

describe('edit engine properties', () => {
  it('random valid scripts give the hand-applied text (200 seeded cases)', async () => {
    const root = tmp();
    const h = await harness(root);
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = prng(seed);
      const file = randomFile(rnd);
      const n = file.text.split(file.eol).length - (file.finalNewline ? 1 : 0);
      const ops = randomOps(rnd, file.text, n);
      if (ops.length === 0) continue;
      const shuffled = ops.slice().sort(() => rnd() - 0.5);
      const path = `p${seed}.txt`;
      put(root, path, file.text);
      const r = await h.call('edit', { path, edits: shuffled.map((o) => o.arg) });
      expect(r.error, `seed ${seed}: ${r.forModel}`).toBeUndefined();
      expect(readFileSync(join(root, path), 'utf8'), `seed ${seed}`).toBe(byHand(file, ops));
    }
  });

  it('random invalid anchors never change the file (200 seeded cases)', async () => {
    const root = tmp();
    const h = await harness(root);
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = prng(seed * 7919);
      const file = randomFile(rnd);
      const n = file.text.split(file.eol).length - (file.finalNewline ? 1 : 0);
      const path = `q${seed}.txt`;
      put(root, path, file.text);
      const line = 1 + Math.floor(rnd() * (n + 5));
      const real = line <= n ? anchor(file.text, line).split(':')[1] : 'aa';
      let hash = real;
      while (hash === real) hash = String.fromCharCode(97 + Math.floor(rnd() * 26), 97 + Math.floor(rnd() * 26));
      const bad = [`${line}:${hash}`, 'x:1', `${line}:Z9`, '-3', `${n + 10}:ab`][Math.floor(rnd() * 5)]!;
      const op = rnd() < 0.5 ? { from: bad, text: 'x' } : { after: bad, text: 'x' };
      const valid = n > 0 ? [{ from: anchor(file.text, 1), text: 'valid' }] : [];
      const r = await h.call('edit', { path, edits: [...valid, op] });
      expect(r.error, `seed ${seed}`).toBeDefined();
      expect(readFileSync(join(root, path), 'utf8'), `seed ${seed}`).toBe(file.text);
    }
  });
});
