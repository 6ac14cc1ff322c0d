/**
 * Fuzzy matching for pickers: the query's characters must appear in order (case-insensitive).
 * Higher scores for consecutive runs, matches at the start of a path segment or word, and
 * shorter candidates; null when the query does not match.
 */
export function fuzzyScore(query: string, candidate: string): number | null {
  const q = query.toLowerCase();
  const c = candidate.toLowerCase();
  if (q === '') return 0;
  let score = 0;
  let ci = 0;
  let prev = -2;
  for (const ch of q) {
    const at = c.indexOf(ch, ci);
    if (at < 0) return null;
    score += 1;
    if (at === prev + 1) score += 4;
    if (at === 0 || '/._- '.includes(c[at - 1]!)) score += 3;
    prev = at;
    ci = at + 1;
  }
  const base = c.slice(c.lastIndexOf('/') + 1);
  if (base.startsWith(q)) score += 6;
  return score - c.length / 100;
}

export function fuzzyFilter<T>(query: string, items: readonly T[], key: (t: T) => string, limit = 50): T[] {
  const scored: Array<{ item: T; score: number; i: number }> = [];
  items.forEach((item, i) => {
    const score = fuzzyScore(query, key(item));
    if (score !== null) scored.push({ item, score, i });
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.item);
}
