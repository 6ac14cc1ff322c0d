import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';

/**
 * Fixture tasks (fixtures/tasks/<id>.toml, documented in fixtures/README.md) and the intents of
 * their solution scripts. Intents say what to do, never which tool: the scripted model maps each
 * to whatever tools the agent offers.
 */
export type Intent =
  | { do: 'find_symbol'; name: string }
  | { do: 'read'; file: string; around?: string }
  | { do: 'replace'; file: string; old: string; new: string }
  | { do: 'insert_after'; file: string; anchor_text: string; text: string }
  | { do: 'write'; file: string; content: string }
  | { do: 'run'; command: string }
  | { do: 'verify' }
  | { do: 'finish'; text: string }
  | { do: 'plan' };

export type IntentKind = Intent['do'];

/** A plan step's check, as in the plan JSON (ARCHITECTURE.md section 4). */
export type StepVerify = 'none' | { command: string } | { absent: { file: string; pattern: string } } | { changed: string };

export interface PlanStep {
  id: string;
  title: string;
  instruction: string;
  files: string[];
  symbols: string[];
  verify: StepVerify;
  budget?: number;
  script: Intent[];
}

export interface Task {
  id: string;
  repo: string;
  kind: string;
  prompt: string;
  /** Shell command (run by /bin/sh in the repository copy) that fails before and passes after. */
  verify: string;
  /** The whole solution in one conversation. For plan tasks without their own script: the steps' scripts joined. */
  script: Intent[];
  plan?: { task: string; steps: PlanStep[] };
  /** Where the task was loaded from. */
  source: string;
}

const FIELDS: Record<IntentKind, string[]> = {
  find_symbol: ['name'],
  read: ['file'],
  replace: ['file', 'old', 'new'],
  insert_after: ['file', 'anchor_text', 'text'],
  write: ['file', 'content'],
  run: ['command'],
  verify: [],
  finish: ['text'],
  plan: [],
};

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`${what} must be a string`);
  return v;
}

function strList(v: unknown, what: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${what} must be a list of strings`);
  return v as string[];
}

export function parseIntent(raw: unknown, where: string): Intent {
  if (typeof raw !== 'object' || raw === null) throw new Error(`${where}: an intent must be a table`);
  const r = raw as Record<string, unknown>;
  const kind = str(r.do, `${where}.do`) as IntentKind;
  const fields = FIELDS[kind];
  if (!fields) throw new Error(`${where}: unknown intent '${kind}' (one of ${Object.keys(FIELDS).join(', ')})`);
  for (const f of fields) str(r[f], `${where}.${f}`);
  if (r.around !== undefined) str(r.around, `${where}.around`);
  return r as unknown as Intent;
}

function parseStepVerify(v: unknown, where: string): StepVerify {
  if (v === undefined || v === 'none') return 'none';
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (typeof o.command === 'string') return { command: o.command };
    if (typeof o.changed === 'string') return { changed: o.changed };
    const a = o.absent as Record<string, unknown> | undefined;
    if (a && typeof a.file === 'string' && typeof a.pattern === 'string') return { absent: { file: a.file, pattern: a.pattern } };
  }
  throw new Error(`${where}: verify must be "none", { command }, { absent = { file, pattern } } or { changed }`);
}

function parseScript(v: unknown, where: string): Intent[] {
  if (!Array.isArray(v)) throw new Error(`${where} must be an array of tables ([[script]])`);
  return v.map((x, i) => parseIntent(x, `${where}[${i}]`));
}

/** The single-conversation solution of a plan: every step's work, then one verify and a finish. */
function joinedScript(steps: PlanStep[]): Intent[] {
  const work = steps.flatMap((s) => s.script.filter((i) => i.do !== 'finish' && i.do !== 'verify' && i.do !== 'plan'));
  return [...work, { do: 'verify' }, { do: 'finish', text: `Done: ${steps.map((s) => s.title).join('; ')}.` }];
}

export function parseTask(text: string, source: string): Task {
  const doc = parse(text) as Record<string, unknown>;
  const id = str(doc.id, `${source}: id`);
  const where = `task ${id}`;
  let plan: Task['plan'];
  if (doc.plan !== undefined) {
    const p = doc.plan as Record<string, unknown>;
    const rawSteps = p.steps;
    if (!Array.isArray(rawSteps) || rawSteps.length === 0) throw new Error(`${where}: [plan] needs [[plan.steps]]`);
    const steps = rawSteps.map((s: Record<string, unknown>, i: number): PlanStep => {
      const w = `${where} plan.steps[${i}]`;
      return {
        id: typeof s.id === 'string' ? s.id : `s${i + 1}`,
        title: str(s.title, `${w}.title`),
        instruction: str(s.instruction, `${w}.instruction`),
        files: strList(s.files, `${w}.files`),
        symbols: strList(s.symbols, `${w}.symbols`),
        verify: parseStepVerify(s.verify, w),
        ...(typeof s.budget === 'number' ? { budget: s.budget } : {}),
        script: parseScript(s.script, `${w}.script`),
      };
    });
    plan = { task: typeof p.task === 'string' ? p.task : str(doc.prompt, `${where}: prompt`), steps };
  }
  const script = doc.script !== undefined ? parseScript(doc.script, `${where}.script`) : plan ? joinedScript(plan.steps) : undefined;
  if (!script) throw new Error(`${where}: needs [[script]] (or a [plan] whose steps have scripts)`);
  return {
    id,
    repo: str(doc.repo, `${where}: repo`),
    kind: str(doc.kind, `${where}: kind`),
    prompt: str(doc.prompt, `${where}: prompt`),
    verify: str(doc.verify, `${where}: verify`),
    script,
    ...(plan ? { plan } : {}),
    source,
  };
}

/** Load every `*.toml` in `dir` (a fixtures/tasks directory), sorted by id. Throws naming the bad file. */
export function loadTasks(dir: string): Task[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.toml')).sort();
  return files.map((f) => {
    const path = join(dir, f);
    try {
      return parseTask(readFileSync(path, 'utf8'), path);
    } catch (e) {
      throw new Error(`${path}: ${(e as Error).message}`);
    }
  });
}

/** The plan as the planner answers it: `{ task, steps: [{ id, title, instruction, files, symbols, verify, budget? }] }`. */
export function planJson(task: Task): unknown {
  if (!task.plan) return { task: task.prompt, steps: [{ id: 's1', title: task.prompt.slice(0, 60), instruction: task.prompt, files: [], symbols: [], verify: { command: task.verify } }] };
  return {
    task: task.plan.task,
    steps: task.plan.steps.map(({ script: _script, ...step }) => step),
  };
}
