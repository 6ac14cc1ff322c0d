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
