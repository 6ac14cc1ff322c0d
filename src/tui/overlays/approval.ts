import type { KeyInfo } from 'neo-blessed';
import type { ApprovalRequest, Decision } from '../../core/index.js';
import type { Overlay, TuiContext } from '../context.js';
import { escapeTags } from '../format.js';
import { overlayBox } from './box.js';

/**
 * The approval dialog: y allow, n deny, a always (this tool, this session). It sits above the
 * input box and takes keys only while open, so the text being typed is kept as it was.
 */
export function askApproval(ctx: TuiContext, req: ApprovalRequest): Promise<Decision> {
  return new Promise((resolve) => {
    const detail = req.detail && !req.summary.includes(req.detail.trim()) ? req.detail.split('\n').slice(0, 8) : [];
    const height = Math.min(ctx.layout.screen.height - 2, 6 + detail.length);
    const box = overlayBox(ctx, { title: req.kind === 'command' ? 'run this command?' : 'allow this change?', width: '80%', height, top: Math.max(0, ctx.layout.screen.height - ctx.layout.inputHeight() - height - 1) });
    const answer = (d: Decision) => {
      ctx.close(overlay);
      resolve(d);
    };
    const overlay: Overlay = {
      name: 'approval',
      key(ch: string | undefined, key: KeyInfo) {
        if (ch === 'y' || ch === 'Y') answer('allow');
        else if (ch === 'n' || ch === 'N' || key.name === 'escape') answer('deny');
        else if (ch === 'a' || ch === 'A') answer('always');
      },
      render() {
        const t = ctx.theme;
        const lines = [t.bold(escapeTags(req.summary)), ...detail.map((l) => t.dim(escapeTags(l))), '', `${t.hue('y', 'green')} yes   ${t.hue('n', 'red')} no   ${t.hue('a', 'cyan')} always for ${escapeTags(req.tool)} this session`];
        box.setContent(lines.join('\n'));
      },
      destroy: () => box.destroy(),
      interrupt: () => answer('deny'),
    };
    ctx.open(overlay);
  });
}
