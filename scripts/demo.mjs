// npm run demo: runs the compiled demo (bench/demo.ts). `npm install` builds dist/ in `prepare`;
// build here too if it is missing, so the demo never fails for want of a build.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!existsSync(new URL('../dist/bench/demo.js', import.meta.url))) {
  const b = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync(process.execPath, [new URL('../dist/bench/demo.js', import.meta.url).pathname, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
