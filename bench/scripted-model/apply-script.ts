import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Intent } from './tasks.js';

/**
 * Apply a script's file-changing intents straight to a directory, without any agent: what the
 * fixture checker uses to prove each task's script really solves it. Reads, runs and finishes
 * are no-ops. Throws when an `old` or `anchor_text` is missing or not unique (a broken script).
 */
export function applyScript(root: string, intents: readonly Intent[]): void {
  for (const intent of intents) {
    switch (intent.do) {
      case 'replace':
      case 'insert_after': {
        const path = join(root, intent.file);
        const text = readFileSync(path, 'utf8');
        writeFileSync(path, intent.do === 'replace' ? replaceOnce(text, intent.old, intent.new, intent.file) : insertAfter(text, intent.anchor_text, intent.text, intent.file));
        break;
      }
      case 'write': {
        const path = join(root, intent.file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, intent.content);
        break;
      }
      default:
        break;
    }
  }
}

export function replaceOnce(text: string, old: string, replacement: string, where = 'file'): string {
  const at = uniqueIndex(text, old, where);
  return text.slice(0, at) + replacement + text.slice(at + old.length);
}

/**
 * Insert `insert` as whole lines after the line on which `anchor` ends. The contract the
 * scripted model's `after` anchor and the old/new fallback both reproduce.
 */
export function insertAfter(text: string, anchor: string, insert: string, where = 'file'): string {
  const end = uniqueIndex(text, anchor, where) + anchor.length;
  const nl = text.indexOf('\n', end);
  if (nl < 0) return `${text}\n${insert}`;
  return `${text.slice(0, nl + 1)}${insert}\n${text.slice(nl + 1)}`;
}

function uniqueIndex(text: string, needle: string, where: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${where}: text not found: ${JSON.stringify(needle.slice(0, 80))}`);
  if (text.indexOf(needle, at + 1) >= 0) throw new Error(`${where}: text occurs more than once: ${JSON.stringify(needle.slice(0, 80))}`);
  return at;
}
