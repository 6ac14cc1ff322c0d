import type { Action, Conversation } from './conversation.js';
import { matchTarget } from './match.js';
import { bashCall, editInView, findSymbolCall, mutationCall, readCall, readSatisfied, type PlannedCall, type ResolveContext } from './resolve.js';
import { planJson, type Intent, type Task } from './tasks.js';
import { pathArg, readToolSet, roleOf, type ToolSet } from './toolset.js';
import { buildViews, canonicalPath, isFailure, type Views } from './view.js';

/**
 * The scripted model's decision: a pure function of the tasks and the request. Progress is
 * derived by walking the script against the agent's past tool calls (never stored), so a
 * retried identical request gets the identical answer.
 */
export interface Reply {
  kind: 'tool' | 'finish' | 'plan' | 'unknown';
  text: string;
  calls: PlannedCall[];
  taskId?: string;
  stepId?: string;
  /** Index of the intent this reply serves. */
  intent?: number;
}

/** Failed attempts at one edit before the model moves on. */
const MAX_FAILED_EDITS = 3;
/** Reads, recalls and searches spent on one edit before it gives up on it. */
const MAX_AUX = 4;

function filesOf(task: Task): string[] {
  const all = [...task.script, ...(task.plan?.steps.flatMap((s) => s.script) ?? [])];
  const files = new Set<string>();
  for (const i of all) if ('file' in i) files.add(i.file);
  for (const s of task.plan?.steps ?? []) for (const f of s.files) files.add(f);
  return [...files];
}

function isSoft(i: Intent): i is Extract<Intent, { do: 'read' | 'find_symbol' }> {
  return i.do === 'read' || i.do === 'find_symbol';
}

export function decideReply(tasks: readonly Task[], convo: Conversation): Reply {
  const target = matchTarget(tasks, convo);
  if (!target) return { kind: 'unknown', text: 'I have no script for this prompt.', calls: [] };
  const { task, step } = target;
  const ids = { taskId: task.id, ...(step ? { stepId: step.id } : {}) };
  if (target.planner) return { kind: 'plan', text: JSON.stringify(planJson(task)), calls: [], ...ids };
  const set = readToolSet(convo.tools);
  const known = filesOf(task);
  const preamble = [convo.system, ...convo.users];
  const views = buildViews(preamble, convo.actions, set, known);
  const ctx: ResolveContext = { set, views, actions: convo.actions };
  const script = step ? step.script : task.script;
  const verifyCommand = step ? (typeof step.verify === 'object' && 'command' in step.verify ? step.verify.command : null) : task.verify;
  const acts = convo.actions;
  let cursor = 0;
  const lastAround = new Map<string, string>();
  // Intents after the current one already done by a batched edit (one call, several ops).
  let covered = 0;
  for (let i = 0; i < script.length; i++) {
    const intent = script[i];
    const reply = (call: PlannedCall | null): Reply | null => (call ? { kind: 'tool', text: call.say, calls: [call], intent: i, ...ids } : null);
    if (isSoft(intent)) {
      if (intent.do === 'read' && intent.around) lastAround.set(intent.file, intent.around);
      if (cursor < acts.length) {
        if (matchesSoft(set, acts[cursor], intent, known)) cursor++;
        continue;
      }
      if (intent.do === 'find_symbol') {
        // A model that already sees the definition (pre-loaded, or read earlier) does not look for it.
        if (definitionVisible(views, intent.name)) continue;
        const r = reply(findSymbolCall(ctx, intent.name));
        if (r) return r;
        continue;
      }
      if (readSatisfied(views.get(intent.file), intent.around) || nextEditInView(views, script, i, intent.file)) continue;
      const r = reply(readCall(ctx, intent.file, intent.around, intent.around));
      if (r) return r;
      continue;
    }
    switch (intent.do) {
      case 'replace':
      case 'insert_after':
      case 'write': {
        if (covered > 0) {
          covered--;
          continue;
        }
        let failed = 0;
        let aux = 0;
        let done = false;
        while (cursor < acts.length && !done) {
          const a = acts[cursor];
          const role = roleOf(set, a.name);
          const file = pathArg(a.args);
          if ((role === 'edit' || role === 'write' || (role === 'bash' && intent.do === 'write')) && (file === null || canonicalPath(file, known) === intent.file || role === 'bash')) {
            cursor++;
            if (!isFailure(a.result)) {
              done = true;
              covered = Math.max(0, opCount(set, a) - 1);
            } else if (++failed >= MAX_FAILED_EDITS) done = true;
          } else if ((role === 'read' && file !== null && canonicalPath(file, known) === intent.file) || role === 'recall' || role === 'search' || role === 'symbols' || role === 'bash') {
            cursor++;
            aux++;
          } else done = true; // a call that belongs to a later intent: this one is behind us
        }
        if (done || cursor < acts.length || aux >= MAX_AUX) continue;
        const r = reply(mutationCall(ctx, intent, lastAround.get(intent.file), script.slice(i + 1)));
        if (r) return r;
        continue;
      }
      case 'run':
      case 'verify': {
        if (cursor < acts.length) {
          if (roleOf(set, acts[cursor].name) === 'bash') cursor++;
          continue;
        }
        const command = intent.do === 'run' ? intent.command : verifyCommand;
        // A check the script finishes right after: a tool that can end the task on success ends it.
        const last = script.slice(i + 1).every((s) => s.do === 'finish');
        const r = command ? reply(bashCall(ctx, command, intent.do === 'run' ? 'Running a check.' : 'Running the verify command.', last)) : null;
        if (r) return r;
        continue;
      }
      case 'finish':
        return { kind: 'finish', text: intent.text, calls: [], intent: i, ...ids };
      case 'plan':
        return { kind: 'plan', text: JSON.stringify(planJson(task)), calls: [], intent: i, ...ids };
      default:
        continue;
    }
  }
  return { kind: 'finish', text: 'Done.', calls: [], ...ids };
}

