import type { Conversation } from './conversation.js';
import type { PlanStep, Task } from './tasks.js';

/** What a request is serving: a whole task, one plan step, or the planner call for a task. */
export type Target = { task: Task; step?: PlanStep; planner: boolean };

const PLANNER = /^\s*You are pith's planner/;

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Find the task by searching the request's user messages for a task's prompt or a plan step's
 * instruction (whitespace-insensitive). A step instruction beats a task prompt (a step's request
 * may quote the task too); among the same kind the longest match wins. null = no script for it.
 */
export function matchTarget(tasks: readonly Task[], convo: Conversation): Target | null {
  const hay = norm(convo.users.join('\n'));
  const planner = PLANNER.test(convo.system);
  let best: { task: Task; step?: PlanStep; len: number } | null = null;
  if (!planner) {
    for (const task of tasks) {
      for (const step of task.plan?.steps ?? []) {
        const s = norm(step.instruction);
        if (s && hay.includes(s) && (!best || s.length > best.len)) best = { task, step, len: s.length };
      }
    }
  }
  if (!best) {
    for (const task of tasks) {
      const p = norm(task.prompt);
      if (p && hay.includes(p) && (!best || p.length > best.len)) best = { task, len: p.length };
    }
  }
  if (!best) return null;
  return { task: best.task, ...(best.step ? { step: best.step } : {}), planner };
}
