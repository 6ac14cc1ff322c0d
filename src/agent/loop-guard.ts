import type { ToolResult } from '../core/index.js';

/**
 * Catches a model repeating itself. A call is "identical" when tool and canonical arguments
 * match AND no file changed since (writes and commands bump the version), so a re-read after
 * an edit, or a re-run of a check after a change, is never blocked.
 */
export class LoopGuard {
  private version = 0;
  private seen = new Map<string, { result: ToolResult; call: number }>();
  private lastFailKey: string | null = null;
  private failStreak = 0;

  /** Files may have changed (a write, an edit, a command ran). */
  bump(): void {
    this.version++;
    this.seen.clear();
  }

  key(name: string, argsJson: string): string {
    return `${name}\u0000${canonical(argsJson)}`;
  }

  earlier(key: string): { result: ToolResult; call: number } | undefined {
    return this.seen.get(key);
  }

  remember(key: string, result: ToolResult, call: number): void {
    if (!result.error) this.seen.set(key, { result, call });
  }

  /** Record the outcome; true when this is the third identical failing call in a row. */
  recordOutcome(key: string, failed: boolean): boolean {
    if (!failed) {
      this.failStreak = 0;
      this.lastFailKey = null;
      return false;
    }
    this.failStreak = key === this.lastFailKey ? this.failStreak + 1 : 1;
    this.lastFailKey = key;
    return this.failStreak >= 3;
  }
}

function canonical(json: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(json)));
  } catch {
    return json.trim();
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}
