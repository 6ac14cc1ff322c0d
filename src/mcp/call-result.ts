import type { ToolErrorType, ToolResult } from '../core/index.js';

/** The parts of an MCP CallToolResult we read (kept structural so tests can build them by hand). */
export interface McpCallResult {
  content?: ReadonlyArray<{ type: string; [k: string]: unknown }>;
  structuredContent?: unknown;
  isError?: boolean;
}

export interface ResultShaping {
  /** Counts tokens with the real tokenizer. */
  count(text: string): number;
  /** forModel is cut to this many tokens. */
  maxTokens: number;
  /** Label for messages and display, e.g. "github.search_issues". */
  label: string;
  /** When given, the full text of a cut result is kept under the returned id (meta.recallId). */
  keep?(fullText: string): string | undefined;
}

/**
 * Map a CallToolResult to pith's ToolResult. Contract:
 * - text parts (and text of embedded resources) are joined with newlines, in order;
 * - every non-text part (image, audio, resource link, blob) is summarised on one line at the end;
 * - no text but structuredContent -> its JSON;
 * - isError -> `error: { type: 'failed' }` carrying the server's text;
 * - text over `maxTokens` is cut, and the cut says how much and how to get more.
 */
export function shapeCallResult(result: McpCallResult, s: ResultShaping): ToolResult {
  const texts: string[] = [];
  const others: string[] = [];
  for (const part of result.content ?? []) {
    const p = part as Record<string, unknown>;
    switch (part.type) {
      case 'text':
        texts.push(String(p.text ?? ''));
        break;
      case 'resource': {
        const r = (p.resource ?? {}) as Record<string, unknown>;
        if (typeof r.text === 'string') texts.push(`[resource ${String(r.uri ?? '')}]\n${r.text}`);
        else others.push(`resource ${String(r.uri ?? '')} (${String(r.mimeType ?? 'binary')}${sizeOf(r.blob)})`);
        break;
      }
      case 'image':
      case 'audio':
        others.push(`${part.type} ${String(p.mimeType ?? '')}${sizeOf(p.data)}`.trim());
        break;
      case 'resource_link':
        others.push(`link ${String(p.uri ?? p.name ?? '')}`);
        break;
      default:
        others.push(String(part.type));
    }
  }
  if (texts.length === 0 && result.structuredContent !== undefined) texts.push(JSON.stringify(result.structuredContent));
  let text = texts.join('\n');
  if (others.length > 0) text += `${text ? '\n' : ''}[${others.length} non-text part${others.length > 1 ? 's' : ''} not shown: ${others.join(', ')}]`;
  if (text === '') text = '(no output)';

  const cut = cutToTokens(text, s.maxTokens, s.count);
  let forModel = cut.text;
  let recallId: string | undefined;
  if (cut.truncated) {
    recallId = s.keep?.(text);
    const how = recallId ? `recall id ${recallId} holds the rest` : 'call again with narrower arguments for the rest';
    forModel += `\n[cut: showing ${cut.keptTokens} of ${cut.totalTokens} tokens, ${cut.cutLines} lines cut; ${how}]`;
  }
  const tokens = s.count(forModel);
  const shaped: ToolResult = {
    forModel,
    display: `${s.label}: ${cut.totalTokens} tokens${cut.truncated ? `, cut to ${cut.keptTokens}` : ''}${others.length ? `, ${others.length} non-text` : ''}`,
    meta: { tokens, truncated: cut.truncated, ...(recallId ? { recallId } : {}) },
  };
  if (result.isError) shaped.error = { type: 'failed', message: firstLine(cut.text) };
  return shaped;
}

/** A result for a call that never produced a CallToolResult (timeout, crash, abort, denied). */
export function errorResult(type: ToolErrorType, message: string, count: (t: string) => number): ToolResult {
  const forModel = `error: ${message}`;
  return { forModel, display: message, meta: { tokens: count(forModel), truncated: false }, error: { type, message } };
}

export interface TokenCut {
  text: string;
  truncated: boolean;
  keptTokens: number;
  totalTokens: number;
  cutLines: number;
}

/**
 * A prefix of `text` within `maxTokens`, ending at a line break unless the first line alone is
 * too long. Work is proportional to what is kept, not to the whole text.
 */
export function cutToTokens(text: string, maxTokens: number, count: (t: string) => number): TokenCut {
  const total = count(text);
  if (total <= maxTokens) return { text, truncated: false, keptTokens: total, totalTokens: total, cutLines: 0 };
  const lines = text.split('\n');
  let used = 0;
  let n = 0;
  while (n < lines.length) {
    const cost = count(lines[n]! + '\n');
    if (used + cost > maxTokens) break;
    used += cost;
    n += 1;
  }
  let kept = lines.slice(0, n).join('\n');
  if (n === 0) kept = longestPrefix(lines[0]!, maxTokens, count);
  // Per-line counts can differ slightly from the joined count: enforce the cap on the real text.
  while (kept.length > 0 && count(kept) > maxTokens) kept = kept.slice(0, kept.lastIndexOf('\n') > 0 ? kept.lastIndexOf('\n') : Math.floor(kept.length * 0.9));
  const cutLines = lines.length - n;
  return { text: kept, truncated: true, keptTokens: count(kept), totalTokens: total, cutLines };
}

function longestPrefix(line: string, maxTokens: number, count: (t: string) => number): string {
  let lo = 0;
  let hi = Math.min(line.length, maxTokens * 16);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (count(line.slice(0, mid)) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  return line.slice(0, lo);
}

function sizeOf(base64: unknown): string {
  if (typeof base64 !== 'string') return '';
  const bytes = Math.floor((base64.length * 3) / 4);
  return bytes >= 1024 ? `, ${Math.round(bytes / 1024)} KB` : `, ${bytes} B`;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 200 ? line.slice(0, 199) + '…' : line;
}
