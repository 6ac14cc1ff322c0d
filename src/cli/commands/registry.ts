import type { CommandHandler } from '../io.js';

/**
 * Every subcommand, loaded lazily so `pith --version` stays fast. One line of help each;
 * `pith help CMD` / `pith CMD --help` prints the command's own usage.
 */
export interface CommandEntry {
  summary: string;
  load: () => Promise<CommandHandler>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  chat: { summary: 'one model call, streamed, with a usage line (debugging aid)', load: async () => (await import('./chat.js')).chatCommand },
  run: { summary: 'run one task with the budget-capped executor', load: async () => (await import('./run.js')).runCommand },
  plan: { summary: 'plan a task, review the plan, run it step by step', load: async () => (await import('./plan.js')).planCommand },
  profiles: { summary: 'list configured profiles', load: async () => (await import('./profiles.js')).profilesCommand },
  doctor: { summary: 'check config, endpoints, models, keys and tools', load: async () => (await import('./doctor.js')).doctorCommand },
  tool: { summary: 'run one tool as the model would, or list tools with their token cost', load: async () => (await import('./tool.js')).toolCommand },
  index: { summary: 'build or refresh the symbol index', load: async () => (await import('./index-cmd.js')).indexCommand },
  symbols: { summary: 'find definitions by name', load: async () => (await import('./symbols.js')).symbolsCommand },
  map: { summary: 'print the token-budgeted repo map', load: async () => (await import('./map.js')).mapCommand },
  mcp: { summary: 'MCP servers: status, tool names and schema tokens', load: async () => (await import('./mcp.js')).mcpCommand },
  undo: { summary: 'restore the files changed by the last run or plan step', load: async () => (await import('./undo.js')).undoCommand },
  stats: { summary: 'where the tokens went: runs, calls, costs, estimate accuracy', load: async () => (await import('./stats.js')).statsCommand },
};
