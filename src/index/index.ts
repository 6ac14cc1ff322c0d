/** Public face of the symbol index. Other modules import from here only. */
export type { SymbolKind, SymbolDef, SymbolRef, RepoMapOptions, SymbolIndex } from './types.js';
export { createSymbolIndex, WORKER_MIN_FILES, type SymbolIndexOptions, type PithSymbolIndex } from './symbol-index.js';
export type { IndexBuildStats, IndexProgress } from './stats.js';
export { languageOf, type LanguageId } from './languages.js';
export { MAX_BYTES, MAX_LINE } from './entry.js';
