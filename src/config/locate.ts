import { escapeRegExp } from '../core/index.js';

/**
 * Best-effort line of a key in TOML source, for error messages about values (smol-toml gives
 * positions only for syntax errors). Returns null when the key cannot be placed with confidence.
 */
export function locateKey(source: string, path: readonly string[]): number | null {
  const last = path[path.length - 1];
  if (last === undefined) return null;
  const lines = source.split(/\r?\n/);
  const keyRe = new RegExp(`^\\s*["']?${escapeRegExp(last)}["']?\\s*=`);
  const parents = path.slice(0, -1).filter((p) => !/^\d+$/.test(p));
  let header = '';
  let best: number | null = null;
  let bestScore = -1;
  lines.forEach((line, i) => {
    const h = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (h) {
      header = h[1]!.replace(/["']/g, '');
      return;
    }
    if (!keyRe.test(line)) return;
    const segs = header === '' ? [] : header.split('.').map((s) => s.trim());
    // Score: how many of the parent segments this line's table header matches, in order.
    const score = parents.length === segs.length && parents.every((p, k) => p === segs[k]) ? 1000 : common(parents, segs);
    if (score > bestScore) {
      bestScore = score;
      best = i + 1;
    }
  });
  return best;
}

function common(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

