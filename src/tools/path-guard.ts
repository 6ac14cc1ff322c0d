/**
 * Every path a tool touches resolves inside the project root: `..` that climbs out, absolute
 * paths elsewhere and symlinks whose target escapes are refused, and nothing under `.git/` is
 * ever written. The returned `abs` is the real path (symlinks inside the root followed), so a
 * write replaces the target's content, never the link.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep, dirname, basename } from 'node:path';

export type PathAccess = 'read' | 'write';

export type Resolved =
  | { ok: true; abs: string; rel: string }
  | { ok: false; type: 'outside_root' | 'denied' | 'bad_args'; message: string };

/** Project-relative, forward slashes; the root itself is '.'. */
export function toRel(root: string, abs: string): string {
  const r = relative(root, abs);
  return r === '' ? '.' : r.split(sep).join('/');
}

function inside(root: string, abs: string): boolean {
  const r = relative(root, abs);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** Real path of `abs`, or of its deepest existing ancestor with the rest appended. */
async function realish(abs: string): Promise<string> {
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return join(await realpath(cur), ...rest.reverse());
    } catch {
      const up = dirname(cur);
      if (up === cur) return abs;
      rest.push(basename(cur));
      cur = up;
    }
  }
}

/** `root` must already be a real absolute path (the toolset resolves it once). */
export async function resolvePath(root: string, input: string, access: PathAccess): Promise<Resolved> {
  if (typeof input !== 'string' || input.trim() === '' || input.includes('\0')) {
    return { ok: false, type: 'bad_args', message: 'path: expected a project-relative path like "src/a.ts"' };
  }
  const lexical = resolve(root, input.trim());
  if (!inside(root, lexical)) {
    return { ok: false, type: 'outside_root', message: `${input} is outside the project root; use a path inside it, like "src/a.ts"` };
  }
  const abs = await realish(lexical);
  if (!inside(root, abs)) {
    return { ok: false, type: 'outside_root', message: `${input} is a symlink that leads outside the project root` };
  }
  const rel = toRel(root, abs);
  if (access === 'write' && rel.split('/').includes('.git')) {
    return { ok: false, type: 'denied', message: `${input}: files under .git/ are never written` };
  }
  return { ok: true, abs, rel };
}
