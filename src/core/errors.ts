/** Typed errors. `exitCode` is what the CLI exits with when one reaches the top. */
export type PithErrorCode = 'config' | 'usage' | 'provider' | 'budget' | 'aborted' | 'io' | 'internal';

const EXIT: Record<PithErrorCode, number> = {
  config: 2,
  usage: 2,
  provider: 1,
  budget: 3,
  aborted: 130,
  io: 1,
  internal: 1,
};

export class PithError extends Error {
  readonly code: PithErrorCode;
  /** One line telling the user what to do about it. */
  readonly hint?: string;
  constructor(code: PithErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'PithError';
    this.code = code;
    this.hint = hint;
  }
  get exitCode(): number {
    return EXIT[this.code];
  }
}

export function isPithError(e: unknown): e is PithError {
  return e instanceof PithError;
}

/** Exhaustiveness check for switches over discriminated unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(x)}`);
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
