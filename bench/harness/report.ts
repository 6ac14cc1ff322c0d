import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from './summary.js';
import type { ModelTarget, RunResult, Settings } from './types.js';

/**
 * The run's settings (git commit, versions, agents, model) and the report written under
 * bench/results/: `<timestamp>-<mode>-<model>.json` (the --json document) and `.txt` (the table).
 */
export interface BenchDocument {
  settings: Settings;
  results: RunResult[];
  summary: Summary;
}

function git(root: string, args: string[]): string | null {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function pkgVersion(root: string, name: string): string | null {
  const p = join(root, 'node_modules', name, 'package.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version : null;
}

export function collectSettings(o: {
  root: string;
  agents: string[];
  tasks: string[];
  repeats: number;
  fixtures: string;
  target: ModelTarget;
  mode: Settings['mode'];
}): Settings {
  const status = git(o.root, ['status', '--porcelain']);
  const own = JSON.parse(readFileSync(join(o.root, 'package.json'), 'utf8')) as { version: string };
  return {
    started_at: new Date().toISOString(),
    git_commit: git(o.root, ['rev-parse', 'HEAD']),
    git_dirty: status === null ? null : status.length > 0,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    versions: {
      pith: own.version,
      openai: pkgVersion(o.root, 'openai'),
      typescript: pkgVersion(o.root, 'typescript'),
      'js-tiktoken': pkgVersion(o.root, 'js-tiktoken'),
    },
    agents: o.agents,
    tasks: o.tasks,
    repeats: o.repeats,
    fixtures: o.fixtures,
    model: { kind: o.target.kind, label: o.target.label, model: o.target.model, endpoint: o.target.baseURL },
    mode: o.mode,
  };
}

/** Write the report pair; returns the .json path. */
export function writeReport(dir: string, doc: BenchDocument, table: string): string {
  mkdirSync(dir, { recursive: true });
  const stamp = doc.settings.started_at.replace(/[:.]/g, '-').replace(/Z$/, '');
  const base = join(dir, `${stamp}-${doc.settings.mode}-${doc.settings.model.label.replace(/[^\w.-]/g, '_')}`);
  writeFileSync(`${base}.json`, JSON.stringify(doc, null, 2) + '\n');
  writeFileSync(`${base}.txt`, `${JSON.stringify(doc.settings, null, 2)}\n\n${table}`);
  return `${base}.json`;
}
