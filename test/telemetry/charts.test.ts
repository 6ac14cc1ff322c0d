import { describe, it, expect } from 'vitest';
import { sparkline, bar, resample, quantile, int, usd, table, parseSince, parseDuration, csvCell } from '../../src/telemetry/inspect.js';

const PLAIN = { unicode: false, color: false };
const BLOCKS = { unicode: true, color: false };

describe('charts and formats', () => {
  it('draws sparklines scaled to the max, ASCII without unicode, ANSI only with colour', () => {
    expect(sparkline([0, 1, 2, 4], 10, BLOCKS)).toBe('▁▃▅█');
    expect(sparkline([0, 1, 2, 4], 10, PLAIN)).toBe('_-=#');
    expect(sparkline([1, 1], 10, { unicode: true, color: true })).toBe('\x1b[36m██\x1b[0m');
    expect(resample([1, 3, 5, 7], 2)).toEqual([2, 6]);
    expect(sparkline(Array.from({ length: 100 }, (_, i) => i), 20, PLAIN)).toHaveLength(20);
  });

  it('draws bars with eighths, never empty above zero, nothing at zero', () => {
    expect(bar(5, 10, 10, BLOCKS)).toBe('█████');
    expect(bar(1, 16, 2, BLOCKS)).toBe('▏');
    expect(bar(1, 1000, 10, PLAIN)).toBe('#');
    expect(bar(0, 10, 10, PLAIN)).toBe('');
  });

  it('computes quantiles by linear interpolation', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([10, 20], 0.9)).toBe(19);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('formats numbers and aligns tables', () => {
    expect(int(1234567)).toBe('1,234,567');
    expect(int(-1500.4)).toBe('-1,500');
    expect(usd(0.0123)).toBe('$0.0123');
    expect(usd(12.5)).toBe('$12.50');
    expect(table([{ a: 'x', n: 5 }, { a: 'long', n: 1000 }], [{ title: 'name', value: (r) => r.a }, { title: 'n', align: 'right', value: (r) => int(r.n) }]))
      .toEqual(['  name      n', '  x         5', '  long  1,000']);
  });

  it('quotes CSV cells only when needed', () => {
    const cells = [csvCell('plain'), csvCell('a,"b"'), csvCell('two\nlines'), csvCell(null), csvCell(0), csvCell(false)];
    expect(cells).toEqual(['plain', '"a,""b"""', '"two\nlines"', '', '0', 'false']);
  });

  it('parses periods', () => {
    const now = Date.parse('2026-11-10T00:00:00Z');
    expect(parseSince('7d', now)).toBe(now - 7 * 86_400_000);
    expect(parseSince('24h', now)).toBe(now - 86_400_000);
    expect(parseSince('2026-11-01', now)).toBe(new Date(2026, 10, 1).getTime());
    expect(parseSince('2026-11-01T06:00:00Z', now)).toBe(Date.parse('2026-11-01T06:00:00Z'));
    expect(parseSince('last week', now)).toBeNull();
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration('0d')).toBeNull();
  });
});
