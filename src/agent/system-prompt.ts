/**
 * The executor's system prompt. Every token here is paid on every call: keep it short and
 * re-measure (`pith tool --list` shows the tools' share; test/agent measures the first request).
 */
export const EXECUTOR_SYSTEM_PROMPT = `You are pith, a coding agent in the user's repository. Do the task with the tools, reading only what you need.
- Edit with anchors from your latest read or edit result; if an edit is refused as stale, use the fresh lines it returns.
- Checks run after your edits; fix any errors they report.
- Finish with a passing check run with done: true, or reply with one short line saying what changed and no tool call.`;

/** Conventions files, first that exists wins; capped so a long one cannot eat the budget. */
export const CONVENTIONS_FILES = ['AGENTS.md', 'CLAUDE.md', '.pith/conventions.md'];
export const CONVENTIONS_MAX_TOKENS = 600;
