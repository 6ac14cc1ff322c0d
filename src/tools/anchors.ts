/**
 * Line anchors: `<line>:<hash>|<text>` (hash mode), `<line>|<text>` (line mode), plain text (off).
 * The hash is 2 lowercase letters of xxh32(line text without its EOL): o200k encodes every
 * such pair as one token, which measured cheaper than base-36 (digits merge with neighbours).
 * 676 values: a changed line slips through a check with p ~ 1/676.
 */
import xxhash from 'xxhash-wasm';
import { assertNever, type AnchorMode } from '../core/index.js';

type Api = Awaited<ReturnType<typeof xxhash>>;
let api: Api | null = null;
let loading: Promise<Api> | null = null;

const ALPHA = 'abcdefghijklmnopqrstuvwxyz';

/** Load the wasm hasher once per process. Every toolset awaits this before its first call. */
export async function initAnchors(): Promise<void> {
  loading ??= xxhash().then((a) => (api = a));
  await loading;
}

function hasher(): Api {
  if (!api) throw new Error('anchors: initAnchors() was not awaited');
  return api;
}

/** The 2-letter hash of one line's text (no EOL). */
export function lineHash(text: string): string {
  const v = hasher().h32(text) >>> 0;
  return ALPHA[v % 26]! + ALPHA[Math.floor(v / 26) % 26]!;
}

/** A 64-bit content hash, used as a file's version identity. */
export function contentHash(text: string): string {
  return hasher().h64ToString(text);
}

export function formatLine(line: number, text: string, mode: AnchorMode, hash?: string): string {
  switch (mode) {
    case 'hash':
      return `${line}:${hash ?? lineHash(text)}|${text}`;
    case 'line':
      return `${line}|${text}`;
    case 'off':
      return text;
    default:
      return assertNever(mode);
  }
}

/** Format `lines` (0-based array) from 1-based `start` to `end` inclusive, one per row. */
export function formatRange(lines: readonly string[], start: number, end: number, mode: AnchorMode): string {
  const out: string[] = [];
  for (let n = start; n <= end && n <= lines.length; n++) out.push(formatLine(n, lines[n - 1]!, mode));
  return out.join('\n');
}

/** An anchor as the model wrote it. `hash` absent = a bare line number (checked against what was shown). */
export interface Anchor {
  line: number;
  hash?: string;
}

/**
 * Parse "12:ab", "12" or a whole pasted row "12:ab|text". Returns null when it is not an anchor.
 * Bare numbers are accepted in every mode.
 */
export function parseAnchor(raw: string | number): Anchor | null {
  const s = String(raw).trim();
  const m = /^(\d+)(?::([a-z]{2}))?(?:\|.*)?$/s.exec(s);
  if (!m) return null;
  const line = Number(m[1]);
  if (!Number.isSafeInteger(line)) return null;
  return m[2] ? { line, hash: m[2] } : { line };
}

const HASH_PREFIX = /^\d+:[a-z]{2}\|/;
const LINE_PREFIX = /^\d+\|/;

/**
 * Remove anchor prefixes a model copied into new text. Hash prefixes are unmistakable, so in an
 * edit each row that has one loses it (copied rows mixed with new ones); with `all` (whole-file
 * writes, where a document may quote the format) only when every non-empty row has one. Bare
 * `N|` prefixes are removed only when every non-empty row has one.
 */
export function stripAnchorPrefixes(text: string, mode: 'any' | 'all' = 'any'): string {
  const rows = text.split('\n');
  const nonEmptyRows = rows.filter((r) => r.length > 0);
  const hashed = mode === 'any' ? rows.some((r) => HASH_PREFIX.test(r)) : nonEmptyRows.length > 0 && nonEmptyRows.every((r) => HASH_PREFIX.test(r));
  if (hashed) return rows.map((r) => r.replace(HASH_PREFIX, '')).join('\n');
  if (nonEmptyRows.length > 0 && nonEmptyRows.every((r) => LINE_PREFIX.test(r))) return rows.map((r) => r.replace(LINE_PREFIX, '')).join('\n');
  return text;
}

/** How an anchor is spelled in this mode, for descriptions and error messages. */
export function anchorExample(mode: AnchorMode, line = 12): string {
  return mode === 'hash' ? `${line}:${lineHashSample(line)}` : String(line);
}

function lineHashSample(line: number): string {
  return ALPHA[line % 26]! + ALPHA[(line * 7) % 26]!;
}
