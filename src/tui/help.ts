import { SLASH_COMMANDS } from './commands.js';
import { escapeTags, type Theme } from './format.js';

const KEYS: Array<[string, string]> = [
  ['Enter', 'send (plain text runs a task)'],
  ['Ctrl+J, or \\ then Enter', 'new line in the input'],
  ['↑ / ↓', 'move between lines, then through earlier inputs'],
  ['/', 'commands, with completion (Tab or Enter picks)'],
  ['@', 'attach a file (an excerpt goes with the next task)'],
  ['Ctrl+P', 'command palette'],
  ['PageUp / PageDown, wheel', 'scroll the transcript'],
  ['Ctrl+C', 'stop the running call or tool; twice idle: quit'],
  ['y / n / a', 'in an approval: yes, no, always for this tool'],
];

export function helpText(t: Theme): string {
  const w = Math.max(...KEYS.map(([k]) => k.length));
  const cw = Math.max(...SLASH_COMMANDS.map((c) => c.name.length + (c.args ? c.args.length + 1 : 0))) + 1;
  return [
    t.bold('Keys'),
    ...KEYS.map(([k, d]) => `  ${t.hue(escapeTags(k.padEnd(w)), 'cyan')}  ${escapeTags(d)}`),
    '',
    t.bold('Commands'),
    ...SLASH_COMMANDS.map((c) => `  ${t.hue(escapeTags(`/${c.name}${c.args ? ` ${c.args}` : ''}`.padEnd(cw)), 'cyan')}  ${escapeTags(c.summary)}`),
    '',
    t.dim('Esc closes'),
  ].join('\n');
}
