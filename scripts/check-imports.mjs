// Fails when a module imports from one to its right in ARCHITECTURE.md section 2:
// core <- config, tokens <- provider, index <- tools <- hooks, mcp <- telemetry <- agent <- plan <- session <- tui <- cli
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const RANK = { core: 0, config: 1, tokens: 1, provider: 2, index: 2, tools: 3, hooks: 4, mcp: 4, telemetry: 5, agent: 6, plan: 7, session: 8, tui: 9, cli: 10 };
const src = resolve('src');
const bad = [];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts')) yield p;
  }
}
const moduleOf = (file) => relative(src, file).split(sep)[0];

for (const file of walk(src)) {
  const from = moduleOf(file);
  if (!(from in RANK)) { bad.push(`${relative('.', file)}: module '${from}' is not in ARCHITECTURE.md section 2`); continue; }
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2];
    const target = resolve(dirname(file), spec);
    if (!target.startsWith(src + sep)) { bad.push(`${relative('.', file)}: imports outside src: ${spec}`); continue; }
    const to = moduleOf(target);
    if (to === from) continue;
    if (!(to in RANK) || RANK[to] >= RANK[from]) bad.push(`${relative('.', file)}: ${from} -> ${to} ('${spec}') goes against the import direction`);
  }
}
if (bad.length) {
  console.error(`import direction: ${bad.length} illegal edge(s)\n` + bad.map((b) => '  ' + b).join('\n'));
  process.exit(1);
}
console.log('import direction: ok');
