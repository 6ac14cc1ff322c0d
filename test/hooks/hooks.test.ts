import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCheckRunner, detectChecks, shapeCheckOutput, type ExecFn } from '../../src/hooks/index.js';
import { getTokenizer } from '../../src/tokens/index.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pith-hooks-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

describe('detectChecks', () => {
  it('finds tsc (local binary first), cargo and python checks from the project files', async () => {
    const root = project({ 'tsconfig.json': '{}', 'node_modules/.bin/tsc': '', 'Cargo.toml': '', 'pyproject.toml': '' });
    const has = async (bin: string) => ['cargo', 'python3'].includes(bin);
    const checks = await detectChecks(root, 'auto', has);
    expect(checks.map((c) => c.name)).toEqual(['tsc', 'cargo', 'py_compile']);
    expect(checks[0]!.command).toContain(join(root, 'node_modules/.bin/tsc'));
  });

  it('honours an explicit list and off', async () => {
    const root = project({ 'tsconfig.json': '{}' });
    expect(await detectChecks(root, 'off', async () => true)).toEqual([]);
    expect((await detectChecks(root, ['make lint'], async () => true)).map((c) => c.command)).toEqual(['make lint']);
  });
});

describe('shapeCheckOutput', () => {
  it('puts errors in changed files first with their source line, cuts the rest to the cap keeping the tail', async () => {
    const tok = await getTokenizer();
    const noise = Array.from({ length: 300 }, (_, i) => `lib/other.ts(${i + 1},1): error TS2304: Cannot find name 'x${i}'.`);
    const output = [...noise, "src/a.ts(2,7): error TS2322: Type 'string' is not assignable to type 'number'.", 'Found 301 errors.'].join('\n');
    const shaped = shapeCheckOutput({
      command: 'tsc', exitCode: 2, timedOut: false, output, changedFiles: ['src/a.ts'],
      sourceLine: (p, l) => (p === 'src/a.ts' && l === 2 ? "const n: number = 'oops';" : undefined),
      count: (t) => tok.count(t), maxTokens: 200,
    });
    const lines = shaped.split('\n');
    expect(lines[0]).toBe('[check `tsc` failed (exit 2)]');
    expect(lines[1]).toContain('src/a.ts(2,7)');
    expect(lines[2]).toContain("const n: number = 'oops';");
    expect(shaped).toMatch(/\[\.\.\. \d+ more lines of output cut\]/);
    expect(lines.at(-1)).toBe('Found 301 errors.');
    expect(tok.count(shaped)).toBeLessThanOrEqual(200);
  });

  it('is one line when the check passes', () => {
    expect(shapeCheckOutput({ command: 'tsc', exitCode: 0, timedOut: false, output: 'lots', changedFiles: [], sourceLine: () => undefined, count: (t) => t.length, maxTokens: 50 })).toBe('[check `tsc`: ok]');
  });
});

describe('createCheckRunner', () => {
  it('runs only the checks that apply to the changed files, appending files for per-file checks', async () => {
    const root = project({ 'a.py': 'x = 1\n', 'b.ts': 'let x = 1\n' });
    const ran: string[] = [];
    const exec: ExecFn = async (command) => (ran.push(command), { exitCode: command.startsWith('tsc') ? 1 : 0, output: 'b.ts(1,5): error TS1: bad', timedOut: false });
    const runner = createCheckRunner({
      root, exec, count: (t) => t.length, timeoutMs: 1000,
      checks: [{ name: 'tsc', command: 'tsc --noEmit', onlyFor: ['.ts'] }, { name: 'py', command: 'python3 -m py_compile', perFileExt: ['.py'] }],
    });
    const onlyPy = await runner.run(['a.py'], new AbortController().signal);
    expect(ran).toEqual(['python3 -m py_compile a.py']);
    expect(onlyPy?.ok).toBe(true);
    const ts = await runner.run(['b.ts'], new AbortController().signal);
    expect(ts?.ok).toBe(false);
    expect(ts?.output).toContain('1| let x = 1');
    expect(await runner.run(['README.md'], new AbortController().signal)).toBeNull();
  });
});
