/**
 * write { path, content }: create a file (parent directories too) or overwrite one whole,
 * atomically (temp file + rename). The reply is one line; the model knows what it wrote, so the
 * lines count as shown (a bare line-number edit may follow without a read).
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic, type ToolSpec } from '../core/index.js';
import { contentHash, lineHash, stripAnchorPrefixes } from './anchors.js';
import { WRITE_DESCRIPTION, WRITE_PARAMS } from './descriptions.js';
import { defineTool, fail, requireApproval } from './framework.js';
import { resolvePath } from './path-guard.js';
import { parseDoc } from './text-doc.js';
import type { ToolDeps } from './types.js';

interface WriteArgs {
  path: string;
  content: string;
}

export function createWriteTool(deps: ToolDeps): ToolSpec {
  const { state } = deps;
  return defineTool<WriteArgs>(
    {
      name: 'write',
      description: WRITE_DESCRIPTION,
      params: WRITE_PARAMS,
      effect: 'write',
      example: '{"path":"src/new.ts","content":"export const x = 1;\\n"}',
      async run(args, ctx) {
        const at = await resolvePath(ctx.root, args.path, 'write');
        if (!at.ok) return fail(at.type, at.message);
        const st = await stat(at.abs).catch(() => null);
        if (st && !st.isFile()) return fail('failed', `${at.rel} exists and is not a file`);
        const existed = st !== null;
        const before = existed ? await state.files.read(at.abs, at.rel) : null;
        const content = stripAnchorPrefixes(args.content, 'all');
        const doc = parseDoc(content);
        const verb = existed ? 'overwrite' : 'create';
        const denied = await requireApproval(ctx, { kind: 'write', tool: 'write', summary: `${verb} ${at.rel} (${doc.lines.length} lines)`, detail: content.slice(0, 4000) }, state.policy);
        if (denied) return denied;
        await mkdir(dirname(at.abs), { recursive: true });
        await writeFileAtomic(at.abs, content, st ? st.mode & 0o7777 : undefined);
        state.files.invalidate(at.abs);
        state.shown.forgetViews(at.abs);
        state.shown.forgetLines(at.abs);
        state.shown.recordLines(at.abs, 1, doc.lines.map(lineHash));
        state.history.push(at.abs, '', [], contentHash(content));
        if (deps.index) await deps.index.update([at.rel]).catch(() => undefined);
        const was = before?.ok ? ` (was ${before.snap.doc.lines.length} lines)` : '';
        return { text: `${existed ? 'overwrote' : 'created'} ${at.rel}: ${doc.lines.length} lines${was}`, changedFiles: [at.rel] };
      },
    },
    deps,
  );
}
