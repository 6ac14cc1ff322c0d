import { parseLenientJson } from '../agent/index.js';
import { isVerify, type Plan, type PlanStep, type Verify } from './types.js';

export type ParseResult = { ok: true; plan: Omit<Plan, 'id' | 'createdAt'> } | { ok: false; errors: string[] };

/**
 * The planner's reply -> a plan. Robust to fences, trailing commas and prose around the JSON.
 * Errors are written for the model: the corrective call quotes them back.
 */
export function parsePlan(text: string, task: string): ParseResult {
  const value = parseLenientJson(text);
  if (!value || typeof value !== 'object') return { ok: false, errors: ['no JSON object found; reply with only {"task": ..., "steps": [...]}'] };
  const raw = value as Record<string, unknown>;
  const steps = raw.steps;
  const errors: string[] = [];
  if (!Array.isArray(steps) || steps.length === 0) return { ok: false, errors: ['"steps" must be a non-empty array'] };
  const out: PlanStep[] = [];
  steps.forEach((s, i) => {
    const where = `steps[${i}]`;
    if (!s || typeof s !== 'object') { errors.push(`${where} must be an object`); return; }
    const o = s as Record<string, unknown>;
    const title = str(o.title);
    const instruction = str(o.instruction);
    if (!title) errors.push(`${where}.title must be a non-empty string`);
    if (!instruction) errors.push(`${where}.instruction must be a non-empty string`);
    const files = strList(o.files, `${where}.files`, errors);
    const symbols = strList(o.symbols, `${where}.symbols`, errors);
    let verify: Verify = 'none';
    if (o.verify !== undefined && o.verify !== null) {
      if (isVerify(o.verify)) verify = o.verify;
      else errors.push(`${where}.verify must be "none", {"command": "..."}, {"absent": {"file": "...", "pattern": "..."}} or {"changed": "file"}`);
    }
    const budget = typeof o.budget === 'number' && o.budget > 0 ? Math.floor(o.budget) : undefined;
    out.push({ id: `s${i + 1}`, title: title ?? '', instruction: instruction ?? '', files, symbols, verify, budget, status: 'pending' });
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, plan: { task: str(raw.task) ?? task, steps: out } };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function strList(v: unknown, where: string, errors: string[]): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    errors.push(`${where} must be an array of strings`);
    return [];
  }
  return (v as string[]).map((x) => x.trim()).filter(Boolean);
}
