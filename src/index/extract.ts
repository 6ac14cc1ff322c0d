import type { Node, QueryMatch } from 'web-tree-sitter';
import type { SymbolDef, SymbolKind } from './types.js';
import type { LoadedGrammar } from './grammar.js';

/**
 * Turns one parsed file into definitions and references using its tags query.
 *
 * Capture contract of every .scm under ./queries:
 *   @definition.<kind>  the whole definition node (<kind> is a SymbolKind); its range gives the lines
 *   @name               the definition's (or scope's) name node, in the same pattern
 *   @scope              a node that only names a container (Rust `impl`), not itself a definition
 *   @container          an explicit container name (Go method receiver type)
 *   @reference          an identifier node that uses a name (calls, types, constructors ...)
 * When several patterns capture the same name node, the first pattern in the file wins, so
 * specific patterns go before general ones.
 */

/** References as [name, lines ascending] pairs, names unique. */
export type RefList = Array<[string, number[]]>;

export interface Extracted {
  defs: SymbolDef[];
  refs: RefList;
}

const KINDS = new Set<string>([
  'function', 'method', 'class', 'interface', 'type', 'enum', 'constant', 'variable', 'struct', 'trait', 'module', 'field',
]);
/** Kinds whose members name them as container. */
const CONTAINERS = new Set<string>(['class', 'interface', 'struct', 'trait', 'enum', 'module', 'scope']);
/** A function directly inside one of these is a method. */
const METHOD_OWNERS = new Set<string>(['class', 'interface', 'struct', 'trait', 'enum', 'scope']);
const SIGNATURE_MAX = 200;

interface Item {
  kind: SymbolKind | 'scope';
  name: string;
  nameRow: number;
  nameIndex: number;
  start: number;
  end: number;
  startRow: number;
  endRow: number;
  pattern: number;
  container?: string;
}

/**
 * A node's text as `text.slice(startIndex, endIndex)`: what `Node.text` returns for a tree parsed
 * from `text` (indices are UTF-16 offsets), without its detour through the tree's input callback.
 * Per reference this runs hundreds of thousands of times over a large project.
 */
const textOf = (text: string, n: Node): string => text.slice(n.startIndex, n.endIndex);

function itemOf(m: QueryMatch, offset: number, src: string): Item | null {
  let node: Node | null = null;
  let kind: string | null = null;
  let name: Node | null = null;
  let container: string | undefined;
  for (const c of m.captures) {
    if (c.name === 'name') name = c.node;
    else if (c.name === 'container') container = textOf(src, c.node);
    else if (c.name === 'scope') { node = c.node; kind = 'scope'; }
    else if (c.name.startsWith('definition.')) { node = c.node; kind = c.name.slice(11); }
  }
  if (!node || !kind || !name || !(kind === 'scope' || KINDS.has(kind))) return null;
  const text = textOf(src, name);
  if (!text) return null;
  return {
    kind: kind as Item['kind'],
    name: text,
    nameRow: name.startPosition.row,
    nameIndex: name.startIndex,
    start: node.startIndex,
    end: node.endIndex,
    startRow: node.startPosition.row,
    // A node that ends at column 0 ends on the previous line (e.g. `#define` takes its newline).
    endRow: node.endPosition.column === 0 && node.endPosition.row > node.startPosition.row ? node.endPosition.row - 1 : node.endPosition.row,
    pattern: m.patternIndex + offset,
    container,
  };
}

export function extract(grammar: LoadedGrammar, text: string): Extracted {
  const tree = grammar.parser.parse(text);
  if (!tree) return { defs: [], refs: [] };
  try {
    const top = grammar.top ? grammar.top.matches(tree.rootNode, { maxStartDepth: 0 }) : [];
    const offset = grammar.top ? grammar.top.patternCount() : 0;
    const rest = grammar.rest.matches(tree.rootNode);
    return collect(top, rest, offset, text);
  } finally {
    tree.delete();
  }
}

function collect(top: QueryMatch[], rest: QueryMatch[], offset: number, text: string): Extracted {
  // Definitions and scopes, deduplicated by name node (first pattern wins).
  const byName = new Map<number, Item>();
  const refNodes: Node[] = [];
  const add = (matches: QueryMatch[], offset: number) => {
    for (const m of matches) {
      if (m.captures.length === 1 && m.captures[0].name === 'reference') {
        refNodes.push(m.captures[0].node);
        continue;
      }
      const it = itemOf(m, offset, text);
      if (!it) continue;
      const prev = byName.get(it.nameIndex);
      if (!prev || it.pattern < prev.pattern) byName.set(it.nameIndex, it);
    }
  };
  add(top, 0);
  add(rest, offset);
  const items = [...byName.values()].sort((a, b) => a.start - b.start || b.end - a.end || a.pattern - b.pattern);

  // Containers by range nesting: a stack of open container items.
  const stack: Item[] = [];
  const defs: SymbolDef[] = [];
  const defNamesByRow = new Map<number, string[]>();
  for (const it of items) {
    while (stack.length && stack[stack.length - 1].end <= it.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (it.container === undefined) it.container = nearestContainer(stack);
    stack.push(it);
    if (it.kind === 'scope') continue;
    const onRow = defNamesByRow.get(it.nameRow);
    if (onRow) onRow.push(it.name);
    else defNamesByRow.set(it.nameRow, [it.name]);
    let kind: SymbolKind = it.kind;
    if (kind === 'function' && (parent ? METHOD_OWNERS.has(parent.kind) : it.container !== undefined)) kind = 'method';
    const def: SymbolDef = {
      name: it.name,
      kind,
      path: '',
      startLine: it.startRow + 1,
      endLine: it.endRow + 1,
      signature: lineAt(text, it.nameIndex).trim().slice(0, SIGNATURE_MAX),
    };
    if (it.container !== undefined) def.container = it.container;
    defs.push(def);
  }

  // References: unique names with their lines; a definition's own name is not a use of it.
  const refs = new Map<string, number[]>();
  for (const n of refNodes) {
    const name = textOf(text, n);
    const row = n.startPosition.row;
    if (name.length < 2 || defNamesByRow.get(row)?.includes(name)) continue;
    const ls = refs.get(name);
    if (!ls) refs.set(name, [row + 1]);
    else if (ls[ls.length - 1] !== row + 1) ls.push(row + 1);
  }
  const out: RefList = [];
  for (const [name, ls] of refs) out.push([name, ls.length > 1 ? uniqueSorted(ls) : ls]);
  return { defs, refs: out };
}

/** The line of `text` holding UTF-16 offset `at` (node indices are UTF-16 offsets), without its newline. */
function lineAt(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at - 1) + 1, end < 0 ? text.length : end);
}

function nearestContainer(stack: Item[]): string | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (CONTAINERS.has(stack[i].kind)) return stack[i].name;
  return undefined;
}

function uniqueSorted(ls: number[]): number[] {
  ls.sort((a, b) => a - b);
  return ls.filter((v, i) => i === 0 || v !== ls[i - 1]);
}
