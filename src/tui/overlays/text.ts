import type { KeyInfo } from 'neo-blessed';
import type { Overlay, TuiContext } from '../context.js';
import { fitContent, overlayBox } from './box.js';

/** A read-only, scrollable overlay; `content` is re-read each frame (tagged text). Esc, q or Enter closes. */
export function openText(ctx: TuiContext, title: string, content: () => string, size: { width?: string | number; height?: string | number } = {}): Overlay {
  const box = overlayBox(ctx, { title, width: size.width ?? '80%', height: size.height ?? '80%' });
  const overlay: Overlay = {
    name: 'text',
    key(ch: string | undefined, key: KeyInfo) {
      if (key.name === 'escape' || key.name === 'return' || ch === 'q') return ctx.close(overlay);
      if (key.name === 'up') box.scroll(-1);
      else if (key.name === 'down') box.scroll(1);
      else if (key.name === 'pageup') box.scroll(-((box.height as number) - 2));
      else if (key.name === 'pagedown') box.scroll((box.height as number) - 2);
      ctx.requestRender();
    },
    render() {
      const text = content();
      fitContent(ctx, box, text.split('\n').length);
      box.setContent(text);
    },
    destroy: () => box.destroy(),
  };
  ctx.open(overlay);
  return overlay;
}
