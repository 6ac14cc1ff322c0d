import { assertNever } from '../core/index.js';
import { escapeTags, type Theme } from './format.js';
import type { Entry } from './view-state.js';

/**
 * Transcript entries as tagged text for the scrollable box. Tool calls and checks are one
 * compact line each with their token cost; model text is shown as it streamed.
 */
export function renderTranscript(entries: readonly Entry[], theme: Theme): string {
  const out: string[] = [];
  for (const e of entries) out.push(renderEntry(e, theme));
  return out.join('\n');
}

export function renderEntry(e: Entry, t: Theme): string {
  const text = escapeTags(e.text);
  const meta = e.meta ? t.dim(` · ${escapeTags(e.meta)}`) : '';
  switch (e.kind) {
    case 'user':
      return '\n' + t.bold(t.hue('› ', 'cyan') + text.split('\n').join('\n  '));
    case 'text':
      return text;
    case 'tool':
    case 'hook': {
      const mark = e.ok === undefined ? t.dim('⋯') : e.ok ? t.hue('✓', 'green') : t.hue('✗', 'red');
      return `  ${mark} ${text}${meta}`;
    }
    case 'step':
      return t.hue(text, 'cyan') + meta;
    case 'run':
      return t.dim('─ ') + t.hue(text, 'green');
    case 'info':
      return t.dim(text);
    case 'warn':
      return t.hue(`! ${text}`, 'yellow');
    case 'error':
      return t.hue(`✗ ${text}`, 'red') + meta;
    default:
      return assertNever(e.kind);
  }
}
