import type { KeyInfo } from 'neo-blessed';
import type { Overlay, TuiContext } from '../context.js';
import { escapeTags, fitWidth } from '../format.js';
import { fuzzyFilter } from '../fuzzy.js';
import { overlayBox, printable } from './box.js';

export interface PickItem<T> {
  label: string;
  detail?: string;
  value: T;
}

export interface PickerOptions<T> {
  title: string;
  items: PickItem<T>[] | Promise<PickItem<T>[]>;
  onPick(value: T): void;
  onCancel?(): void;
  query?: string;
}

/** A fuzzy picker: type to filter, ↑/↓ to move, Enter to pick, Esc to cancel. */
export function openPicker<T>(ctx: TuiContext, o: PickerOptions<T>): Overlay {
  const box = overlayBox(ctx, { title: o.title, width: '70%', height: '60%' });
  let all: PickItem<T>[] = [];
  let loading = true;
  let query = o.query ?? '';
  let cursor = 0;
  const shown = () => fuzzyFilter(query, all, (i) => `${i.label} ${i.detail ?? ''}`, 200);
  void Promise.resolve(o.items).then(
    (items) => { all = items; loading = false; ctx.requestRender(); },
    (e: unknown) => { loading = false; ctx.message('error', `picker: ${(e as Error).message}`); ctx.requestRender(); },
  );
  const overlay: Overlay = {
    name: 'picker',
    key(ch: string | undefined, key: KeyInfo) {
      const list = shown();
      if (key.name === 'escape') {
        ctx.close(overlay);
        o.onCancel?.();
      } else if (key.name === 'return') {
        const item = list[cursor];
        if (!item) return;
        ctx.close(overlay);
        o.onPick(item.value);
      } else if (key.name === 'up') cursor = Math.max(0, cursor - 1);
      else if (key.name === 'down') cursor = Math.min(Math.max(0, list.length - 1), cursor + 1);
      else if (key.name === 'backspace') (query = [...query].slice(0, -1).join('')), (cursor = 0);
      else if (printable(ch, key)) (query += ch), (cursor = 0);
      ctx.requestRender();
    },
    render() {
      const t = ctx.theme;
      const list = shown();
      const rows = Math.max(1, (box.height as number) - 4);
      const width = Math.max(10, (box.width as number) - box.iwidth - 1);
      const first = Math.max(0, Math.min(cursor - rows + 1, list.length - rows));
      const lines = [`${t.hue('›', 'cyan')} ${escapeTags(query)}${t.inverse(' ')}`, ''];
      if (loading) lines.push(t.dim('loading…'));
      else if (list.length === 0) lines.push(t.dim('no match'));
      list.slice(first, first + rows).forEach((item, i) => {
        const text = fitWidth(`${item.label}${item.detail ? `  ${item.detail}` : ''}`, width);
        lines.push(first + i === cursor ? t.inverse(escapeTags(text)) : escapeTags(text));
      });
      box.setContent(lines.join('\n'));
    },
    destroy: () => box.destroy(),
  };
  ctx.open(overlay);
  return overlay;
}
