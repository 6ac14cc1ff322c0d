/**
 * The approval policy: a mode for the session plus per-tool rules from config, applied in front
 * of the injected `approve()` (the human). Order: read-only denies every write and command (no
 * rule lifts it); a rule `deny`/`allow`/`ask` for the tool comes next; then the mode's default.
 * An answer of 'always' allows that tool without asking for the rest of the session.
 */
import { assertNever, type ApprovalMode, type ApprovalRequest, type Decision } from '../core/index.js';

export type RuleDecision = 'allow' | 'ask' | 'deny';

export interface ApprovalPolicy {
  readonly mode: ApprovalMode;
  /** Never 'always' in the answer: that is folded into the session memory. */
  decide(req: ApprovalRequest, ask: (req: ApprovalRequest) => Promise<Decision>): Promise<'allow' | 'deny'>;
  /** Why `req` was denied, in one line for the model (set by `decide`). */
  reasonFor(req: ApprovalRequest): string;
}

function modeDefault(mode: ApprovalMode, kind: ApprovalRequest['kind']): RuleDecision {
  switch (mode) {
    case 'trust':
      return 'allow';
    case 'read-only':
      return 'deny';
    case 'accept-edits':
      return kind === 'write' ? 'allow' : 'ask';
    case 'ask':
      return 'ask';
    default:
      return assertNever(mode);
  }
}

export function createApprovalPolicy(mode: ApprovalMode, rules: Readonly<Record<string, RuleDecision>> = {}): ApprovalPolicy {
  const always = new Set<string>();
  const reasons = new WeakMap<ApprovalRequest, string>();
  const deny = (req: ApprovalRequest, why: string): 'deny' => {
    reasons.set(req, why);
    return 'deny';
  };
  return {
    mode,
    async decide(req, ask) {
      if (mode === 'read-only') return deny(req, 'the session is read-only: writes and commands are off');
      const rule = rules[req.tool] ?? modeDefault(mode, req.kind);
      if (rule === 'deny') return deny(req, `a rule denies the ${req.tool} tool`);
      if (rule === 'allow' || always.has(req.tool)) return 'allow';
      const answer = await ask(req);
      if (answer === 'always') always.add(req.tool);
      return answer === 'deny' ? deny(req, 'the user declined') : 'allow';
    },
    reasonFor: (req) => reasons.get(req) ?? 'not approved',
  };
}
