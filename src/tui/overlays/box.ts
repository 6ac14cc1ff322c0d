import blessed, { type ScrollableBox } from 'neo-blessed';
import type { TuiContext } from '../context.js';

/** A centred, bordered box for an overlay; sized in cells, clamped to the screen. */
export function overlayBox(ctx: TuiContext, o: { title: string; width: number | string; height: number | string; top?: number | string }): ScrollableBox {
  const box = blessed.box({
    parent: ctx.layout.screen, top: o.top ?? 'center', left: 'center', width: o.width, height: o.height, tags: true,
    border: { type: 'line' }, label: ` ${o.title} `, scrollable: true, padding: { left: 1, right: 1 },
    style: ctx.theme.color ? { border: { fg: 'cyan' } } : {},
  });
  box.setFront();
  return box;
}

/** Keys that type a character (not a control key). */
export function printable(ch: string | undefined, key: { ctrl?: boolean; meta?: boolean; name?: string }): ch is string {
  return !!ch && !key.ctrl && !key.meta && ch >= ' ' && ch !== '\x7f' && key.name !== 'return' && key.name !== 'enter' && key.name !== 'escape';
}

/** Grow or shrink an overlay to its content (plus border), at most the screen less a margin. */
export function fitContent(ctx: TuiContext, box: ScrollableBox, lines: number, max = ctx.layout.screen.height - 4): void {
  box.height = Math.max(3, Math.min(max, lines + 2));
}
