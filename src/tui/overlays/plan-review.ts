import type { KeyInfo } from 'neo-blessed';
import type { StepStatus } from '../../core/index.js';
import { approvedPlan, describeVerify, reviewReducer, startReview, type Plan, type PlanEstimate, type ReviewAction, type ReviewState } from '../../plan/index.js';
import type { Overlay, TuiContext } from '../context.js';
import type { MadePlanView } from '../controller.js';
import { compactTokens, escapeTags, fitWidth, type Hue } from '../format.js';
import { fitContent, overlayBox, printable } from './box.js';

type Mode = { type: 'review' } | { type: 'note'; text: string } | { type: 'running'; plan: Plan } | { type: 'done'; plan: Plan; summary: string };

const MARK: Record<StepStatus, [string, Hue]> = {
  pending: ['·', 'gray'], running: ['▶', 'cyan'], passed: ['✓', 'green'], failed: ['✗', 'red'], budget: ['$', 'yellow'], skipped: ['-', 'gray'],
};

/**
 * The plan review overlay, driven by plan/'s review reducer (the same keys mean the same thing
 * as in `pith plan`). After Enter it stays open and shows each step's live status and tokens.
 * Esc hides it with its state (approvals, notes, live status); `/plan` alone shows it again.
 */
export function openPlanReview(ctx: TuiContext, made: MadePlanView): Overlay {
  const box = overlayBox(ctx, { title: 'plan review', width: '90%', height: '85%' });
  let state: ReviewState = startReview(made.plan);
  let mode: Mode = { type: 'review' };
  let hint = '';
  ctx.dispatch({ type: 'ui_phase', phase: 'reviewing' });
  const act = (a: ReviewAction) => (state = reviewReducer(state, a));
  const current = () => state.plan.steps[state.cursor];

  const run = () => {
    if (ctx.isBusy()) return void (hint = 'a task is running: wait for it, or Ctrl+C to stop it');
    if (state.approved.size === 0) return void (hint = 'approve steps first: a approves the selected step, A all of them');
    const plan = approvedPlan(act({ type: 'run' }));
    const unchanged = plan.steps.length === made.plan.steps.length && plan.steps.every((s, i) => s === made.plan.steps[i]);
    const estimate: PlanEstimate | undefined = unchanged ? made.estimate : undefined;
    ctx.dispatch({ type: 'ui_plan_steps', ids: plan.steps.map((s) => s.id) });
    mode = { type: 'running', plan };
    ctx.runBusy('running', async (signal) => {
      try {
        const r = await ctx.controller.runPlan(plan, { signal, emit: ctx.emit, estimate });
        mode = { type: 'done', plan, summary: `${r.status}: ${r.summary}` };
      } catch (e) {
        mode = { type: 'done', plan, summary: `error: ${(e as Error).message}` };
        throw e;
      }
    });
  };

  const edit = async () => {
    const path = await ctx.controller.planFile(state.plan);
    const editor = ctx.options.editor;
    if (!editor) return void (hint = `no $EDITOR set; edit ${path} by hand, then press o again`);
    const [cmd, ...args] = editor.split(/\s+/);
    await new Promise<void>((done) => ctx.layout.screen.exec(cmd!, [...args, path], {}, () => done()));
    const r = await ctx.controller.readPlanFile(state.plan);
    if (r.ok) act({ type: 'replace_plan', plan: r.plan });
    else hint = `plan.md could not be read back: ${r.errors.join('; ')}`;
    ctx.requestRender();
  };

  const overlay: Overlay = {
    name: 'plan',
    setVisible(visible) {
      if (visible) {
        box.show();
        box.setFront();
        if ((mode.type === 'review' || mode.type === 'note') && !ctx.isBusy()) ctx.dispatch({ type: 'ui_phase', phase: 'reviewing' });
      } else box.hide();
    },
    key(ch: string | undefined, key: KeyInfo) {
      hint = '';
      if (mode.type === 'note') {
        const step = current();
        if (key.name === 'escape') mode = { type: 'review' };
        else if (key.name === 'return') {
          if (step) act({ type: 'annotate', stepId: step.id, note: mode.text });
          mode = { type: 'review' };
        } else if (key.name === 'backspace') mode = { type: 'note', text: [...mode.text].slice(0, -1).join('') };
        else if (printable(ch, key)) mode = { type: 'note', text: mode.text + ch };
      } else if (mode.type === 'review') {
        const step = current();
        if (key.name === 'up') act({ type: 'move', delta: -1 });
        else if (key.name === 'down') act({ type: 'move', delta: 1 });
        else if (ch === 'a' && step) act({ type: 'approve', stepId: step.id }), act({ type: 'move', delta: 1 });
        else if (ch === 'A') act({ type: 'approve_all' });
        else if (ch === 'd' && step) act({ type: 'drop', stepId: step.id });
        else if (ch === 'e' && step) mode = { type: 'note', text: '' };
        else if (ch === 'o') void edit().catch((e: unknown) => ctx.message('error', `editor: ${(e as Error).message}`));
        else if (key.name === 'return') run();
        else if (key.name === 'escape') {
          ctx.hide(overlay);
          ctx.dispatch({ type: 'ui_phase', phase: 'idle' });
          ctx.message('info', `plan ${state.plan.id} not run yet: /plan shows the review again; it is kept in .pith/plan.md (/plan --resume runs it without review)`);
        }
      } else if (key.name === 'escape' || (mode.type === 'done' && key.name === 'return')) {
        ctx.hide(overlay); // a running plan goes on; the status line shows its step, /plan this view
      }
      ctx.requestRender();
    },
    render() {
      const t = ctx.theme;
      const width = Math.max(20, (box.width as number) - box.iwidth - 1);
      const plan = mode.type === 'running' || mode.type === 'done' ? mode.plan : state.plan;
      const live = ctx.view().steps;
      const total = made.estimate.total;
      const lines = [
        t.bold(escapeTags(fitWidth(`Plan ${plan.id}: ${plan.task}`, width))),
        t.dim(`estimate ${compactTokens(total.low)}-${compactTokens(total.high)} tokens · $${total.lowUsd.toFixed(4)}-$${total.highUsd.toFixed(4)}${total.calibrated ? ' (calibrated)' : ' (no history yet: wide range)'}`),
        '',
      ];
      plan.steps.forEach((s, i) => {
        const e = made.estimate.steps.get(s.id);
        const est = e ? `~${compactTokens(e.low)}-${compactTokens(e.high)} tok` : '';
        let mark: string;
        let right = est;
        if (mode.type === 'running' || mode.type === 'done') {
          const v = live[s.id] ?? { status: 'pending' as const, tokens: 0 };
          mark = t.hue(MARK[v.status][0], MARK[v.status][1]);
          right = `${v.status}${v.tokens ? ` · ${compactTokens(v.tokens)} tok` : ''}  ${t.dim(est)}`;
        } else mark = state.approved.has(s.id) ? t.hue('[x]', 'green') : '[ ]';
        const sel = mode.type !== 'running' && mode.type !== 'done' && i === state.cursor;
        const title = escapeTags(fitWidth(`${i + 1}. ${s.title}`, Math.max(10, width - 36)));
        lines.push(`${sel ? t.hue('›', 'cyan') : ' '} ${mark} ${sel ? t.inverse(title) : title}  ${right}`);
        if (s.files.length) lines.push(t.dim(`      files: ${escapeTags(fitWidth(s.files.join(', '), width - 13))}`));
        // The command a step's check runs comes from the model: all of it is on screen (wrapped, never cut) before it is approved.
        if (s.verify !== 'none') {
          const text = describeVerify(s.verify);
          const w = Math.max(10, width - 14);
          for (let at = 0; at < text.length; at += w) lines.push(t.dim(`      ${at === 0 ? 'verify:' : '       '} ${escapeTags(text.slice(at, at + w))}`));
        }
        if (s.unknown?.length) lines.push(t.hue(`      ! unknown: ${escapeTags(s.unknown.join(', '))}`, 'yellow'));
      });
      if (made.checks?.length) {
        lines.push('', t.dim('after each edit pith runs:'));
        const w = Math.max(10, width - 8);
        for (const c of made.checks) for (let at = 0; at < c.length; at += w) lines.push(t.dim(`      ${escapeTags(c.slice(at, at + w))}`));
      }
      lines.push('');
      if (mode.type === 'note') lines.push(`note for step ${state.cursor + 1}: ${escapeTags(mode.text)}${t.inverse(' ')}   ${t.dim('Enter adds · Esc drops')}`);
      else if (mode.type === 'review') lines.push(t.dim('↑/↓ move · a approve · A approve all · e annotate · d drop · o edit plan.md · Enter run · Esc hide (/plan shows it again)'));
      else if (mode.type === 'running') lines.push(t.dim('running · Ctrl+C stops · Esc hides this (the plan goes on; /plan shows it again)'));
      else lines.push(escapeTags(mode.summary), t.dim('Esc or Enter closes'));
      if (hint) lines.push(t.hue(escapeTags(hint), 'yellow'));
      fitContent(ctx, box, lines.length + 1);
      box.setContent(lines.join('\n'));
    },
    destroy: () => box.destroy(),
  };
  ctx.open(overlay);
  return overlay;
}
