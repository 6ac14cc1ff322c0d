import type { EngineEvent } from '../core/index.js';
import { createActions } from './actions.js';
import { statsBar, statusLine } from './bars.js';
import type { Overlay, TuiContext, TuiOptions } from './context.js';
import type { TuiController } from './controller.js';
import { createTheme } from './format.js';
import { createFrameScheduler } from './frame.js';
import { createInputBox, type InputBox } from './input-box.js';
import { createKeyRouter } from './keys.js';
import { createLayout } from './layout.js';
import { askApproval } from './overlays/approval.js';
import { reduceAll, reduceView } from './reducer.js';
import { renderEntry } from './transcript.js';
import { initialViewState, type Entry, type LocalAction, type Phase, type ViewState } from './view-state.js';

/** A running TUI: `done` resolves with the exit code when the user quits. */
export interface TuiHandle {
  done: Promise<number>;
  /** For tests: the state as of the last frame. */
  view(): ViewState;
  /** A line in the transcript from outside (engine notices, console output). */
  message(level: 'info' | 'warn' | 'error', text: string): void;
  /** The screen as plain text, after rendering what is pending (tests, artifacts). */
  snapshot(): string;
  quit(code: number): void;
}

/**
 * Opens the TUI on the given streams. The engine is reached only through `controller`; engine
 * events are queued and reduced once per frame (at most `fps` a second).
 */
export function startTui(controller: TuiController, options: TuiOptions): TuiHandle {
  const theme = createTheme(options.color);
  const layout = createLayout({ input: options.input, output: options.output, color: options.color });
  const { screen, transcript } = layout;
  let state = initialViewState(controller.info().contextTokens);
  const queue: EngineEvent[] = [];
  const flushQueue = () => {
    if (queue.length) state = reduceAll(state, queue.splice(0));
  };
  let abort: AbortController | null = null;
  let quitArmedAt = -Infinity;
  let follow = true;
  let shownEntries: Entry[] | null = null;
  const rendered = new WeakMap<Entry, string>();
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((r) => (finish = r));
  let closed = false;

  const render = () => {
    if (closed) return;
    flushQueue();
    layout.status.setContent(statusLine(state, ctx.info, theme, screen.width));
    if (state.entries !== shownEntries) {
      shownEntries = state.entries;
      transcript.setContent(state.entries.map((e) => rendered.get(e) ?? cache(e)).join('\n'));
    }
    if (follow) transcript.setScrollPerc(100);
    layout.stats.setContent(statsBar(state, theme));
    input.render();
    for (const o of ctx.overlays) o.render();
    screen.render();
  };
  const cache = (e: Entry) => {
    const text = renderEntry(e, theme);
    rendered.set(e, text);
    return text;
  };
  const frame = createFrameScheduler(render, { fps: options.fps });

  const ctx: TuiContext = {
    controller, layout, theme, options,
    info: controller.info(),
    view: () => (flushQueue(), state),
    emit(e) {
      queue.push(e);
      frame.request();
    },
    dispatch(a: LocalAction) {
      flushQueue();
      state = reduceView(state, a);
      frame.request();
    },
    message: (level, text) => ctx.dispatch({ type: 'ui_message', level, text }),
    requestRender: () => frame.request(),
    overlays: [],
    open(o: Overlay) {
      if (!ctx.overlays.includes(o)) ctx.overlays.push(o);
      o.setVisible?.(true);
      frame.request();
    },
    close(o: Overlay) {
      const i = ctx.overlays.indexOf(o);
      if (i >= 0) ctx.overlays.splice(i, 1);
      o.destroy();
      frame.request();
    },
    hide(o: Overlay) {
      const i = ctx.overlays.indexOf(o);
      if (i >= 0) ctx.overlays.splice(i, 1);
      o.setVisible?.(false);
      frame.request();
    },
    runBusy(phase: Phase, work) {
      if (abort) return false;
      const ac = new AbortController();
      abort = ac;
      quitArmedAt = -Infinity;
      follow = true;
      ctx.dispatch({ type: 'ui_phase', phase });
      void work(ac.signal)
        .catch((e: unknown) => {
          if (ac.signal.aborted) ctx.message('warn', 'cancelled');
          else ctx.message('error', (e as Error)?.message ?? String(e));
        })
        .finally(() => {
          abort = null;
          if (ctx.view().phase === phase) ctx.dispatch({ type: 'ui_phase', phase: 'idle' });
        });
      return true;
    },
    isBusy: () => abort !== null,
    quit(code) {
      if (closed) return;
      closed = true;
      if (warmTimer) clearTimeout(warmTimer);
      abort?.abort();
      frame.stop();
      for (const o of ctx.overlays.splice(0)) o.destroy();
      layout.destroy();
      void controller.close().catch(() => {}).finally(() => finish(code));
    },
  };

  const input: InputBox = createInputBox(ctx, { submit: (t) => actions.submit(t), pickFile: () => actions.pickFile() });
  const actions = createActions(ctx, () => input);

  const always = new Set<string>();
  controller.setApprover(async (req) => {
    if (always.has(req.tool)) return 'allow';
    const d = await askApproval(ctx, req);
    if (d === 'always') always.add(req.tool);
    return d;
  });

  const interrupt = () => {
    for (const o of [...ctx.overlays].reverse()) o.interrupt?.();
    if (abort) {
      abort.abort();
      ctx.message('warn', 'stopping…');
      return;
    }
    const now = performance.now();
    if (now - quitArmedAt <= (options.quitWindowMs ?? 2000)) return ctx.quit(0);
    quitArmedAt = now;
    ctx.message('info', 'Ctrl+C again to quit');
  };
  const scroll = (pages: number) => {
    transcript.scroll(Math.round(pages * Math.max(1, (transcript.height as number) - 2)));
    follow = transcript.getScrollPerc() >= 100;
    frame.request();
  };
  const router = createKeyRouter({
    ctx, input, actions, interrupt, scroll,
    redraw: () => (screen.realloc(), frame.request()),
  });
  // The engine is built once the keyboard is quiet (see TuiController.warm): its ~0.7 s of
  // blocking must not land in the middle of the user typing their first task.
  // Pending until it fires once; each key before that restarts it.
  const warmIdleMs = options.warmIdleMs ?? 800;
  const warm = () => ((warmTimer = null), controller.warm());
  let warmTimer: NodeJS.Timeout | null = setTimeout(warm, warmIdleMs);
  screen.on('keypress', (ch: string | undefined, key) => {
    if (closed || !key) return;
    if (warmTimer) warmTimer.refresh();
    router.key(ch, key);
    frame.request();
  });
  transcript.on('wheelup', () => ((follow = false), frame.request()));
  transcript.on('wheeldown', () => setImmediate(() => ((follow = transcript.getScrollPerc() >= 100), frame.request())));
  screen.on('resize', () => ((shownEntries = null), frame.request()));
  ctx.message('info', `pith · ${ctx.info.profile} · ${ctx.info.model} · type a task, / for commands, @ to attach a file, Ctrl+P for the palette`);
  render();
  return {
    done,
    view: () => ctx.view(),
    message: (level, text) => void (closed || ctx.message(level, text)),
    snapshot: () => {
      frame.flush();
      return screen.lines.map((row) => row.map((c) => c[1]).join('').replace(/\x03/g, '').trimEnd()).join('\n');
    },
    quit: (code) => ctx.quit(code),
  };
}
