import type { SymbolDef } from '../index/types.js';
import type { VerifyOutcome } from './verify.js';

/**
 * The deterministic summary a finished step leaves for the next ones (no model call): files
 * changed with a diffstat, definitions added or removed, and the verify result, in a few lines.
 */
export interface CarryInput {
  index: number;
  title: string;
  changed: Array<{ path: string; before: string | null | undefined; after: string | null }>;
  /** Outlines before and after, per changed file, where the index knows them. */
  defsBefore: Map<string, SymbolDef[] | null>;
  defsAfter: Map<string, SymbolDef[] | null>;
  verify: VerifyOutcome;
  summary: string;
}

export function carryForward(c: CarryInput): string {
  const lines = [`${c.index}. ${c.title}: ${oneLine(c.summary, 140)}`];
  if (c.changed.length) {
    lines.push(`   changed: ${c.changed.map((f) => `${f.path} ${diffstat(f.before, f.after)}`).join(', ')}`);
  }
  const added: string[] = [];
  const removed: string[] = [];
  for (const f of c.changed) {
    const before = c.defsBefore.get(f.path);
    const after = c.defsAfter.get(f.path);
    if (!after) continue;
    const beforeNames = new Set((before ?? []).map(qual));
    const afterNames = new Set(after.map(qual));
    if (before || f.before === null) for (const n of afterNames) if (!beforeNames.has(n)) added.push(n);
    for (const n of beforeNames) if (!afterNames.has(n)) removed.push(n);
  }
  if (added.length) lines.push(`   added: ${added.slice(0, 12).join(', ')}${added.length > 12 ? ` (+${added.length - 12})` : ''}`);
  if (removed.length) lines.push(`   removed: ${removed.slice(0, 12).join(', ')}`);
  lines.push(`   verify: ${c.verify.ok ? 'passed' : 'FAILED'} (${oneLine(c.verify.detail, 100)})`);
  return lines.join('\n');
}

const qual = (d: SymbolDef) => (d.container ? `${d.container}.${d.name}` : d.name);

/** "+a -b" by line multiset: cheap, order-insensitive, exact for pure additions and deletions. */
export function diffstat(before: string | null | undefined, after: string | null): string {
  if (before === undefined) return '(changed)';
  if (before === null) return `(new, ${after === null ? 0 : after.split('\n').length} lines)`;
  if (after === null) return '(deleted)';
  const counts = new Map<string, number>();
  for (const l of before.split('\n')) counts.set(l, (counts.get(l) ?? 0) + 1);
  let added = 0;
  for (const l of after.split('\n')) {
    const n = counts.get(l) ?? 0;
    if (n > 0) counts.set(l, n - 1);
    else added++;
  }
  let removed = 0;
  for (const n of counts.values()) removed += n;
  return `+${added} -${removed}`;
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
