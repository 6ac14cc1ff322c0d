import type { SymbolIndex, SymbolKind } from '../index/types.js';

/** Definition kinds worth pre-loading when a task names them (not fields or local variables). */
const CODE_KINDS = new Set<SymbolKind>(['function', 'method', 'class', 'interface', 'type', 'enum', 'struct', 'trait', 'constant']);

/** English words that are also common definition names; a task saying them rarely means the code. */
const STOP = new Set(['make', 'when', 'with', 'from', 'into', 'that', 'this', 'then', 'than', 'them', 'they', 'there', 'what', 'which', 'while', 'where', 'each', 'every', 'only', 'also', 'test', 'tests', 'file', 'files', 'function', 'method', 'class', 'type', 'value', 'values', 'name', 'names', 'default', 'config', 'error', 'errors', 'data', 'list', 'item', 'items', 'result', 'results', 'main', 'index', 'input', 'output', 'parse', 'format', 'update', 'change', 'add', 'remove', 'rename', 'fix', 'use', 'new', 'old', 'get', 'set', 'run', 'min', 'max']);

/**
 * Definitions a task names outright ("make function clamp swap ...", "rename `formatMoney`"):
 * identifiers of the task that are the exact, case-sensitive name of at most two code
 * definitions. Returned as `path:name`, in the task's order, at most `max`. Pre-loading them
 * saves the model a search and a read; a word that matches many definitions is left alone.
 */
export async function symbolsNamedIn(task: string, index: SymbolIndex, max = 3): Promise<string[]> {
  const words = [...new Set(task.match(/[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)*/g) ?? [])];
  const out: string[] = [];
  for (const word of words) {
    if (out.length >= max) break;
    const last = word.split(/\.|::/).pop()!;
    const qualified = last !== word; // `Queue.run` is code even though `run` alone is a word
    if (!qualified && (last.length < 4 || STOP.has(last.toLowerCase()))) continue;
    let hits = (await index.find(word, 5)).filter((d) => d.name === last && CODE_KINDS.has(d.kind));
    // A plain lowercase word ("tags", "wrap") is prose unless the task treats it as code: calls it a
    // function, writes it as a call, or names the file that defines it.
    if (!qualified && /^[a-z][a-z0-9]*$/.test(word) && !asCode(task, word)) hits = hits.filter((d) => task.includes(d.path));
    if (hits.length === 0 || hits.length > 2) continue;
    for (const h of hits) if (out.length < max) out.push(`${h.path}:${h.container && word.includes(h.container) ? word : h.name}`);
  }
  return out;
}

/** The task calls `word` a function (or the like), or writes it as a call: `tags(`, not prose's "percentage (reject ...)". */
function asCode(task: string, word: string): boolean {
  return new RegExp(`\\b(function|method|fn|def|class|struct|type|trait|interface|enum)\\s+${word}\\b|\\b${word}\\(`).test(task);
}
