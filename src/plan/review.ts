import type { Plan } from './types.js';

/**
 * Review state shared by both front ends (the `pith plan` prompts and the TUI overlay): a pure
 * reducer, so the same keys mean the same thing everywhere.
 */
export interface ReviewState {
  plan: Plan;
  approved: ReadonlySet<string>;
  cursor: number;
  outcome: 'reviewing' | 'run' | 'cancelled';
}

export type ReviewAction =
  | { type: 'move'; delta: number }
  | { type: 'approve'; stepId: string }
  | { type: 'approve_all' }
  | { type: 'annotate'; stepId: string; note: string }
  | { type: 'drop'; stepId: string }
  | { type: 'replace_plan'; plan: Plan }
  | { type: 'run' }
  | { type: 'cancel' };

export function startReview(plan: Plan): ReviewState {
  return { plan, approved: new Set(), cursor: 0, outcome: 'reviewing' };
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  const steps = state.plan.steps;
  switch (action.type) {
    case 'move':
      return { ...state, cursor: Math.max(0, Math.min(steps.length - 1, state.cursor + action.delta)) };
    case 'approve':
      return { ...state, approved: new Set([...state.approved, action.stepId]) };
    case 'approve_all':
      return { ...state, approved: new Set(steps.map((s) => s.id)) };
    case 'annotate': {
      const note = action.note.trim();
      if (!note) return state;
      const plan = { ...state.plan, steps: steps.map((s) => (s.id === action.stepId ? { ...s, instruction: `${s.instruction}\nNote from the user: ${note}` } : s)) };
      return { ...state, plan };
    }
    case 'drop': {
      const plan = { ...state.plan, steps: steps.filter((s) => s.id !== action.stepId) };
      const approved = new Set([...state.approved].filter((id) => id !== action.stepId));
      return { ...state, plan, approved, cursor: Math.min(state.cursor, Math.max(0, plan.steps.length - 1)) };
    }
    case 'replace_plan':
      return { ...state, plan: action.plan, approved: new Set([...state.approved].filter((id) => action.plan.steps.some((s) => s.id === id))), cursor: 0 };
    case 'run':
      return { ...state, outcome: 'run' };
    case 'cancel':
      return { ...state, outcome: 'cancelled' };
  }
}

/** The plan to run: approved steps only (all of them when the user chose "run" after approving all). */
export function approvedPlan(state: ReviewState): Plan {
  return { ...state.plan, steps: state.plan.steps.filter((s) => state.approved.has(s.id)) };
}
