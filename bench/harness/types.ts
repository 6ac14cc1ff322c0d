import type { Price } from '../../src/tokens/index.js';
import type { RecordedRequest } from '../scripted-model/index.js';

/**
 * Shapes the harness passes around. `RunResult` is one task x agent x repeat, exactly the object
 * printed in `--json`'s `results` (snake_case, as documented in bench/README.md).
 */
export interface RunResult {
  task: string;
  agent: string;
  /** 1-based. */
  repeat: number;
  /** The task's verify passed after the run (run by the harness, not by the agent). */
  pass: boolean;
  /** Sum over every model call of the prompt tokens (provider-reported where it reports them). */
  input_tokens: number;
  output_tokens: number;
  calls: number;
  tool_calls: number;
  /** Tokens of the first request (the fixed overhead: system prompt, tools, task). */
  first_request_tokens: number;
  /** Tokens of the largest single request. */
  peak_request_tokens: number;
  /** Edits refused because what they named had changed (pith: anchor mismatch; baseline: old_string not found). */
  stale_edits: number;
  /** Tool calls whose arguments were malformed (bad JSON, missing or mistyped fields). */
  malformed_edits: number;
  /** The agent's run, without the harness's verify. */
  wall_ms: number;
  cost_usd: number;
  /** Plans only: pith's estimate range for the whole run (compare with input + output). */
  estimate_low?: number;
  estimate_high?: number;
  /** Cross-check on the scripted model: the server's own sum of prompt tokens for this run. */
  server_input_tokens?: number;
  /** Set when the agent could not run or its numbers could not be read; pass is then false. */
  error?: string;
}

/** Where the agents send their requests: the scripted model, a profile's real endpoint, ... */
export interface ModelTarget {
  kind: 'scripted' | 'profile';
  /** "scripted" or the profile name. */
  label: string;
  /** OpenAI-compatible base URL (ending in /v1) for the baseline's openai client. */
  baseURL: string;
  model: string;
  /** Sent by the baseline only; never printed or recorded. */
  apiKey?: string;
  price: Price;
  /** Extra argv for pith (e.g. ['--profile', NAME]). */
  pithArgs: string[];
  /** Env for pith's in-process run (PITH_ENDPOINT/PITH_MODEL on the scripted model; HOME etc.). */
  pithEnv: NodeJS.ProcessEnv;
  /** Scripted model only: every request it served, for cross-checks. */
  requests?: RecordedRequest[];
  close(): Promise<void>;
}

/** What an agent needs for one run. The repo copy is fresh; `env` carries PITH_TSC for tools and verify. */
export interface AgentRunInput {
  prompt: string;
  repo: string;
  target: ModelTarget;
  env: NodeJS.ProcessEnv;
  /** A file the agent may write its console output to (for debugging failed runs). */
  logFile: string;
  signal: AbortSignal;
}

/** An agent's own numbers; the runner adds task, agent, repeat, pass, wall time. */
export type AgentMetrics = Omit<RunResult, 'task' | 'agent' | 'repeat' | 'pass' | 'wall_ms'>;

export interface Agent {
  name: string;
  run(input: AgentRunInput): Promise<AgentMetrics>;
}

export interface Settings {
  started_at: string;
  git_commit: string | null;
  git_dirty: boolean | null;
  node: string;
  platform: string;
  versions: Record<string, string | null>;
  agents: string[];
  tasks: string[];
  repeats: number;
  fixtures: string;
  model: { kind: ModelTarget['kind']; label: string; model: string; endpoint: string };
  mode: 'bench' | 'check' | 'peers';
}
