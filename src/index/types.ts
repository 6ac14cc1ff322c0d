/** The symbol index's public contract. tools/, agent/ and plan/ depend on this, not on tree-sitter. */

export type SymbolKind =
  | 'function'
  | 'method'
  | 'class'
  | 'interface'
  | 'type'
  | 'enum'
  | 'constant'
  | 'variable'
  | 'struct'
  | 'trait'
  | 'module'
  | 'field';

export interface SymbolDef {
  name: string;
  kind: SymbolKind;
  /** Project-relative, forward slashes. */
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The definition's first line, trimmed (capped at ~200 chars). */
  signature: string;
  /** Name of the enclosing class/impl/module, if any. */
  container?: string;
}

export interface SymbolRef {
  path: string;
  line: number;
}

export interface RepoMapOptions {
  /** Hard maximum, counted with the real tokenizer. */
  tokens: number;
  /** Words of the task: symbols and files they name rank first. */
  task?: string;
  /** Files the caller already cares about (attached, in the plan step). */
  focusFiles?: string[];
}

export interface SymbolIndex {
  /** Definitions in one file, in line order; null when the language is not supported. */
  outline(path: string): Promise<SymbolDef[] | null>;
  /** By name: exact, then case-insensitive, then fuzzy. */
  find(query: string, limit?: number): Promise<SymbolDef[]>;
  references(name: string, limit?: number): Promise<SymbolRef[]>;
  /** The innermost definition containing the line. */
  enclosing(path: string, line: number): Promise<SymbolDef | null>;
  /** Re-index these files now (after our own edits); deleted paths are dropped. */
  update(paths: string[]): Promise<void>;
  repoMap(opts: RepoMapOptions): Promise<string>;
}
