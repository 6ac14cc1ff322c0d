/**
 * list { path?, depth? }: a tree, directories first, two spaces per level; files carry their
 * line count (`bin` for binaries, KiB when too large to read); a directory at the depth limit
 * shows how many entries it holds. Capped at `listMaxEntries`, with the count left out.
 */
import { readdir, stat } from 'node:fs/promises';
import type { ToolSpec } from '../core/index.js';
import { LIST_DESCRIPTION, LIST_PARAMS } from './descriptions.js';
import { defineTool, fail } from './framework.js';
import { resolvePath } from './path-guard.js';
import type { ToolDeps } from './types.js';
import { walk } from './walk.js';

interface ListArgs {
  path?: string;
  depth?: number;
}

export function createListTool(deps: ToolDeps): ToolSpec {
  const { limits, state } = deps;
  return defineTool<ListArgs>(
    {
      name: 'list',
      description: LIST_DESCRIPTION,
      params: LIST_PARAMS,
      effect: 'read',
      example: '{"path":"src","depth":2}',
      async run(args, ctx) {
        const at = await resolvePath(ctx.root, args.path ?? '.', 'read');
        if (!at.ok) return fail(at.type, at.message);
        const st = await stat(at.abs).catch(() => null);
        if (!st) return fail('not_found', `${at.rel} does not exist`);
        if (!st.isDirectory()) return fail('bad_args', `${at.rel} is a file; use read`);
        const depth = Math.max(1, Math.min(6, args.depth ?? limits.listDepth));

        const rows: string[] = [];
        let more = 0;
        for await (const e of walk(ctx.root, at.rel, { maxDepth: depth, signal: ctx.signal })) {
          if (rows.length >= limits.listMaxEntries) {
            more++;
            continue;
          }
          const pad = '  '.repeat(e.depth - 1);
          const name = e.rel.slice(e.rel.lastIndexOf('/') + 1);
          if (e.kind === 'link') rows.push(`${pad}${name}@`);
          else if (e.kind === 'dir') {
            const count = e.depth === depth ? await readdir(e.abs).then((n) => ` (${n.length} entries)`, () => '') : '';
            rows.push(`${pad}${name}/${count}`);
          } else {
            const got = await state.files.read(e.abs, e.rel);
            const size = got.ok ? String(got.snap.doc.lines.length) : got.type === 'binary' ? 'bin' : got.type === 'too_large' ? 'large' : '?';
            rows.push(`${pad}${name} ${size}`);
          }
        }
        if (ctx.signal.aborted) return fail('aborted', 'list was cancelled');
        const head = `${at.rel === '.' ? './' : `${at.rel}/`} (depth ${depth}; files show line counts)`;
        if (rows.length === 0) return { text: `${head}\n(empty, or everything in it is ignored)` };
        if (more > 0) rows.push(`[${more} more entries not shown: list a subdirectory]`);
        return { text: [head, ...rows].join('\n'), truncated: more > 0, display: `list ${at.rel}: ${rows.length} entries` };
      },
    },
    deps,
  );
}
