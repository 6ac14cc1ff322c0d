/**
 * Quantile of a list by linear interpolation between closest ranks (numpy's default, R type 7):
 * q=0.5 of [1,2,3,4] is 2.5; q=0.9 of [10,20] is 19. null for an empty list. Does not mutate.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}
