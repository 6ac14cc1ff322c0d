import { describe, it, expect } from 'vitest';
import { approvedPlan, calibrate, carryForward, diffstat, reviewReducer, startReview, type Plan } from '../../src/plan/index.js';

const plan: Plan = {
  id: 'p', task: 't', createdAt: '',
  steps: ['a', 'b', 'c'].map((x, i) => ({ id: `s${i + 1}`, title: x, instruction: `do ${x}`, files: [], symbols: [], verify: 'none' as const, status: 'pending' as const })),
};

describe('review reducer', () => {
  it('approves, annotates, drops and moves the cursor within bounds', () => {
    let s = startReview(plan);
    s = reviewReducer(s, { type: 'approve', stepId: 's1' });
    s = reviewReducer(s, { type: 'annotate', stepId: 's2', note: 'use the helper' });
    s = reviewReducer(s, { type: 'approve', stepId: 's2' });
    s = reviewReducer(s, { type: 'drop', stepId: 's3' });
    s = reviewReducer(s, { type: 'move', delta: 10 });
    expect(s.cursor).toBe(1);
    const p = approvedPlan(s);
    expect(p.steps.map((x) => x.id)).toEqual(['s1', 's2']);
    expect(p.steps[1]!.instruction).toBe('do b\nNote from the user: use the helper');
    expect(reviewReducer(s, { type: 'cancel' }).outcome).toBe('cancelled');
    expect(approvedPlan(reviewReducer(startReview(plan), { type: 'approve_all' })).steps).toHaveLength(3);
  });
});

describe('estimate calibration', () => {
  const price = { input: 1, output: 4 };
  it('is wide without history and moves toward the actuals with it', () => {
    const raw = 10_000;
    const cold = calibrate(raw, 0.1, [], price);
    expect(cold.calibrated).toBe(false);
    expect(cold.low).toBeLessThan(raw);
    expect(cold.high).toBeGreaterThan(raw);
    // Past steps of this model cost 2.0-2.4x the raw estimate: the range moves up to cover that.
    const warm = calibrate(raw, 0.1, [2.0, 2.1, 2.2, 2.3, 2.4], price);
    expect(warm.calibrated).toBe(true);
    expect(warm.low).toBe(22_000);
    expect(warm.high).toBeGreaterThanOrEqual(23_000);
    expect(warm.high).toBeLessThanOrEqual(24_000);
    expect(warm.lowUsd).toBeCloseTo((22_000 * 0.9 * 1 + 22_000 * 0.1 * 4) / 1e6, 9);
  });
});

describe('carry-forward', () => {
  it('states files with a diffstat, definitions added and removed, and the verify result', () => {
    const text = carryForward({
      index: 1, title: 'Add clamp', summary: 'added clamp and its test',
      changed: [{ path: 'src/m.ts', before: 'a\nb\n', after: 'a\nb\nc\nd\n' }, { path: 'src/new.ts', before: null, after: 'x\ny' }],
      defsBefore: new Map([['src/m.ts', [{ name: 'old', kind: 'function', path: 'src/m.ts', startLine: 1, endLine: 1, signature: '' }]]]),
      defsAfter: new Map([['src/m.ts', [{ name: 'clamp', kind: 'function', path: 'src/m.ts', startLine: 1, endLine: 2, signature: '' }]], ['src/new.ts', [{ name: 'X', kind: 'class', path: 'src/new.ts', startLine: 1, endLine: 2, signature: '' }]]]),
      verify: { ok: true, detail: '`npm test` passed' },
    });
    expect(text).toBe([
      '1. Add clamp: added clamp and its test',
      '   changed: src/m.ts +2 -0, src/new.ts (new, 2 lines)',
      '   added: clamp, X',
      '   removed: old',
      '   verify: passed (`npm test` passed)',
    ].join('\n'));
    expect(diffstat('a\nb', 'a\nc')).toBe('+1 -1');
  });
});
