/**
 * Tool descriptions and JSON schemas, as data. Every token here is paid on every model call:
 * keep them short and re-measure with `pith tool --list` (target: all core tools < 900 tokens).
 */
import type { AnchorMode, JsonSchema } from '../core/index.js';

const str = { type: 'string' } as const;

const ROWS: Record<AnchorMode, string> = {
  hash: 'Rows are `N:hh|text`; `N:hh` is the anchor edit takes.',
  line: 'Rows are `N|text`; N is the anchor edit takes.',
  off: '',
};

const READ_REST = 'Big files: outline + head, then ask for lines (max 150) or a symbol.';
export const READ_DESCRIPTION: Record<AnchorMode, string> = {
  hash: `Read a file or directory (tree). ${ROWS.hash} ${READ_REST}`,
  line: `Read a file or directory (tree). ${ROWS.line} ${READ_REST}`,
  off: `Read a file or directory (tree). ${READ_REST}`,
};

export const READ_PARAMS: JsonSchema = {
  type: 'object',
  properties: { path: str, lines: { type: 'string', description: 'e.g. "40-90"' }, symbol: { type: 'string', description: 'definition name' } },
  required: ['path'],
};

export function editDescription(mode: AnchorMode): string {
  if (mode === 'off') return 'Edit a file: replace old (exact text, must occur once) with new.';
  const a = mode === 'hash' ? '"12:ab"' : '"12"';
  return (
    `Edit a file by anchors from read/search, e.g. ${a}. Ops: {from,to?,text} replaces lines from..to ("" deletes); ` +
    '{after,text} inserts below ("0" = top). Ops apply together, anchors as you saw them. Or {old,new}: exact unique text.'
  );
}

export function editParams(mode: AnchorMode): JsonSchema {
  const properties: Record<string, unknown> = { path: str };
  if (mode !== 'off') {
    properties.edits = {
      type: 'array',
      items: { type: 'object', properties: { from: str, to: str, after: str, text: str }, required: ['text'] },
    };
  }
  properties.old = str;
  properties.new = str;
  return { type: 'object', properties, required: mode === 'off' ? ['path', 'old', 'new'] : ['path'] };
}

export const WRITE_DESCRIPTION = 'Create a file, or overwrite one whole. Prefer edit for changes.';
export const WRITE_PARAMS: JsonSchema = { type: 'object', properties: { path: str, content: str }, required: ['path', 'content'] };

export const SEARCH_DESCRIPTION = 'Search file contents (.gitignore respected). Literal unless regex; lowercase = any case. path limits to a dir or file.';
export const SEARCH_PARAMS: JsonSchema = {
  type: 'object',
  properties: { pattern: str, regex: { type: 'boolean' }, path: str },
  required: ['pattern'],
};

export const BASH_DESCRIPTION = 'Run a shell command in the project root; long output is cut (errors + tail kept).';
export const BASH_PARAMS: JsonSchema = {
  type: 'object',
  properties: { command: str, timeout_s: { type: 'integer' }, done: { type: 'boolean', description: 'true: task ends if it exits 0' } },
  required: ['command'],
};

export const RECALL_DESCRIPTION = 'Full text of an earlier result that was cut (its note gives the id).';
export const RECALL_PARAMS: JsonSchema = { type: 'object', properties: { id: str }, required: ['id'] };

export const SYMBOLS_DESCRIPTION = 'Find definitions by name (query), or list those in a file (path).';
export const SYMBOLS_PARAMS: JsonSchema = { type: 'object', properties: { query: str, path: str } };
