import { fuzzyFilter } from './fuzzy.js';

/** The slash commands, in the order /help, the palette and autocomplete list them. */
export interface CommandDef {
  name: string;
  args?: string;
  summary: string;
}

export const SLASH_COMMANDS: readonly CommandDef[] = [
  { name: 'plan', args: '"task"', summary: 'plan, review, run step by step (/plan alone: show the last plan again; --resume: continue it)' },
  { name: 'run', args: '"task"', summary: 'run one task (plain text does the same)' },
  { name: 'profile', args: '[name]', summary: 'switch profile for the next request (no name: a picker)' },
  { name: 'model', args: '[id]', summary: 'switch model for the next request' },
  { name: 'stats', summary: 'session and all-time figures, tokens per task' },
  { name: 'cost', summary: 'what this session has cost so far' },
  { name: 'resume', summary: 'continue an earlier session of this project' },
  { name: 'rollback', args: '[n]', summary: 'forget the last n turns of the session (default 1)' },
  { name: 'undo', summary: 'restore the files changed by the last run or plan step' },
  { name: 'clear', summary: 'clear the transcript' },
  { name: 'help', summary: 'keys and commands' },
  { name: 'quit', summary: 'leave pith' },
];

export type CommandName = 'plan' | 'run' | 'profile' | 'model' | 'stats' | 'cost' | 'resume' | 'rollback' | 'undo' | 'clear' | 'help' | 'quit';

export type ParsedInput =
  | { type: 'empty' }
  | { type: 'run'; task: string }
  | { type: 'command'; name: CommandName; arg: string }
  | { type: 'unknown'; name: string };

/** Plain text is a task to run; `/name arg` a command; quotes around the argument are dropped. */
export function parseInput(raw: string): ParsedInput {
  const text = raw.trim();
  if (text === '') return { type: 'empty' };
  if (!text.startsWith('/') || text.startsWith('//')) return { type: 'run', task: text.startsWith('//') ? text.slice(1) : text };
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(text)!;
  const name = m[1]!.toLowerCase();
  const def = SLASH_COMMANDS.find((c) => c.name === name) ?? (name === 'q' || name === 'exit' ? SLASH_COMMANDS.find((c) => c.name === 'quit') : undefined);
  if (!def) return { type: 'unknown', name };
  return { type: 'command', name: def.name as CommandName, arg: unquote(m[2]!.trim()) };
}

function unquote(s: string): string {
  const m = /^(["'])([\s\S]*)\1$/.exec(s);
  return m ? m[2]! : s;
}

/** Autocomplete while typing the command name: `/` followed by no whitespace yet. */
export function completions(text: string): CommandDef[] {
  if (!text.startsWith('/') || /\s/.test(text)) return [];
  const q = text.slice(1).toLowerCase();
  const prefix = SLASH_COMMANDS.filter((c) => c.name.startsWith(q));
  const rest = fuzzyFilter(q, SLASH_COMMANDS.filter((c) => !prefix.includes(c)), (c) => c.name);
  return [...prefix, ...rest];
}

/** What choosing a completion does: commands that take an argument wait for it. */
export function completionText(def: CommandDef): { text: string; runNow: boolean } {
  return def.args && def.args.startsWith('"') ? { text: `/${def.name} `, runNow: false } : { text: `/${def.name}`, runNow: true };
}
