/**
 * A small .gitignore matcher: `#` comments, `!` negation, trailing `/` = directories only,
 * a `/` inside the pattern anchors it to the .gitignore's directory, `*`, `?`, `[...]`, `**`.
 * The walker never descends into an ignored directory, so a rule needs no `/**` suffix.
 */

export interface IgnoreRule {
  /** Directory of the .gitignore, project-relative ('' = root). */
  base: string;
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

const escape = (c: string) => c.replace(/[.+^${}()|\\]/g, '\\$&');

function globToRe(pat: string): string {
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '*' && pat[i + 1] === '*') {
      if (pat[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const j = pat.indexOf(']', i + 1);
      if (j < 0) re += '\\[';
      else {
        re += `[${pat.slice(i + 1, j).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = j;
      }
    } else if (c === '\\' && i + 1 < pat.length) re += escape(pat[++i]!);
    else re += escape(c);
  }
  return re;
}

export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (line === '') continue;
    const body = globToRe(line);
    rules.push({ base, negate, dirOnly, re: new RegExp(anchored ? `^${body}$` : `(?:^|/)${body}$`) });
  }
  return rules;
}

/** Last matching rule wins. `rel` is project-relative with forward slashes. */
export function isIgnored(rules: readonly IgnoreRule[], rel: string, dir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !dir) continue;
    let sub = rel;
    if (r.base !== '') {
      if (!rel.startsWith(r.base + '/')) continue;
      sub = rel.slice(r.base.length + 1);
    }
    if (r.re.test(sub)) ignored = !r.negate;
  }
  return ignored;
}
