import type { RunStatus } from '../core/index.js';

/** Exit codes shared by run and plan: 0 ok, 1 failure, 3 budget exhausted, 130 interrupted. */
export function exitCodeFor(status: RunStatus | 'paused'): number {
  switch (status) {
    case 'ok': return 0;
    case 'budget_exhausted': return 3;
    case 'aborted': return 130;
    default: return 1;
  }
}
