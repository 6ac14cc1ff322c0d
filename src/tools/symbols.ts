/**
 * symbols { query } | { path }: definitions by name across the project (exact, then any case,
 * then containing the query), or the outline of one file. One compact row per definition:
 * `path:12-40 kind Container.name`. Uses the injected SymbolIndex; without one (or for a
 * language it does not know) a regex scan of the project's source files.
 */
import type { ToolSpec } from '../core/index.js';
import type { SymbolDef } from '../index/types.js';
import { SYMBOLS_DESCRIPTION, SYMBOLS_PARAMS } from './descriptions.js';
import { defineTool, fail } from './framework.js';
import { fallbackOutline, formatOutline, outlineOf } from './outline.js';
import { resolvePath } from './path-guard.js';
import type { ToolDeps } from './types.js';
import { walk } from './walk.js';

const SOURCE = /\.(?:[cm]?[jt]sx?|py|rs|go)$/;
const MAX_ROWS = 30;
const MAX_SCAN = 3000;

function rank(defs: SymbolDef[], q: string): SymbolDef[] {
  const lq = q.toLowerCase();
  const score = (d: SymbolDef) => (d.name === q ? 0 : d.name.toLowerCase() === lq ? 1 : d.name.toLowerCase().includes(lq) ? 2 : 3);
  return defs.filter((d) => score(d) < 3).sort((a, b) => score(a) - score(b));
}

export function createSymbolsTool(deps: ToolDeps): ToolSpec {
  const { state } = deps;
  return defineTool<{ query?: string; path?: string }>(
    {
      name: 'symbols',
      description: SYMBOLS_DESCRIPTION,
      params: SYMBOLS_PARAMS,
      effect: 'read',
      example: '{"query":"parseArgs"}',
      async run(args, ctx) {
        if ((args.query === undefined) === (args.path === undefined)) {
          return fail('bad_args', 'symbols: give query (a name) or path (a file), not both. Example: {"query":"parseArgs"}');
        }
        if (args.path !== undefined) {
          const at = await resolvePath(ctx.root, args.path, 'read');
          if (!at.ok) return fail(at.type, at.message);
          const got = await state.files.read(at.abs, at.rel);
          if (!got.ok) return fail(got.type, got.message);
          const defs = await outlineOf(deps.index, at.rel, got.snap.doc.lines);
          if (defs.length === 0) return { text: `${at.rel}: no definitions found (${got.snap.doc.lines.length} lines)` };
          return { text: `${at.rel}: ${defs.length} definitions\n${formatOutline(defs)}` };
        }
        const q = args.query!.trim();
        if (q === '') return fail('bad_args', 'symbols: query is empty');
        let found: SymbolDef[] = [];
        if (deps.index) {
          try {
            found = await deps.index.find(q, MAX_ROWS + 1);
          } catch {
            found = [];
          }
        }
        if (!deps.index) {
          let scanned = 0;
          for await (const e of walk(ctx.root, '.', { signal: ctx.signal })) {
            if (e.kind !== 'file' || !SOURCE.test(e.rel) || ++scanned > MAX_SCAN) continue;
            const got = await state.files.read(e.abs, e.rel);
            if (got.ok) found.push(...rank(fallbackOutline(e.rel, got.snap.doc.lines), q));
          }
          found = rank(found, q);
        }
        if (found.length === 0) return { text: `no definitions match "${q}"; try search {"pattern":"${q}"}` };
        const rows = found.slice(0, MAX_ROWS).map((d) => `${d.path}:${d.startLine}-${d.endLine} ${d.kind} ${d.container ? `${d.container}.` : ''}${d.name}`);
        if (found.length > MAX_ROWS) rows.push(`[more matches not shown: use a more exact name]`);
        return { text: rows.join('\n'), truncated: found.length > MAX_ROWS, display: `symbols "${q}": ${Math.min(found.length, MAX_ROWS)}` };
      },
    },
    deps,
  );
}
