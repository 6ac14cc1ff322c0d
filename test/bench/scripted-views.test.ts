import { describe, expect, it } from 'vitest';
import { buildViews } from '../../bench/scripted-model/view.js';
import { defaultToolSet } from '../../bench/scripted-model/toolset.js';

describe('scripted model: what it has seen', () => {
  it('files its rows under the excerpt header they follow, and drops rows of a file the script does not know', () => {
    const text = [
      'Add lead_time_days to reorder_quantity in stockroom/reorder.py.',
      '',
      'stockroom/reorder.py lines 40-41 of 226',
      '40:fz|def reorder_quantity(item, available, settings):',
      '41:uu|    """Units to order now."""',
      '',
      'stockroom/config.py lines 40-41 of 220',
      '40:ii|    "low_stock_threshold": (0, 10_000),',
      '41:cg|    "lead_time_days": (0, 365),',
    ].join('\n');
    const views = buildViews([text], [], defaultToolSet(), ['stockroom/reorder.py']);
    const seen = views.get('stockroom/reorder.py').lines;
    expect([...seen.keys()]).toEqual([40, 41]);
    // config.py's line 40 does not overwrite reorder.py's.
    expect(seen.get(40)?.text).toBe('def reorder_quantity(item, available, settings):');
  });
});
