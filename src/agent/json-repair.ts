/**
 * Lenient JSON for what small models write: code fences, trailing commas, single-quoted
 * strings, unquoted keys, prose around one object. Returns undefined when nothing parses.
 */
export function parseLenientJson(text: string): unknown {
  const candidates = [text.trim(), stripFences(text), extractObject(text)].filter((c): c is string => !!c);
  for (const c of candidates) {
    const direct = tryParse(c);
    if (direct !== undefined) return direct;
    const repaired = tryParse(repair(c));
    if (repaired !== undefined) return repaired;
  }
  return undefined;
}

function tryParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function stripFences(text: string): string | null {
  const m = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  return m ? m[1]!.trim() : null;
}

/** The first balanced {...} in the text, respecting strings. */
export function extractObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** Single quotes -> double, unquoted keys quoted, trailing commas dropped. String-aware. */
function repair(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"' || ch === "'") {
      const end = findStringEnd(s, i);
      const body = s.slice(i + 1, end);
      out += '"' + (ch === "'" ? body.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"') : body) + '"';
      i = end + 1;
      continue;
    }
    if (ch === ',') {
      const rest = s.slice(i + 1).trimStart();
      if (rest.startsWith('}') || rest.startsWith(']')) {
        i++;
        continue;
      }
    }
    const key = /^[A-Za-z_$][\w$]*(?=\s*:)/.exec(s.slice(i));
    if (key && /[{,]\s*$/.test(out)) {
      out += `"${key[0]}"`;
      i += key[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function findStringEnd(s: string, start: number): number {
  const q = s[start];
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === q) return i;
  }
  return s.length - 1;
}
