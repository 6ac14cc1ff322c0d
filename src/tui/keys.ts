import type { KeyInfo } from 'neo-blessed';
import type { Actions } from './actions.js';
import type { TuiContext } from './context.js';
import type { InputBox } from './input-box.js';

/**
 * Key routing, in order: Ctrl+C (always), the top overlay (it owns every other key), the
 * transcript's scroll keys, Ctrl+P, then the input box.
 */
export interface KeyRouter {
  key(ch: string | undefined, key: KeyInfo): void;
}

export interface KeyDeps {
  ctx: TuiContext;
  input: InputBox;
  actions: Actions;
  interrupt(): void;
  scroll(pages: number): void;
  redraw(): void;
}

export function createKeyRouter(d: KeyDeps): KeyRouter {
  return {
    key(ch, key) {
      if (key.full === 'C-c') return d.interrupt();
      const top = d.ctx.overlays[d.ctx.overlays.length - 1];
      if (top) return top.key(ch, key);
      switch (key.full) {
        case 'pageup':
          return d.scroll(-1);
        case 'pagedown':
          return d.scroll(1);
        case 'C-p':
          return d.actions.palette();
        case 'C-l':
          return d.redraw();
        default:
          return d.input.key(ch, key);
      }
    },
  };
}
