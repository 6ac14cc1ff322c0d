/** Public face of the TUI: the neo-blessed front end. cli/ builds a TuiController and calls startTui. */
export { startTui, type TuiHandle } from './app.js';
export type { TuiOptions } from './context.js';
export type { TuiController, TuiInfo, ProfileChoice, TaskIO, TaskOutcome, MadePlanView, AllTimeStats, Approver } from './controller.js';
export { reduceView, reduceAll, coalesce } from './reducer.js';
export { initialViewState, type ViewState, type ViewAction, type Entry, type SessionStats } from './view-state.js';
export { parseInput, completions, SLASH_COMMANDS, type ParsedInput } from './commands.js';
