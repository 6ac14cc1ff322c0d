import { mkdtempSync, realpathSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { createToolset, lineHash, type Toolset, type ToolsetOptions } from '../../src/tools/index.js';
import type { ApprovalRequest, ToolResult } from '../../src/core/index.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh real temp dir, removed after the test. */
export function tmp(files: Record<string, string | Buffer> = {}): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), 'pith-tools-')));
  dirs.push(d);
  for (const [p, c] of Object.entries(files)) put(d, p, c);
  return d;
}

export function put(root: string, rel: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}

export const get = (root: string, rel: string): string => readFileSync(join(root, rel), 'utf8');

export interface Harness {
  ts: Toolset;
  asked: ApprovalRequest[];
  call(name: string, args: unknown, signal?: AbortSignal): Promise<ToolResult>;
}

/** A toolset in trust mode (unless overridden) that records approval requests. */
export async function harness(root: string, over: Partial<ToolsetOptions> = {}): Promise<Harness> {
  const asked: ApprovalRequest[] = [];
  const ts = await createToolset({
    root,
    anchors: 'hash',
    approval: { mode: 'trust' },
    approve: async (r) => {
      asked.push(r);
      return 'allow';
    },
    ...over,
  });
  return {
    ts,
    asked,
    call: (name, args, signal = new AbortController().signal) => ts.run(name, JSON.stringify(args), signal),
  };
}

/** The hash anchor of line n (1-based) of a text. */
export function anchor(text: string, n: number): string {
  const line = text.split('\n')[n - 1]!.replace(/\r$/, '');
  return `${n}:${lineHash(line)}`;
}

/** `count` numbered lines: "line 1\nline 2\n...". */
export function numbered(count: number, prefix = 'line'): string {
  return Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`).join('\n') + '\n';
}
