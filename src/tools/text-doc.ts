/**
 * A text file as lines plus each line's own terminator, so an edit rewrites only the lines it
 * touches: CRLF stays CRLF, a mixed file stays mixed, a missing final newline stays missing.
 */

export interface TextDoc {
  /** Line texts without terminators. */
  lines: string[];
  /** Terminator of each line: '\n', '\r\n', or '' (only ever the last line). */
  terms: string[];
  /** The file's dominant terminator: what new lines get. */
  eol: '\n' | '\r\n';
}

export type Decoded = { ok: true; text: string } | { ok: false; reason: 'binary' | 'encoding' };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Binary = a NUL byte in the first 8 KiB; otherwise it must be valid UTF-8 (a BOM is kept). */
export function decodeText(buf: Uint8Array): Decoded {
  const probe = buf.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, reason: 'binary' };
  try {
    return { ok: true, text: utf8.decode(buf) };
  } catch {
    return { ok: false, reason: 'encoding' };
  }
}

export function parseDoc(text: string): TextDoc {
  const lines: string[] = [];
  const terms: string[] = [];
  let crlf = 0;
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push(text.slice(start));
      terms.push('');
      break;
    }
    const cr = nl > start && text.charCodeAt(nl - 1) === 13;
    lines.push(text.slice(start, cr ? nl - 1 : nl));
    terms.push(cr ? '\r\n' : '\n');
    if (cr) crlf++;
    start = nl + 1;
  }
  return { lines, terms, eol: crlf > 0 && crlf * 2 >= terms.length - crlf ? '\r\n' : '\n' };
}

export function docText(doc: TextDoc): string {
  let s = '';
  for (let i = 0; i < doc.lines.length; i++) s += doc.lines[i]! + doc.terms[i]!;
  return s;
}

/** Split model-written text into lines: '\r' dropped, one trailing newline ignored, '' = no lines. */
export function splitNewText(text: string): string[] {
  if (text === '') return [];
  const rows = text.replace(/\r\n?/g, '\n').split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  return rows;
}

/**
 * Replace `deleteCount` lines at 0-based `start` with `insert`. New lines take the dominant
 * terminator; whether the file ends with a newline is preserved (an empty file gains one).
 */
export function spliceDoc(doc: TextDoc, start: number, deleteCount: number, insert: readonly string[]): TextDoc {
  const finalNewline = doc.lines.length === 0 || doc.terms[doc.terms.length - 1] !== '';
  const lines = doc.lines.slice();
  const terms = doc.terms.slice();
  lines.splice(start, deleteCount, ...insert);
  terms.splice(start, deleteCount, ...insert.map(() => doc.eol));
  const last = lines.length - 1;
  for (let i = 0; i < last; i++) if (terms[i] === '') terms[i] = doc.eol;
  if (last >= 0) terms[last] = finalNewline ? terms[last] || doc.eol : '';
  return { lines, terms, eol: doc.eol };
}
