/**
 * File outlines for large reads and `symbols { path }`: from the injected SymbolIndex when it
 * knows the language, else a regex fallback good enough for common languages (a definition ends
 * before the next one at the same or lower indent, trailing blank lines dropped).
 */
import type { SymbolDef, SymbolIndex, SymbolKind } from '../index/types.js';

const PATTERNS: Array<[RegExp, SymbolKind]> = [
  [/^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/, 'class'],
  [/^\s*(?:export\s+)?interface\s+([A-Za-z_$][\w$]*)/, 'interface'],
  [/^\s*(?:export\s+)?(?:declare\s+)?type\s+([A-Za-z_$][\w$]*)\s*(?:<[^=]*>)?\s*=/, 'type'],
  [/^\s*(?:export\s+)?(?:const\s+)?enum\s+([A-Za-z_$][\w$]*)/, 'enum'],
  [/^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/, 'function'],
  [/^(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>/, 'function'],
  [/^(?:export\s+)?const\s+([A-Z_][A-Z0-9_]*)\s*(?::[^=]+)?=/, 'constant'],
  [/^\s+(?:(?:public|private|protected|static|async|readonly|override|get|set)\s+)*(?!if\b|for\b|while\b|switch\b|return\b|catch\b)([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\([^;]*\)\s*(?::\s*[^{;=]+)?\{\s*$/, 'method'],
  [/^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)/, 'function'],
  [/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s+([A-Za-z_]\w*)/, 'function'],
  [/^\s*(?:pub(?:\([^)]*\))?\s+)?struct\s+([A-Za-z_]\w*)/, 'struct'],
  [/^\s*(?:pub(?:\([^)]*\))?\s+)?trait\s+([A-Za-z_]\w*)/, 'trait'],
  [/^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/, 'function'],
  [/^type\s+([A-Za-z_]\w*)\s+(?:struct|interface)/, 'struct'],
];

const indentOf = (l: string) => l.length - l.trimStart().length;

export function fallbackOutline(rel: string, lines: readonly string[]): SymbolDef[] {
  const found: Array<{ def: SymbolDef; indent: number; depth: number }> = [];
  lines.forEach((line, i) => {
    for (const [re, kind] of PATTERNS) {
      const m = re.exec(line);
      if (!m) continue;
      found.push({ def: { name: m[1]!, kind, path: rel, startLine: i + 1, endLine: i + 1, signature: line.trim().slice(0, 200) }, indent: indentOf(line), depth: 0 });
      break;
    }
  });
  for (let k = 0; k < found.length; k++) {
    const me = found[k]!;
    let end = lines.length;
    for (let j = me.def.startLine; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trim() !== '' && indentOf(l) <= me.indent && !/^\s*[)}\]]/.test(l)) {
        end = j;
        break;
      }
      if (l.trim() !== '' && indentOf(l) <= me.indent && /^\s*[)}\]]/.test(l)) {
        end = j + 1;
        break;
      }
    }
    while (end > me.def.startLine && lines[end - 1]!.trim() === '') end--;
    me.def.endLine = end;
    const parent = found.slice(0, k).reverse().find((p) => p.indent < me.indent && p.def.endLine >= me.def.startLine);
    if (parent) {
      me.def.container = parent.def.name;
      me.depth = parent.depth + 1;
    }
  }
  // Two levels (top level and members) are an outline; deeper hits are mostly local noise.
  return found.filter((f) => f.depth <= 1).map((f) => f.def);
}

/** The index's outline when it has one, else the fallback. Never throws. */
export async function outlineOf(index: SymbolIndex | undefined, rel: string, lines: readonly string[]): Promise<SymbolDef[]> {
  if (index) {
    try {
      const defs = await index.outline(rel);
      if (defs) return defs;
    } catch {
      // fall through to the regex outline
    }
  }
  return fallbackOutline(rel, lines);
}

/** One compact row per definition: `12-40 function name` (methods as `Class.name`). */
export function formatOutline(defs: readonly SymbolDef[], max = 80): string {
  const rows = defs.slice(0, max).map((d) => `${d.startLine}-${d.endLine} ${d.kind} ${d.container ? `${d.container}.` : ''}${d.name}`);
  if (defs.length > max) rows.push(`[${defs.length - max} more definitions: symbols {"path":"${defs[0]!.path}"}]`);
  return rows.join('\n');
}

/** A definition by name in one outline: exact, then `Container.name`, then case-insensitive. */
export function pickSymbol(defs: readonly SymbolDef[], name: string): SymbolDef | undefined {
  const q = name.trim();
  return (
    defs.find((d) => d.name === q) ??
    defs.find((d) => `${d.container ?? ''}.${d.name}` === q) ??
    defs.find((d) => d.name.toLowerCase() === q.toLowerCase() || `${d.container ?? ''}.${d.name}`.toLowerCase() === q.toLowerCase())
  );
}
