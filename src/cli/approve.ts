import type { ApprovalMode, ApprovalRequest, Decision } from '../core/index.js';
import type { CliIO } from './io.js';

/**
 * Approvals in print mode. On a terminal: a y/n/a prompt (@clack/prompts). Without one: deny,
 * and say how to allow (the tool result tells the model it was denied).
 */
export function createPrintApprover(io: CliIO): (req: ApprovalRequest) => Promise<Decision> {
  return async (req) => {
    if (!io.isTTY) {
      io.stderr.write(`pith: denied ${req.summary} (no terminal to ask; pass --yes or set [approval] mode)\n`);
      return 'deny';
    }
    const { select, isCancel } = await import('@clack/prompts');
    const answer = await select({
      message: `${req.kind === 'command' ? 'Run' : 'Allow'}: ${req.summary}${req.detail ? `\n${req.detail}` : ''}`,
      options: [
        { value: 'allow', label: 'yes' },
        { value: 'deny', label: 'no' },
        { value: 'always', label: `always for ${req.tool} this session` },
      ],
      input: io.stdin as NodeJS.ReadStream,
      output: io.stdout as NodeJS.WriteStream,
    });
    return isCancel(answer) ? 'deny' : (answer as Decision);
  };
}

/** `--yes` approves everything, except in a read-only setup: it never turns read-only into writes. */
export function yesMode(yes: boolean | undefined, configured: ApprovalMode): ApprovalMode | undefined {
  return yes && configured !== 'read-only' ? 'trust' : undefined;
}
