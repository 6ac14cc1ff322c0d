import type { UndoReport } from '../session/index.js';
import { completionText, parseInput, SLASH_COMMANDS, type CommandName } from './commands.js';
import type { Overlay, TuiContext } from './context.js';
import type { AllTimeStats, TuiInfo } from './controller.js';
import { compactTokens, usdText } from './format.js';
import type { InputBox } from './input-box.js';
import { openPicker } from './overlays/picker.js';
import { openPlanReview } from './overlays/plan-review.js';
import { openText } from './overlays/text.js';
import { statsText } from './stats-view.js';
import { helpText } from './help.js';

/** What the user's input does: runs, plans, slash commands, pickers. */
export interface Actions {
  submit(text: string): void;
  palette(): void;
  pickFile(): void;
}

const NEEDS_IDLE = new Set<CommandName>(['plan', 'run', 'profile', 'model', 'resume', 'rollback', 'undo']);

export function createActions(ctx: TuiContext, input: () => InputBox): Actions {
  const picked = new Set<string>();
  /** The latest plan's overlay, kept when Esc hides it so `/plan` can show it again. */
  let planView: Overlay | null = null;
  let files: Promise<string[]> | null = null;
  const knownFiles = () => (files ??= ctx.controller.files().catch(() => []));

  const attachments = async (task: string): Promise<string[]> => {
    const named = [...task.matchAll(/(?:^|\s)@(\S+)/g)].map((m) => m[1]!);
    if (named.length === 0) return [];
    const known = new Set(await knownFiles());
    const out = named.filter((p) => picked.has(p) || known.has(p));
    picked.clear();
    return [...new Set(out)];
  };

  const startRun = (task: string) => {
    ctx.dispatch({ type: 'ui_user', text: task });
    ctx.runBusy('running', async (signal) => {
      await ctx.controller.runTask(task, { signal, emit: ctx.emit, attachments: await attachments(task) });
    });
  };

  const startPlan = (task: string) => {
    ctx.dispatch({ type: 'ui_user', text: `/plan ${task}` });
    ctx.runBusy('planning', async (signal) => {
      const made = await ctx.controller.makePlan(task, { signal, emit: ctx.emit, attachments: await attachments(task) });
      if (signal.aborted) return;
      if (planView) ctx.close(planView);
      planView = openPlanReview(ctx, made);
    });
  };

  const resumePlan = () => {
    ctx.dispatch({ type: 'ui_user', text: '/plan --resume' });
    ctx.runBusy('running', async (signal) => {
      const r = await ctx.controller.resumePlan({ signal, emit: ctx.emit });
      if (!r) ctx.message('info', 'no unfinished plan in this project');
    });
  };

  const switched = (what: string) => (info: TuiInfo) => {
    ctx.info = info;
    ctx.dispatch({ type: 'ui_context_limit', limit: info.contextTokens });
    ctx.message('info', `${what}: ${info.profile} · ${info.model} (from the next request)`);
  };
  const fail = (what: string) => (e: unknown) => ctx.message('error', `${what}: ${(e as Error).message}`);

  const profile = (name: string) => void ctx.controller.switchProfile(name).then(switched('profile'), fail('profile'));
  const model = (id: string) => void ctx.controller.setModel(id).then(switched('model'), fail('model'));

  const command = (name: CommandName, arg: string) => {
    // `/plan` alone only shows the last plan (its live status while it runs): allowed when busy.
    const showsPlan = name === 'plan' && arg === '';
    if (NEEDS_IDLE.has(name) && ctx.isBusy() && !showsPlan) return ctx.message('warn', 'a task is running: wait for it, or Ctrl+C to stop it');
    switch (name) {
      case 'run':
        return arg ? startRun(arg) : ctx.message('warn', 'usage: /run "task"');
      case 'plan':
        if (arg === '--resume') return resumePlan();
        if (arg) return startPlan(arg);
        return planView ? ctx.open(planView) : ctx.message('warn', 'usage: /plan "task"  or  /plan --resume  (/plan alone shows the last plan)');
      case 'profile':
        if (arg) return profile(arg);
        return void openPicker(ctx, { title: 'profile', items: ctx.controller.profiles().map((p) => ({ label: `${p.active ? '* ' : '  '}${p.name}`, detail: `${p.model} · ${p.endpoint}`, value: p.name })), onPick: profile });
      case 'model': {
        if (arg) return model(arg);
        const models = [...new Set([ctx.info.model, ...ctx.controller.profiles().map((p) => p.model)])];
        return void openPicker(ctx, { title: `model (profile ${ctx.info.profile})`, items: models.map((m) => ({ label: m, value: m })), onPick: model });
      }
      case 'stats': {
        let all: AllTimeStats | 'loading' | Error = 'loading';
        ctx.controller.allTimeStats().then((a) => (all = a), (e: Error) => (all = e)).finally(() => ctx.requestRender());
        return void openText(ctx, 'stats', () => statsText(ctx.view().session, all, ctx.theme, ctx.layout.screen.width - 10));
      }
      case 'cost': {
        const s = ctx.view().session;
        const last = s.perTask.length ? ` · last task ${compactTokens(s.perTask[s.perTask.length - 1]!)} tokens` : '';
        return ctx.message('info', `this session: ${usdText(s.costUsd)} · ${s.tasks} tasks · in ${compactTokens(s.inputTokens)} / out ${compactTokens(s.outputTokens)} tokens${last}`);
      }
      case 'resume':
        return void openPicker(ctx, {
          title: 'resume a session',
          items: ctx.controller.sessions().then((list) => list.map((s) => ({ label: s.firstTask || '(no task)', detail: `${s.startedAt.slice(0, 16)} · ${s.turns} turns · ${compactTokens(s.tokens)} tok`, value: s.id }))),
          onPick: (id) => void ctx.controller.resumeSession(id).then((r) => ctx.message('info', `resumed session ${r.id} (${r.turns} turns); the next task sees a summary of them`), fail('resume')),
        });
      case 'rollback': {
        const n = arg ? Number.parseInt(arg, 10) : 1;
        if (!(n > 0)) return ctx.message('warn', 'usage: /rollback [n]  (n turns, default 1)');
        return void ctx.controller.rollback(n).then((k) => ctx.message('info', k ? `forgot the last ${k} turn${k > 1 ? 's' : ''}: the next task will not see them (files are unchanged; /undo restores files)` : 'nothing to roll back'), fail('rollback'));
      }
      case 'undo':
        return void ctx.controller.undo().then((r) => ctx.message(r && r.skipped.length ? 'warn' : 'info', undoText(r)), fail('undo'));
      case 'clear':
        return ctx.dispatch({ type: 'ui_clear' });
      case 'help':
        return void openText(ctx, 'help', () => helpText(ctx.theme), { width: '90%' });
      case 'quit':
        return ctx.quit(0);
    }
  };

  const submit = (text: string) => {
    const p = parseInput(text);
    if (p.type === 'empty') return;
    if (p.type === 'unknown') return ctx.message('error', `unknown command /${p.name}; /help lists them`);
    if (p.type === 'run') {
      if (ctx.isBusy()) return ctx.message('warn', 'a task is running: wait for it, or Ctrl+C to stop it');
      return startRun(p.task);
    }
    command(p.name, p.arg);
  };

  return {
    submit,
    palette: () =>
      void openPicker(ctx, {
        title: 'commands',
        items: SLASH_COMMANDS.map((c) => ({ label: `/${c.name}${c.args ? ` ${c.args}` : ''}`, detail: c.summary, value: c })),
        onPick: (def) => {
          const c = completionText(def);
          if (c.runNow) submit(c.text);
          else input().set(c.text);
        },
      }),
    pickFile: () =>
      void openPicker(ctx, {
        title: 'attach a file (an excerpt goes with the next task)',
        items: knownFiles().then((list) => list.map((f) => ({ label: f, value: f }))),
        onPick: (path) => {
          picked.add(path);
          input().insert(path + ' ');
        },
      }),
  };
}

function undoText(r: UndoReport | null): string {
  if (!r) return 'nothing to undo';
  const parts = [`undid ${r.groupId}:`];
  if (r.restored.length) parts.push(`restored ${r.restored.join(', ')}`);
  if (r.deleted.length) parts.push(`deleted ${r.deleted.join(', ')}`);
  if (r.skipped.length) parts.push(`left alone (changed since): ${r.skipped.map((s) => s.path).join(', ')}`);
  if (parts.length === 1) parts.push('no file needed restoring');
  return parts.join(' ');
}
