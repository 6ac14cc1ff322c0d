/** The small part of neo-blessed 0.2.0 the TUI uses (the package ships no types). */
declare module 'neo-blessed' {
  export interface KeyInfo {
    full: string;
    name?: string;
    ctrl?: boolean;
    meta?: boolean;
    shift?: boolean;
    sequence?: string;
  }
  export interface Style {
    fg?: string;
    bg?: string;
    bold?: boolean;
    inverse?: boolean;
    border?: { fg?: string; bg?: string };
    scrollbar?: { bg?: string; fg?: string; ch?: string };
  }
  export interface ElementOptions {
    parent?: Node;
    top?: number | string;
    left?: number | string;
    right?: number | string;
    bottom?: number | string;
    width?: number | string;
    height?: number | string;
    content?: string;
    tags?: boolean;
    border?: { type: 'line' | 'bg' } | 'line';
    label?: string;
    style?: Style;
    scrollable?: boolean;
    alwaysScroll?: boolean;
    mouse?: boolean;
    keys?: boolean;
    wrap?: boolean;
    hidden?: boolean;
    padding?: number | { left?: number; right?: number; top?: number; bottom?: number };
    scrollbar?: { ch?: string; style?: Style } | boolean;
  }
  export interface Node {
    on(event: string, fn: (...args: any[]) => void): this;
    removeListener(event: string, fn: (...args: any[]) => void): this;
  }
  export interface Element extends Node {
    top: number | string;
    left: number | string;
    width: number | string;
    height: number | string;
    hidden: boolean;
    style: Style;
    readonly lpos?: { xi: number; xl: number; yi: number; yl: number };
    setContent(text: string): void;
    getContent(): string;
    setLabel(text: string): void;
    show(): void;
    hide(): void;
    destroy(): void;
    setFront(): void;
    focus(): void;
    readonly iheight: number;
    readonly iwidth: number;
  }
  export interface ScrollableBox extends Element {
    scroll(offset: number): void;
    scrollTo(index: number): void;
    setScrollPerc(perc: number): void;
    getScrollPerc(): number;
    getScroll(): number;
    getScrollHeight(): number;
    resetScroll(): void;
  }
  export interface Program {
    cols: number;
    rows: number;
    hideCursor(): void;
    showCursor(): void;
  }
  export interface Screen extends Node {
    width: number;
    height: number;
    program: Program;
    lines: Array<Array<[number, string]>>;
    render(): void;
    destroy(): void;
    alloc(): void;
    realloc(): void;
    enableMouse(): void;
    exec(file: string, args: string[], options: object, callback: (err: Error | null, ok: boolean) => void): void;
    key(keys: string | string[], fn: (ch: string, key: KeyInfo) => void): void;
  }
  export interface ScreenOptions {
    input?: NodeJS.ReadableStream;
    output?: NodeJS.WritableStream;
    terminal?: string;
    warnings?: boolean;
    fullUnicode?: boolean;
    forceUnicode?: boolean;
    smartCSR?: boolean;
    autoPadding?: boolean;
    dockBorders?: boolean;
    title?: string;
    cursor?: { artificial?: boolean; shape?: string; blink?: boolean };
    sendFocus?: boolean;
    useBCE?: boolean;
  }
  export function screen(options: ScreenOptions): Screen;
  export function box(options: ElementOptions): ScrollableBox;
  const blessed: { screen: typeof screen; box: typeof box };
  export default blessed;
}
