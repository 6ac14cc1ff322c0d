/**
 * Which files the index understands. A language is a grammar .wasm from
 * @repomix/tree-sitter-wasms plus one or more tags queries under ./queries (data files).
 */
export type LanguageId =
  | 'typescript'
  | 'tsx'
  | 'javascript'
  | 'python'
  | 'go'
  | 'rust'
  | 'java'
  | 'c'
  | 'cpp'
  | 'csharp'
  | 'ruby'
  | 'php';

export interface LanguageSpec {
  id: LanguageId;
  /** File name suffix of the grammar in @repomix/tree-sitter-wasms/out/. */
  wasm: string;
  /** Query files under src/index/queries, concatenated in order. */
  queries: string[];
  /** The grammar's root node type: patterns rooted there only ever match at the root. */
  root: string;
}

export const LANGUAGES: Record<LanguageId, LanguageSpec> = {
  typescript: { id: 'typescript', wasm: 'typescript', queries: ['typescript.scm'], root: 'program' },
  tsx: { id: 'tsx', wasm: 'tsx', queries: ['typescript.scm', 'tsx.scm'], root: 'program' },
  javascript: { id: 'javascript', wasm: 'javascript', queries: ['javascript.scm'], root: 'program' },
  python: { id: 'python', wasm: 'python', queries: ['python.scm'], root: 'module' },
  go: { id: 'go', wasm: 'go', queries: ['go.scm'], root: 'source_file' },
  rust: { id: 'rust', wasm: 'rust', queries: ['rust.scm'], root: 'source_file' },
  java: { id: 'java', wasm: 'java', queries: ['java.scm'], root: 'program' },
  c: { id: 'c', wasm: 'c', queries: ['c.scm'], root: 'translation_unit' },
  cpp: { id: 'cpp', wasm: 'cpp', queries: ['cpp.scm'], root: 'translation_unit' },
  csharp: { id: 'csharp', wasm: 'c_sharp', queries: ['csharp.scm'], root: 'compilation_unit' },
  ruby: { id: 'ruby', wasm: 'ruby', queries: ['ruby.scm'], root: 'program' },
  php: { id: 'php', wasm: 'php', queries: ['php.scm'], root: 'program' },
};

const BY_EXT: Record<string, LanguageId> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  py: 'python', pyi: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  c: 'c', h: 'c',
  cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp',
  cs: 'csharp',
  rb: 'ruby',
  php: 'php',
};

/** The language of a path by its extension, or null when the index does not support it. */
export function languageOf(path: string): LanguageId | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return null;
  return BY_EXT[path.slice(dot + 1).toLowerCase()] ?? null;
}
