export { runExecutor } from './executor.js';
export { BudgetTracker, MIN_REPLY_TOKENS, type StepBudget } from './budget.js';
export { loadConventions } from './conventions.js';
export { parseLenientJson, extractObject } from './json-repair.js';
export { parseTextToolCalls, splitThinking } from './text-tool-calls.js';
export { EXECUTOR_SYSTEM_PROMPT } from './system-prompt.js';
export type { ExecutorDeps, ExecutorOptions, ExecutorResult, Preloaded, ToolRunner, HookRunner } from './types.js';
export { sumResults, buildRunRecord, type RunRecordInput } from './run-record.js';
