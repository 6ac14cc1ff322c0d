import { appendFileSync } from 'node:fs';
import { runBaseline } from '../baseline/agent.js';
import { createPithAgent, type AnchorMode, type PithMode } from './pith-agent.js';
import type { Agent } from './types.js';

/**
 * Agent names the harness accepts: `pith-run`, `pith-plan`, either with an anchor mode suffix
 * (`pith-run:line`, `pith-plan:off`, `:hash` = the default written explicitly), and `baseline`.
 * Real peers are not Agents: they run in their own namespace (bench/peers).
 */
export const DEFAULT_AGENTS = ['pith-run', 'pith-plan', 'baseline'];
export const ANCHOR_VARIANTS = ['pith-run:line', 'pith-run:off'];

export function createBaselineAgent(): Agent {
  return {
    name: 'baseline',
    async run(input) {
      const r = await runBaseline({
        baseURL: input.target.baseURL,
        model: input.target.model,
        apiKey: input.target.apiKey,
        root: input.repo,
        prompt: input.prompt,
        env: input.env,
        price: input.target.price,
        signal: input.signal,
        log: (line) => appendFileSync(input.logFile, line + '\n'),
      });
      return {
        input_tokens: r.input_tokens,
        output_tokens: r.output_tokens,
        calls: r.calls,
        tool_calls: r.tool_calls,
        first_request_tokens: r.first_request_tokens,
        peak_request_tokens: r.peak_request_tokens,
        stale_edits: r.stale_edits,
        malformed_edits: r.malformed_edits,
        cost_usd: r.cost_usd,
        ...(r.status === 'error' ? { error: `baseline: ${r.error}` } : {}),
      };
    },
  };
}

/** Resolve an agent name; throws with the list of valid names. */
export function createAgent(name: string): Agent {
  if (name === 'baseline') return createBaselineAgent();
  const m = /^pith-(run|plan)(?::(hash|line|off))?$/.exec(name);
  if (m) return createPithAgent(m[1] as PithMode, m[2] as AnchorMode | undefined);
  throw new Error(`unknown agent "${name}"; agents: ${[...DEFAULT_AGENTS, ...ANCHOR_VARIANTS, 'pith-plan:line', 'pith-run:hash'].join(', ')}`);
}
