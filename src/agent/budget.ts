import type { Price } from '../tokens/index.js';

/** Hard caps for one step. Tokens = input + output summed over the step's calls. */
export interface StepBudget {
  tokens: number;
  toolCalls: number;
  usd?: number;
}

export type BudgetVerdict =
  | { kind: 'ok'; maxReplyTokens: number }
  | { kind: 'exhausted'; reason: string };

/** Smallest reply worth asking for; below this the step stops instead of calling. */
export const MIN_REPLY_TOKENS = 64;

/**
 * Tracks what a step has spent and decides, before each call, whether the call fits.
 * The reply cap it returns makes the check hard: input counted exactly + reply capped
 * can never pass the step's token or dollar cap.
 */
export class BudgetTracker {
  tokens = 0;
  usd = 0;
  toolCalls = 0;
  private warned = new Set<number>();

  constructor(
    readonly budget: StepBudget,
    private readonly price: Price,
    private readonly replyReserve: number,
  ) {}

  /** Decide whether a request of `requestTokens` may be sent now. */
  check(requestTokens: number): BudgetVerdict {
    const left = this.budget.tokens - this.tokens - requestTokens;
    let maxReply = Math.min(this.replyReserve, left);
    if (this.budget.usd !== undefined && this.price.output > 0) {
      const usdLeft = this.budget.usd - this.usd - (requestTokens * this.price.input) / 1e6;
      maxReply = Math.min(maxReply, Math.floor((usdLeft * 1e6) / this.price.output));
    }
    if (maxReply < MIN_REPLY_TOKENS) {
      return { kind: 'exhausted', reason: `step budget reached: ${this.tokens} of ${this.budget.tokens} tokens used${this.budget.usd !== undefined ? `, $${this.usd.toFixed(4)} of $${this.budget.usd}` : ''}` };
    }
    return { kind: 'ok', maxReplyTokens: maxReply };
  }

  spend(inputTokens: number, outputTokens: number, usd: number): void {
    this.tokens += inputTokens + outputTokens;
    this.usd += usd;
  }

  toolCallsLeft(): number {
    return this.budget.toolCalls - this.toolCalls;
  }

  /** The share of the budget used, 0..1; `ahead` = tokens the next call will surely spend. */
  fraction(ahead = 0): number {
    const t = (this.tokens + ahead) / this.budget.tokens;
    const d = this.budget.usd ? this.usd / this.budget.usd : 0;
    return Math.max(t, d, this.budget.toolCalls > 0 ? this.toolCalls / this.budget.toolCalls : 0);
  }

  /**
   * A level (70 or 90) the first time it is crossed, else null. `ahead` is the size of the
   * last request: the next one is at least as big, so warning on the projection tells the
   * model to finish while one more call still fits.
   */
  crossedLevel(ahead = 0): 70 | 90 | null {
    const f = this.fraction(ahead);
    for (const level of [90, 70] as const) {
      if (f >= level / 100 && !this.warned.has(level)) {
        this.warned.add(level);
        this.warned.add(70);
        return level;
      }
    }
    return null;
  }

  /** One short line for the model at a warning level. */
  noteFor(level: 70 | 90): string {
    const left = Math.max(0, this.budget.tokens - this.tokens);
    return level === 90
      ? `[budget: ${left} tokens left. Finish now: make the last edit and reply with a summary.]`
      : `[budget: ${left} of ${this.budget.tokens} tokens left; be economical.]`;
  }
}
