import type { KeyInfo } from 'neo-blessed';
import { completionText, completions, type CommandDef } from './commands.js';
import type { TuiContext } from './context.js';
import { cellWidth, escapeTags, fitWidth } from './format.js';
import * as ed from './input-model.js';
import { printable } from './overlays/box.js';

/**
 * The multi-line input box and its `/` autocomplete. Enter sends; Ctrl+J (or a trailing `\`)
 * adds a line; ↑/↓ move between lines, then through history; Tab completes a command.
 */
export interface InputBox {
  key(ch: string | undefined, key: KeyInfo): void;
  render(): void;
  text(): string;
  /** Insert text at the cursor (a picked file). */
  insert(text: string): void;
  /** Replace the whole text (a command chosen in the palette). */
  set(text: string): void;
}

export interface InputHandlers {
  submit(text: string): void;
  /** `@` typed at the start of a word: open the file picker. */
  pickFile(): void;
}

export function createInputBox(ctx: TuiContext, h: InputHandlers): InputBox {
  let s = ed.emptyInput();
  let selected = 0;
  const popupItems = (): CommandDef[] => completions(s.text);

  const accept = (def: CommandDef) => {
    const c = completionText(def);
    if (c.runNow) {
      const { next } = ed.submit(ed.setText(s, c.text));
      s = next;
      h.submit(c.text);
    } else s = ed.setText(s, c.text);
  };

  const key = (ch: string | undefined, k: KeyInfo) => {
    const items = popupItems();
    const popupOpen = items.length > 0;
    switch (k.name) {
      case 'enter':
        return; // blessed reports '\r' as both enter and return; act on return only
      case 'return':
        if (popupOpen && !items.some((d) => `/${d.name}` === s.text.trim())) return accept(items[Math.min(selected, items.length - 1)]!);
        if (s.text.endsWith('\\')) return void (s = ed.insert(ed.backspace(s), '\n'));
        {
          const { text, next } = ed.submit(s);
          s = next;
          selected = 0;
          h.submit(text);
        }
        return;
      case 'linefeed':
        s = ed.insert(s, '\n');
        return;
      case 'tab':
        if (popupOpen) s = ed.setText(s, completionText(items[Math.min(selected, items.length - 1)]!).text.trimEnd() + ' ');
        return;
      case 'up':
        if (popupOpen) selected = Math.max(0, selected - 1);
        else s = ed.up(s);
        return;
      case 'down':
        if (popupOpen) selected = Math.min(items.length - 1, selected + 1);
        else s = ed.down(s);
        return;
      case 'left':
        s = ed.moveLeft(s);
        return;
      case 'right':
        s = ed.moveRight(s);
        return;
      case 'home':
        s = ed.lineStart(s);
        return;
      case 'end':
        s = ed.lineEnd(s);
        return;
      case 'backspace':
        s = ed.backspace(s);
        selected = 0;
        return;
      case 'delete':
        s = ed.deleteForward(s);
        return;
      case 'escape':
        if (popupOpen) s = ed.clearInput(s);
        return;
    }
    if (k.ctrl && k.name === 'a') s = ed.lineStart(s);
    else if (k.ctrl && k.name === 'e') s = ed.lineEnd(s);
    else if (k.ctrl && k.name === 'u') s = ed.clearInput(s);
    else if (k.ctrl && k.name === 'w') s = ed.deleteWord(s);
    else if (printable(ch, k)) {
      const atWordStart = ed.wordAtCursor(s).word === '';
      s = ed.insert(s, ch);
      selected = 0;
      if (ch === '@' && atWordStart) h.pickFile();
    }
  };

  const render = () => {
    const { input, popup, screen } = ctx.layout;
    const width = Math.max(4, screen.width - 2);
    const rows = visualRows(s.text, width);
    if (rows !== ctx.layout.inputHeight() - 2) ctx.layout.relayout(rows);
    input.setContent(withCursor(s.text, s.cursor, ctx.theme.inverse));
    const cursorRow = visualRows(s.text.slice(0, s.cursor), width) - 1;
    input.scrollTo(cursorRow);
    const items = popupItems();
    if (items.length === 0) return popup.hide();
    const shown = items.slice(0, 8);
    selected = Math.min(selected, shown.length - 1);
    popup.height = shown.length + 2;
    popup.top = Math.max(0, screen.height - ctx.layout.inputHeight() - 1 - shown.length - 2);
    const pw = Math.max(10, (popup.width as number) - popup.iwidth);
    popup.setContent(shown.map((d, i) => {
      const line = escapeTags(fitWidth(`/${d.name}${d.args ? ` ${d.args}` : ''}  ${d.summary}`, pw));
      return i === selected ? ctx.theme.inverse(line) : line;
    }).join('\n'));
    popup.show();
    popup.setFront();
  };

  return { key: (ch, k) => (key(ch, k), ctx.requestRender()), render, text: () => s.text, insert: (t) => void (s = ed.insert(s, t)), set: (t) => void (s = ed.setText(s, t)) };
}

/** The text with the character under the cursor shown inverse (a space at a line end). */
function withCursor(text: string, cursor: number, inverse: (t: string) => string): string {
  const cp = text.codePointAt(cursor);
  const ch = cp === undefined || text[cursor] === '\n' ? ' ' : String.fromCodePoint(cp);
  const rest = text.slice(cursor + (ch === ' ' && (cp === undefined || text[cursor] === '\n') ? 0 : ch.length));
  return escapeTags(text.slice(0, cursor)) + inverse(escapeTags(ch)) + escapeTags(rest);
}

/** Rows the text takes when wrapped at `width` cells (the cursor cell included). */
export function visualRows(text: string, width: number): number {
  let rows = 0;
  for (const line of text.split('\n')) {
    let w = 1; // room for the cursor
    for (const ch of line) w += cellWidth(ch.codePointAt(0)!);
    rows += Math.max(1, Math.ceil(w / width));
  }
  return rows;
}
