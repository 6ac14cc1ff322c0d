/** recall { id }: the full stored text of an earlier result that was cut. Never cut again by the framework. */
import type { ToolSpec } from '../core/index.js';
import { RECALL_DESCRIPTION, RECALL_PARAMS } from './descriptions.js';
import { defineTool, fail } from './framework.js';
import type { ToolDeps } from './types.js';

export function createRecallTool(deps: ToolDeps): ToolSpec {
  return defineTool<{ id: string }>(
    {
      name: 'recall',
      description: RECALL_DESCRIPTION,
      params: RECALL_PARAMS,
      effect: 'read',
      example: '{"id":"r1"}',
      uncapped: true,
      async run(args) {
        const hit = deps.state.recall.get(args.id.trim());
        if (!hit) return fail('not_found', `recall: no stored output "${args.id}" (ids look like "r1"; old ones are dropped when the store fills)`);
        return { text: hit.text, display: `recall ${args.id} (${hit.source})` };
      },
    },
    deps,
  );
}
