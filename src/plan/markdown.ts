import { describeVerify, readVerify, type Plan, type PlanStep } from './types.js';

/**
 * `.pith/plan.md`, the readable mirror of a plan. It is also an input: edits the user makes
 * before a run (titles, instructions, files, symbols, verify, budget, order, deleted steps)
 * are read back by `readPlanMarkdown`.
 */
export function renderPlanMarkdown(plan: Plan): string {
  const out = [
    `# Plan: ${plan.task}`,
    `<!-- pith plan ${plan.id}. Edit titles, instructions, files, verify lines or the order; delete a step to drop it. -->`,
    '',
  ];
  plan.steps.forEach((s, i) => {
    out.push(`## ${i + 1}. ${s.title}`, `<!-- id: ${s.id} · status: ${s.status} -->`, '', s.instruction, '');
    out.push(`- files: ${s.files.join(', ')}`, `- symbols: ${s.symbols.join(', ')}`, `- verify: ${describeVerify(s.verify)}`);
    if (s.budget) out.push(`- budget: ${s.budget}`);
    if (s.unknown?.length) out.push(`- unknown to the index: ${s.unknown.join(', ')}`);
    out.push('');
  });
  return out.join('\n');
}

export type ReadResult = { ok: true; plan: Plan } | { ok: false; errors: string[] };

/** Apply plan.md's content to the stored plan. Steps keep their ids (and status) when present. */
export function readPlanMarkdown(md: string, stored: Plan): ReadResult {
  const errors: string[] = [];
  const title = /^# Plan:\s*(.*)$/m.exec(md);
  const sections = md.split(/^## /m).slice(1);
  const byId = new Map(stored.steps.map((s) => [s.id, s]));
  const steps: PlanStep[] = [];
  let fresh = 0;
  for (const [i, section] of sections.entries()) {
    const lines = section.split('\n');
    const heading = lines[0]!.replace(/^\d+\.\s*/, '').trim();
    const idMatch = /<!--\s*id:\s*([\w-]+)/.exec(section);
    const prev = idMatch ? byId.get(idMatch[1]!) : undefined;
    const body: string[] = [];
    const fields = new Map<string, string>();
    for (const line of lines.slice(1)) {
      if (/^\s*<!--.*-->\s*$/.test(line)) continue;
      const f = /^- (files|symbols|verify|budget|unknown to the index):\s*(.*)$/.exec(line);
      if (f) fields.set(f[1]!, f[2]!);
      else body.push(line);
    }
    const instruction = body.join('\n').trim();
    const verify = readVerify(fields.get('verify') ?? 'none');
    if (!heading) errors.push(`step ${i + 1}: the heading has no title`);
    if (!instruction) errors.push(`step ${i + 1} (${heading}): the instruction is empty`);
    if (!verify) errors.push(`step ${i + 1} (${heading}): unreadable verify line "${fields.get('verify')}" (use none, command: CMD, changed: FILE or absent: FILE :: PATTERN)`);
    const list = (k: string) => (fields.get(k) ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    const budget = Number(fields.get('budget'));
    steps.push({
      id: prev?.id ?? `u${++fresh}`,
      title: heading,
      instruction,
      files: list('files'),
      symbols: list('symbols'),
      verify: verify ?? 'none',
      budget: Number.isFinite(budget) && budget > 0 ? budget : undefined,
      status: prev?.status ?? 'pending',
      unknown: prev?.unknown,
      result: prev?.result,
    });
  }
  if (steps.length === 0) errors.push('plan.md has no steps (each step starts with "## ")');
  // Ids must stay unique even if the user duplicated a section.
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.id)) s.id = `${s.id}-${seen.size}`;
    seen.add(s.id);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, plan: { ...stored, task: title?.[1]?.trim() || stored.task, steps } };
}
