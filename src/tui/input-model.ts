/**
 * The input box as a pure value: text, cursor (a code-unit offset that never splits a surrogate
 * pair) and history. Every edit returns a new InputState.
 */
export interface InputState {
  text: string;
  cursor: number;
  history: readonly string[];
  /** Index into history while browsing with ↑/↓; history.length = the draft. */
  browsing: number;
  draft: string;
}

export function emptyInput(history: readonly string[] = []): InputState {
  return { text: '', cursor: 0, history, browsing: history.length, draft: '' };
}

export function setText(s: InputState, text: string): InputState {
  return { ...s, text, cursor: text.length };
}

export function insert(s: InputState, chunk: string): InputState {
  const text = s.text.slice(0, s.cursor) + chunk + s.text.slice(s.cursor);
  return { ...s, text, cursor: s.cursor + chunk.length };
}

export function backspace(s: InputState): InputState {
  if (s.cursor === 0) return s;
  const from = prevBoundary(s.text, s.cursor);
  return { ...s, text: s.text.slice(0, from) + s.text.slice(s.cursor), cursor: from };
}

export function deleteForward(s: InputState): InputState {
  if (s.cursor >= s.text.length) return s;
  return { ...s, text: s.text.slice(0, s.cursor) + s.text.slice(nextBoundary(s.text, s.cursor)) };
}

export function moveLeft(s: InputState): InputState {
  return { ...s, cursor: prevBoundary(s.text, s.cursor) };
}

export function moveRight(s: InputState): InputState {
  return { ...s, cursor: nextBoundary(s.text, s.cursor) };
}

export function lineStart(s: InputState): InputState {
  return { ...s, cursor: s.text.lastIndexOf('\n', s.cursor - 1) + 1 };
}

export function lineEnd(s: InputState): InputState {
  const i = s.text.indexOf('\n', s.cursor);
  return { ...s, cursor: i < 0 ? s.text.length : i };
}

/** Ctrl+W: delete the word before the cursor (and the spaces after it). */
export function deleteWord(s: InputState): InputState {
  const before = s.text.slice(0, s.cursor).replace(/\S*\s*$/, '');
  return { ...s, text: before + s.text.slice(s.cursor), cursor: before.length };
}

export function clearInput(s: InputState): InputState {
  return { ...s, text: '', cursor: 0, browsing: s.history.length, draft: '' };
}

/** ↑: the line above in a multi-line text, else the previous history entry. */
export function up(s: InputState): InputState {
  const lineBegin = s.text.lastIndexOf('\n', s.cursor - 1) + 1;
  if (lineBegin > 0) {
    const col = s.cursor - lineBegin;
    const prevBegin = s.text.lastIndexOf('\n', lineBegin - 2) + 1;
    return { ...s, cursor: Math.min(prevBegin + col, lineBegin - 1) };
  }
  if (s.browsing === 0) return s;
  const draft = s.browsing === s.history.length ? s.text : s.draft;
  const text = s.history[s.browsing - 1]!;
  return { ...s, text, cursor: text.length, browsing: s.browsing - 1, draft };
}

/** ↓: the line below, else the next history entry (and finally the draft). */
export function down(s: InputState): InputState {
  const nl = s.text.indexOf('\n', s.cursor);
  if (nl >= 0) {
    const lineBegin = s.text.lastIndexOf('\n', s.cursor - 1) + 1;
    const col = s.cursor - lineBegin;
    const nextEnd = s.text.indexOf('\n', nl + 1);
    return { ...s, cursor: Math.min(nl + 1 + col, nextEnd < 0 ? s.text.length : nextEnd) };
  }
  if (s.browsing >= s.history.length) return s;
  const browsing = s.browsing + 1;
  const text = browsing === s.history.length ? s.draft : s.history[browsing]!;
  return { ...s, text, cursor: text.length, browsing };
}

/** Enter: the text to submit and the cleared state with the text added to history. */
export function submit(s: InputState): { text: string; next: InputState } {
  const text = s.text;
  const history = text.trim() && s.history[s.history.length - 1] !== text ? [...s.history, text].slice(-200) : s.history;
  return { text, next: emptyInput(history) };
}

/** The word being typed at the cursor, with where it starts: for `@` and `/` completion. */
export function wordAtCursor(s: InputState): { word: string; start: number } {
  const before = s.text.slice(0, s.cursor);
  const m = /\S*$/.exec(before)!;
  return { word: m[0], start: before.length - m[0].length };
}

/** Replace the word at the cursor with `replacement`. */
export function replaceWord(s: InputState, replacement: string): InputState {
  const { start } = wordAtCursor(s);
  const text = s.text.slice(0, start) + replacement + s.text.slice(s.cursor);
  return { ...s, text, cursor: start + replacement.length };
}

function prevBoundary(text: string, i: number): number {
  if (i <= 0) return 0;
  const c = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

function nextBoundary(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
}
