/** Small text helpers shared by the views: numbers, widths, blessed tags, colour (or none). */

export function compactTokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return String(Math.round(n));
}

export function durationText(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

export function usdText(usd: number): string {
  return usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** Text shown as-is inside a tagged blessed element. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
}

export type Hue = 'red' | 'green' | 'yellow' | 'cyan' | 'magenta' | 'gray';

/**
 * Styling as blessed tags. With `color: false` (NO_COLOR) hues are dropped; bold and inverse
 * stay, since they are not colour. Inputs must already be escaped.
 */
export interface Theme {
  color: boolean;
  hue(text: string, hue: Hue): string;
  dim(text: string): string;
  bold(text: string): string;
  inverse(text: string): string;
}

export function createTheme(color: boolean): Theme {
  const wrap = (tag: string, text: string) => (text === '' ? '' : `{${tag}}${text}{/${tag}}`);
  return {
    color,
    hue: (text, hue) => (color ? wrap(hue === 'gray' ? 'gray-fg' : `${hue}-fg`, text) : text),
    dim: (text) => (color ? wrap('gray-fg', text) : text),
    bold: (text) => wrap('bold', text),
    inverse: (text) => wrap('inverse', text),
  };
}

/** Terminal cells of one code point: 0 for combining marks, 2 for wide (CJK, emoji), else 1. */
export function cellWidth(cp: number): number {
  if (cp === 0 || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  return 1;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += cellWidth(ch.codePointAt(0)!);
  return w;
}

/** Cuts plain text to at most `width` cells, ending in … when cut; never splits a wide character. */
export function fitWidth(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let w = 0;
  let out = '';
  for (const ch of text) {
    const c = cellWidth(ch.codePointAt(0)!);
    if (w + c > width - 1) break;
    out += ch;
    w += c;
  }
  return out + '…';
}

/** A small bar for a share 0..100 ("███░░░░░"), ASCII when unicode is off. */
export function shareBar(pct: number, cells: number, unicode = true): string {
  const full = Math.max(0, Math.min(cells, Math.round((pct / 100) * cells)));
  return (unicode ? '█' : '#').repeat(full) + (unicode ? '░' : '.').repeat(cells - full);
}
