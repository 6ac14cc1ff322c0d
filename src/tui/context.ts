import type { KeyInfo } from 'neo-blessed';
import type { EngineEvent } from '../core/index.js';
import type { TuiController, TuiInfo } from './controller.js';
import type { Theme } from './format.js';
import type { Layout } from './layout.js';
import type { LocalAction, Phase, ViewState } from './view-state.js';

/** A window on top of the main view; it gets every key while it is the top one. */
export interface Overlay {
  readonly name: string;
  key(ch: string | undefined, key: KeyInfo): void;
  /** Repaint from current state (called once per frame while open). */
  render(): void;
  destroy(): void;
  /** Hidden overlays keep their state: `ctx.hide` takes them off the stack, `ctx.open` brings them back. */
  setVisible?(visible: boolean): void;
  /** Ctrl+C while open: give up (an approval answers "deny"). Overlays without it stay. */
  interrupt?(): void;
}

/** Options the cli passes in: everything the TUI would otherwise read from the environment. */
export interface TuiOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** false with NO_COLOR or a dumb terminal. */
  color: boolean;
  /** $VISUAL / $EDITOR, for `o` in the plan review. */
  editor?: string;
  /** Frames per second at most (default 30). */
  fps?: number;
  /** Ms a second idle Ctrl+C may follow the first to quit (default 2000). */
  quitWindowMs?: number;
  /** Quiet time on the keyboard after which the engine is built (default 800 ms). */
  warmIdleMs?: number;
}

/**
 * What every part of the TUI shares: the view state and how to change it, the overlay stack,
 * the running task, and the controller. Built once by app.ts.
 */
export interface TuiContext {
  readonly controller: TuiController;
  readonly layout: Layout;
  readonly theme: Theme;
  readonly options: TuiOptions;
  info: TuiInfo;
  view(): ViewState;
  /** Engine events: queued, reduced once per frame. Cheap enough for the engine's hot path. */
  emit(e: EngineEvent): void;
  dispatch(a: LocalAction): void;
  message(level: 'info' | 'warn' | 'error', text: string): void;
  requestRender(): void;
  overlays: Overlay[];
  /** Push an overlay (again, if it was hidden) on top. */
  open(o: Overlay): void;
  close(o: Overlay): void;
  /** Take an overlay off the stack without destroying it; `open` shows it again. */
  hide(o: Overlay): void;
  /** Runs `work` as the one task under way; Ctrl+C aborts its signal. False when busy already. */
  runBusy(phase: Phase, work: (signal: AbortSignal) => Promise<void>): boolean;
  isBusy(): boolean;
  /** Ends the TUI with an exit code. */
  quit(code: number): void;
}
