import blessed, { type Element, type Screen, type ScrollableBox } from 'neo-blessed';

/**
 * The four fixed regions, top to bottom: status line, transcript, stats bar, input box; plus the
 * autocomplete popup above the input. Heights are recomputed on resize and as the input grows.
 */
export interface Layout {
  screen: Screen;
  status: Element;
  transcript: ScrollableBox;
  stats: Element;
  input: ScrollableBox;
  popup: Element;
  /** Re-lay out for `inputLines` lines of input text (1..MAX_INPUT_LINES). */
  relayout(inputLines: number): void;
  /** Rows of the input area including its border. */
  inputHeight(): number;
  destroy(): void;
}

export interface LayoutOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
}

export const MAX_INPUT_LINES = 6;

const INPUT_LABELS = [
  ' message · Enter send · Ctrl+J newline · / commands · @ file · Ctrl+P palette ',
  ' message · Enter send · Ctrl+J newline · / · @ · Ctrl+P ',
  ' message ',
];

export function createLayout(o: LayoutOptions): Layout {
  // terminal: Debian's xterm-256color/tmux-256color terminfo is unreadable for neo-blessed; its
  // built-in xterm definition works everywhere we tried. warnings: false keeps it off the screen.
  const screen = blessed.screen({
    input: o.input, output: o.output, terminal: 'xterm-256color', warnings: false,
    fullUnicode: true, smartCSR: true, autoPadding: true, dockBorders: true, title: 'pith', useBCE: false,
  });
  const accent = o.color ? { fg: 'cyan' } : {};
  const status = blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: 1, tags: true, style: o.color ? { bg: 'black' } : { inverse: false } });
  const transcript = blessed.box({
    parent: screen, top: 1, left: 0, width: '100%', height: 1, tags: true, scrollable: true, alwaysScroll: true, mouse: true,
    wrap: true, padding: { left: 1, right: 1 }, scrollbar: { ch: ' ', style: o.color ? { bg: 'gray' } : { inverse: true } },
  });
  const stats = blessed.box({ parent: screen, left: 0, width: '100%', height: 1, tags: true });
  const input = blessed.box({
    parent: screen, left: 0, width: '100%', height: 3, tags: true, scrollable: true, border: { type: 'line' },
    style: { border: accent },
  });
  const popup = blessed.box({ parent: screen, left: 1, width: 60, height: 3, tags: true, border: { type: 'line' }, hidden: true, style: { border: accent } });
  let lines = 1;
  let label = '';
  // A label wider than the box would spill into the text row: take the longest that fits.
  const fitLabel = () => {
    const next = INPUT_LABELS.find((l) => l.length + 4 <= screen.width) ?? '';
    if (next !== label) input.setLabel((label = next));
  };
  const inputHeight = () => lines + 2;
  const relayout = (inputLines: number) => {
    lines = Math.max(1, Math.min(MAX_INPUT_LINES, inputLines));
    const h = screen.height;
    const ih = inputHeight();
    input.top = Math.max(0, h - ih);
    input.height = ih;
    stats.top = Math.max(0, h - ih - 1);
    transcript.top = 1;
    transcript.height = Math.max(1, h - ih - 2);
    popup.width = Math.max(20, Math.min(80, screen.width - 2));
    fitLabel();
  };
  relayout(1);
  screen.on('resize', () => relayout(lines));
  return { screen, status, transcript, stats, input, popup, relayout, inputHeight, destroy: () => screen.destroy() };
}
