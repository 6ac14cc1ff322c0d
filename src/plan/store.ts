import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PithError, writeFileAtomic } from '../core/index.js';
import { readPlanMarkdown, renderPlanMarkdown } from './markdown.js';
import type { Plan } from './types.js';

/** `.pith/plans/<id>.json` is the truth; `.pith/plan.md` mirrors the newest plan. */
export function planPaths(root: string) {
  const dir = join(root, '.pith');
  return { dir, plans: join(dir, 'plans'), markdown: join(dir, 'plan.md') };
}

export function newPlanId(now = new Date()): string {
  return `${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
}

export async function savePlan(root: string, plan: Plan): Promise<void> {
  const p = planPaths(root);
  await mkdir(p.plans, { recursive: true });
  await writeFileAtomic(join(p.plans, `${plan.id}.json`), JSON.stringify(plan, null, 2) + '\n');
  await writeFileAtomic(p.markdown, renderPlanMarkdown(plan));
}

export async function loadPlan(root: string, id: string): Promise<Plan> {
  const file = join(planPaths(root).plans, `${id}.json`);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Plan;
  } catch (e) {
    throw new PithError('usage', `cannot read plan ${id} (${file}): ${(e as Error).message}`);
  }
}

/** The newest plan by file time, or null. */
export async function latestPlanId(root: string): Promise<string | null> {
  const dir = planPaths(root).plans;
  const names = await readdir(dir).catch(() => [] as string[]);
  let best: { id: string; t: number } | null = null;
  for (const n of names.filter((n) => n.endsWith('.json'))) {
    const t = (await stat(join(dir, n))).mtimeMs;
    if (!best || t > best.t) best = { id: n.slice(0, -5), t };
  }
  return best?.id ?? null;
}

/**
 * Read back plan.md if the user edited it since it was written for this plan. A plan.md that
 * belongs to another plan is ignored; an unreadable one is an error naming what to fix.
 */
export async function syncFromMarkdown(root: string, plan: Plan): Promise<Plan> {
  const md = await readFile(planPaths(root).markdown, 'utf8').catch(() => null);
  if (md === null || !md.includes(`pith plan ${plan.id}`)) return plan;
  if (md === renderPlanMarkdown(plan)) return plan;
  const r = readPlanMarkdown(md, plan);
  if (!r.ok) throw new PithError('usage', `.pith/plan.md could not be read back:\n  ${r.errors.join('\n  ')}`, 'fix plan.md or delete it to use the stored plan');
  return r.plan;
}
