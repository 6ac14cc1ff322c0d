/**
 * A directory as `read` shows it (there is no separate list tool: one schema fewer on every
 * call): a tree, directories first, two spaces per level; files carry their line count (`bin`
 * for binaries, `large` when too large to read); a directory at the depth limit shows how many
 * entries it holds. Capped at `listMaxEntries`, with the count left out.
 */
import { readdir } from 'node:fs/promises';
import { fail, type ToolOutput } from './framework.js';
import type { ToolDeps } from './types.js';
import { walk } from './walk.js';

export async function listDirectory(deps: ToolDeps, root: string, rel: string, signal: AbortSignal): Promise<ToolOutput> {
  const { limits, state } = deps;
  const depth = limits.listDepth;
  const rows: string[] = [];
  let more = 0;
  for await (const e of walk(root, rel, { maxDepth: depth, signal })) {
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
  if (signal.aborted) return fail('aborted', 'read was cancelled');
  const head = `${rel === '.' ? './' : `${rel}/`} (depth ${depth}; files show line counts)`;
  if (rows.length === 0) return { text: `${head}\n(empty, or everything in it is ignored)` };
  if (more > 0) rows.push(`[${more} more entries not shown: read a subdirectory]`);
  return { text: [head, ...rows].join('\n'), truncated: more > 0, display: `read ${rel}/: ${rows.length} entries` };
}