/** How many edits one past edit call carried (1 unless the tool takes a list). */
function opCount(set: ToolSet, a: Action): number {
  const list = set.edit?.edits ? a.args?.[set.edit.edits] : undefined;
  return Array.isArray(list) ? list.length : 1;
}

function matchesSoft(set: ToolSet, a: Action, intent: Extract<Intent, { do: 'read' | 'find_symbol' }>, known: string[]): boolean {
  const role = roleOf(set, a.name);
  if (intent.do === 'find_symbol') return role === 'symbols' || role === 'search' || role === 'bash';
  const file = pathArg(a.args);
  if (role === 'read') return file !== null && canonicalPath(file, known) === intent.file;
  // a recall, a search, or the grep readCall falls back to when there is no search tool
  return role === 'recall' || role === 'search' || (role === 'bash' && /^grep -n -H /.test(String(a.args?.[set.bash!.command] ?? '')));
}

/** The script's next edit after intent `i` (soft intents skipped) is on `file`, and its text is already on screen. */
function nextEditInView(views: Views, script: readonly Intent[], i: number, file: string): boolean {
  const next = script.slice(i + 1).find((s) => !isSoft(s));
  if (!next || (next.do !== 'replace' && next.do !== 'insert_after') || next.file !== file) return false;
  return editInView(views.get(file), next.do === 'replace' ? next.old : next.anchor_text);
}

/**
 * Some file's visible lines hold the definition of `name`: a function, class, def, fn, type ...,
 * or a field or variable declared at the start of a line (`name: int = 5`, `name = 5`).
 */
function definitionVisible(views: Views, name: string): boolean {
  const n = name.replace(/[$.]/g, '\\$&');
  const def = new RegExp(`\\b(?:function|class|def|fn|interface|type|struct|enum|trait|const|let|var)\\s+${n}\\b|^\\s*${n}\\s*(?::[^=]+)?=[^=]`);
  for (const view of views.files.values()) {
    for (const seen of view.lines.values()) if (def.test(seen.text)) return true;
  }
  return false;
}
