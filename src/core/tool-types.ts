import type { JsonSchema } from './messages.js';

/** What a tool returns. A tool never throws into the loop: failures are results with `error`. */
export interface ToolResult {
  /** Exactly the text the model sees. */
  forModel: string;
  /** A short human line for the transcript (may differ from forModel). */
  display?: string;
  meta: {
    /** Tokens of forModel, counted with the real tokenizer. */
    tokens: number;
    truncated: boolean;
    cached?: boolean;
    /** Files this call wrote (project-relative), for hooks, undo and the loop guard. */
    changedFiles?: string[];
    /** Id under which the full output is kept for `recall` when it was cut. */
    recallId?: string;
    /** A command's exit code (bash): non-zero is a normal result, but a failing one for the loop guard. */
    exitCode?: number | null;
    /** A command run with `done: true` that exited 0: the model's last call, the task ends here (no closing model call). */
    endsTask?: boolean;
    /** Where a search matched (project-relative path, 1-based line, the line as shown), the rows its text shows. */
    hits?: Array<{ path: string; line: number; text: string }>;
    /** How many matches a search found in all, shown in `hits` or not. */
    matches?: number;
  };
  error?: { type: ToolErrorType; message: string };
}

export type ToolErrorType =
  | 'bad_args'
  | 'unknown_tool'
  | 'not_found'
  | 'outside_root'
  | 'stale'
  | 'no_match'
  | 'denied'
  | 'binary'
  | 'too_large'
  | 'timeout'
  | 'aborted'
  | 'failed';

export type ApprovalKind = 'write' | 'command' | 'mcp';

export interface ApprovalRequest {
  kind: ApprovalKind;
  tool: string;
  /** One line: what will happen ("edit src/a.ts (3 ops)", "run: npm test"). */
  summary: string;
  detail?: string;
}

/** 'always' = allow and do not ask again for this tool in this session. */
export type Decision = 'allow' | 'deny' | 'always';

export type ApprovalMode = 'ask' | 'accept-edits' | 'read-only' | 'trust';

export type AnchorMode = 'hash' | 'line' | 'off';

/** What every tool receives. Tools never know they run inside a loop. */
export interface ToolContext {
  /** Absolute, real path of the project root. Every path a tool touches resolves inside it. */
  root: string;
  signal: AbortSignal;
  /** Asked before a write or a command, per the approval policy (the framework applies the mode). */
  approve(request: ApprovalRequest): Promise<Decision>;
}

/** A tool as the loop sees it. Built by a factory (`createReadTool(deps)`), wrapped by the framework. */
export interface ToolSpec {
  name: string;
  /** Short: paid on every call. */
  description: string;
  /** JSON Schema of the arguments. */
  params: JsonSchema;
  /** What approval class it falls in. */
  effect: 'read' | 'write' | 'command';
  /** Never throws: failures come back as results with `error`. `args` is the parsed JSON the model sent. */
  execute(args: unknown, ctx: ToolContext): Promise<ToolResult>;
}
