/**
 * Small text charts. Pure string functions; the caller decides the style:
 * `unicode` picks block glyphs (else ASCII only), `color` allows ANSI colour (else none at all).
 * Without a TTY, or with NO_COLOR, callers pass color: false and the output is plain text.
 */

export interface ChartStyle {
  unicode: boolean;
  color: boolean;
}

export const PLAIN: ChartStyle = { unicode: false, color: false };

const SPARK_UNICODE = '▁▂▃▄▅▆▇█';
const SPARK_ASCII = '_.-~=+*#';
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** Averages `values` into at most `width` buckets, keeping their order. */
export function resample(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const from = Math.floor((i * values.length) / width);
    const to = Math.floor(((i + 1) * values.length) / width);
    let sum = 0;
    for (let j = from; j < to; j++) sum += values[j];
    out.push(sum / (to - from));
  }
  return out;
}

/** One glyph per value (after resampling to `width`), scaled from 0 to the largest value. */
export function sparkline(values: readonly number[], width: number, style: ChartStyle): string {
  const glyphs = style.unicode ? SPARK_UNICODE : SPARK_ASCII;
  const points = resample(values, width);
  const max = points.reduce((a, b) => (b > a ? b : a), 0);
  const line = points.map((v) => glyphs[max > 0 ? Math.min(glyphs.length - 1, Math.round((v / max) * (glyphs.length - 1))) : 0]).join('');
  return paint(line, 'cyan', style);
}

/** A horizontal bar `value / max` of `width` cells; never empty for a value above zero. */
export function bar(value: number, max: number, width: number, style: ChartStyle): string {
  if (!(max > 0) || !(value > 0)) return '';
  const cells = Math.min(width, (value / max) * width);
  let text: string;
  if (style.unicode) {
    const full = Math.floor(cells);
    const eighth = Math.round((cells - full) * 8);
    text = '█'.repeat(full) + (eighth === 8 ? '█' : EIGHTHS[eighth]);
    if (text === '') text = '▏';
  } else {
    text = '#'.repeat(Math.max(1, Math.round(cells)));
  }
  return paint(text, 'cyan', style);
}

const CODES = { cyan: 36, bold: 1, dim: 2, red: 31, yellow: 33, green: 32 } as const;
export type Paint = keyof typeof CODES;

/** Wraps text in an ANSI code when colour is allowed; returns it unchanged otherwise. */
export function paint(text: string, how: Paint, style: ChartStyle): string {
  return style.color && text !== '' ? `\x1b[${CODES[how]}m${text}\x1b[0m` : text;
}
