/** Text tables and number formats shared by the stats views. Deterministic (no locale). */

export interface Column<T> {
  title: string;
  /** Numbers right, text left (the default). */
  align?: 'left' | 'right';
  value: (row: T) => string;
}

/**
 * Lays rows out in columns two spaces apart, header first, each line prefixed by `indent`.
 * Cells must not contain ANSI codes (width is counted in characters); trailing spaces are trimmed.
 */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], indent = '  '): string[] {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    (indent + values.map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ')).trimEnd();
  return [line(columns.map((c) => c.title)), ...cells.map(line)];
}

/** 1234567 -> "1,234,567"; fractions rounded to whole numbers. */
export function int(n: number): string {
  const s = Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && Math.round(n) !== 0 ? '-' + s : s;
}

/** Dollars: four decimals under $1 (cheap calls matter here), two from $1. */
export function usd(n: number): string {
  return '$' + (Math.abs(n) < 1 ? n.toFixed(4) : n.toFixed(2));
}

/** 0.1234 -> "12.3%"; null -> "-". */
export function pct(x: number | null): string {
  return x === null ? '-' : `${(x * 100).toFixed(1)}%`;
}

/** Signed percentage: 0.05 -> "+5.0%". */
export function signedPct(x: number | null): string {
  return x === null ? '-' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

/** 12345 -> "12.3k", 1234567 -> "1.2M": for labels next to charts, never in tables of totals. */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return (n / 1e9).toFixed(1) + 'G';
  if (a >= 1e6) return (n / 1e6).toFixed(1) + 'M';
  if (a >= 1e4) return (n / 1e3).toFixed(1) + 'k';
  return int(n);
}

/** "1 run", "2 runs". */
export function plural(n: number, word: string, many = word + 's'): string {
  return `${int(n)} ${n === 1 ? word : many}`;
}

/** An ISO time shortened to minutes, in the machine's zone: "2026-11-07 18:04". */
export function shortTime(ts: string | null): string {
  if (!ts) return '-';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return ts;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
