import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Parser, Language, Query } from 'web-tree-sitter';
import { LANGUAGES, type LanguageId } from './languages.js';

/**
 * Process-wide tree-sitter state: one runtime init, one Language + compiled Query per language,
 * one Parser per language. Everything is loaded lazily on first use and kept for the process
 * (compiling a tags query costs up to ~100 ms, so never per file).
 */
export interface LoadedGrammar {
  id: LanguageId;
  parser: Parser;
  /**
   * The tags query split in two: `top` holds the patterns rooted at the file's root node and runs
   * with maxStartDepth 0 (run unrestricted, such patterns cost as much as all the others together);
   * `rest` holds everything else. Pattern precedence: all of `top`, then `rest` in file order.
   */
  top: Query | null;
  rest: Query;
}

/** Top-level S-expressions of a query source (comments dropped), in order. */
export function splitPatterns(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === ';' && depth === 0) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
    } else if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (c === '(' || c === '[') {
      if (depth === 0) start = i;
      depth += 1;
    } else if (c === ')' || c === ']') {
      depth -= 1;
      if (depth === 0) {
        // A trailing capture or quantifier belongs to the pattern: `(...) @definition.x`.
        let end = i + 1;
        const m = /^(\s*(@[\w.]+|[?*+]))*/.exec(src.slice(end));
        end += m ? m[0].length : 0;
        out.push(src.slice(start, end).trim());
        i = end - 1;
      }
    }
  }
  return out;
}

let init: Promise<void> | null = null;
const grammars = new Map<LanguageId, Promise<LoadedGrammar>>();

/**
 * The queries live as .scm data files in src/index/queries. From the TS sources (vitest) they sit
 * next to this module; from the compiled dist/src/index they are found in the package's src/
 * tree (the package ships src/). Whichever exists first wins.
 */
export function queriesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'queries'), join(here, '..', '..', '..', 'src', 'index', 'queries')];
  for (const dir of candidates) if (existsSync(join(dir, 'typescript.scm'))) return dir;
  throw new Error(`pith index: tags queries not found (looked in ${candidates.join(', ')})`);
}

/** The text of a language's tags query (all its .scm files concatenated). */
export function querySource(id: LanguageId): string {
  const dir = queriesDir();
  return LANGUAGES[id].queries.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

function wasmPath(name: string): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@repomix/tree-sitter-wasms/package.json');
  return join(dirname(pkg), 'out', `tree-sitter-${name}.wasm`);
}

async function load(id: LanguageId): Promise<LoadedGrammar> {
  init ??= Parser.init();
  await init;
  const language = await Language.load(readFileSync(wasmPath(LANGUAGES[id].wasm)));
  const parser = new Parser();
  parser.setLanguage(language);
  const patterns = splitPatterns(querySource(id));
  const isTop = (p: string) => /^\(\s*([\w]+)/.exec(p)?.[1] === LANGUAGES[id].root;
  const top = patterns.filter(isTop);
  return {
    id,
    parser,
    top: top.length ? new Query(language, top.join('\n')) : null,
    rest: new Query(language, patterns.filter((p) => !isTop(p)).join('\n')),
  };
}

export function grammarFor(id: LanguageId): Promise<LoadedGrammar> {
  let g = grammars.get(id);
  if (!g) {
    g = load(id);
    grammars.set(id, g);
    g.catch(() => grammars.delete(id));
  }
  return g;
}
