/**
 * search { pattern, regex?, path? }: literal (or regex) over project text files, smart case
 * (a pattern without capitals matches any case). Binaries, files over the size limit,
 * node_modules and .gitignored paths are skipped. Output: a count line, then per file its path
 * and the matching rows in the anchor format; caps per file and overall, each cut counted
 * and followed by how to narrow.
 */
import { stat } from 'node:fs/promises';
import { escapeRegExp, type ToolSpec } from '../core/index.js';
import { formatLine } from './anchors.js';
import { SEARCH_DESCRIPTION, SEARCH_PARAMS } from './descriptions.js';
import { defineTool, fail } from './framework.js';
import { resolvePath } from './path-guard.js';
import { clipLine } from './truncate.js';
import type { ToolDeps } from './types.js';
import { walk } from './walk.js';

interface SearchArgs {
  pattern: string;
  regex?: boolean;
  path?: string;
}

export function createSearchTool(deps: ToolDeps): ToolSpec {
  const { limits, state, anchors } = deps;
  return defineTool<SearchArgs>(
    {
      name: 'search',
      description: SEARCH_DESCRIPTION,
      params: SEARCH_PARAMS,
      effect: 'read',
      example: '{"pattern":"parseArgs","path":"src"}',
      async run(args, ctx) {
        if (args.pattern === '') return fail('bad_args', 'search: pattern is empty. Example: {"pattern":"parseArgs"}');
        const flags = /[A-Z]/.test(args.pattern) ? '' : 'i';
        let re: RegExp;
        try {
          re = new RegExp(args.regex ? args.pattern : escapeRegExp(args.pattern), flags);
        } catch (e) {
          return fail('bad_args', `search: pattern is not a valid regex (${(e as Error).message}); set regex false for a literal search`);
        }
        const at = await resolvePath(ctx.root, args.path ?? '.', 'read');
        if (!at.ok) return fail(at.type, at.message);
        const st = await stat(at.abs).catch(() => null);
        if (!st) return fail('not_found', `${at.rel} does not exist`);

        const files: Array<{ rel: string; abs: string }> = [];
        if (st.isFile()) files.push({ rel: at.rel, abs: at.abs });
        else for await (const e of walk(ctx.root, at.rel, { signal: ctx.signal })) if (e.kind === 'file') files.push(e);

        const rows: string[] = [];
        const shownHits: Array<{ path: string; line: number; text: string }> = [];
        let matches = 0;
        let matchedFiles = 0;
        let shown = 0;
        let hiddenMatches = 0;
        let hiddenFiles = 0;
        for (const f of files) {
          if (ctx.signal.aborted) return fail('aborted', 'search was cancelled');
          const got = await state.files.read(f.abs, f.rel);
          if (!got.ok) continue;
          const { lines } = got.snap.doc;
          const hits: number[] = [];
          for (let i = 0; i < lines.length; i++) if (re.test(lines[i]!)) hits.push(i + 1);
          if (hits.length === 0) continue;
          matches += hits.length;
          matchedFiles++;
          const room = Math.min(limits.searchMaxPerFile, limits.searchMaxMatches - shown);
          if (room <= 0) {
            hiddenMatches += hits.length;
            hiddenFiles++;
            continue;
          }
          const hashes = got.snap.hashes();
          rows.push(f.rel);
          for (const n of hits.slice(0, room)) {
            const text = clipLine(lines[n - 1]!, limits.lineMaxChars);
            rows.push(formatLine(n, text, anchors === 'off' ? 'line' : anchors, hashes[n - 1]));
            state.shown.recordLines(f.abs, n, [hashes[n - 1]!]);
            shownHits.push({ path: f.rel, line: n, text });
          }
          shown += Math.min(room, hits.length);
          if (hits.length > room) rows.push(`[+${hits.length - room} more in this file: search with path "${f.rel}"]`);
        }
        const what = `${args.regex ? '/' : '"'}${args.pattern}${args.regex ? '/' : '"'}`;
        if (matches === 0) return { text: `no matches for ${what} in ${at.rel} (${files.length} files searched)` };
        const head = `${matches} match${matches === 1 ? '' : 'es'} in ${matchedFiles} file${matchedFiles === 1 ? '' : 's'}`;
        if (hiddenFiles > 0) rows.push(`[+${hiddenMatches} more matches in ${hiddenFiles} more files: narrow with path or a longer pattern]`);
        return { text: [head, ...rows].join('\n'), truncated: shown < matches, display: `search ${what}: ${head}`, hits: shownHits, matches };
      },
    },
    deps,
  );
}
