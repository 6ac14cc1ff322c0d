// Reports source files over the house-style sizes (aim < 300 lines, split before 500). Informational.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const rows = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) {
      const n = readFileSync(p, 'utf8').split('\n').length;
      if (n > 300) rows.push([n, p]);
    }
  }
}
for (const d of ['src', 'bench']) { try { walk(d); } catch {} }
rows.sort((a, b) => b[0] - a[0]);
if (rows.length === 0) console.log('file sizes: every file under 300 lines');
else console.log('file sizes (over 300 lines; split before 500):\n' + rows.map(([n, p]) => `  ${String(n).padStart(5)}  ${p}${n > 500 ? '  <- split' : ''}`).join('\n'));
