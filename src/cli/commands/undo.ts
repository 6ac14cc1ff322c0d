import { parseArgs } from 'node:util';
import { undoLast, type UndoReport } from '../../session/index.js';
import type { CliIO } from '../io.js';
import { reportError, resolveProjectRoot } from '../runtime.js';

const USAGE = `usage: pith undo [--dry-run] [--json]

Restores the files changed by the last run or plan step from .pith/snapshots/, and deletes the
files it created. A file changed since (by you or anything else) is reported and left alone.
Each undo goes one run further back. Never runs git.

exit status: 0 all done (or nothing to undo), 1 some files were left alone.

options:
  --dry-run   show what would be restored; change nothing
  --json      the report as one JSON object ({ "report": null } when nothing to undo)
  --help      this text`;

export async function undoCommand(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    io.stderr.write(`pith undo: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) return void io.stdout.write(USAGE + '\n'), 0;
  try {
    const report = await undoLast(resolveProjectRoot(io.cwd), { dryRun: values['dry-run'] ?? false });
    if (values.json) io.stdout.write(JSON.stringify({ report }) + '\n');
    else io.stdout.write(formatReport(report) + '\n');
    return report && report.skipped.length > 0 ? 1 : 0;
  } catch (e) {
    return reportError(io, e);
  }
}

const REASON = { changed_since: 'changed since; left alone', missing_snapshot: 'snapshot missing; left alone', outside_root: 'outside the project; left alone' } as const;

export function formatReport(r: UndoReport | null): string {
  if (!r) return 'nothing to undo.';
  const verb = r.dryRun ? 'would undo' : 'undid';
  const lines = [`${verb} ${r.groupId} (${r.createdAt}):`];
  for (const p of r.restored) lines.push(`  ${r.dryRun ? 'restore' : 'restored'}  ${p}`);
  for (const p of r.deleted) lines.push(`  ${r.dryRun ? 'delete' : 'deleted'}   ${p}`);
  for (const p of r.unchanged) lines.push(`  unchanged ${p}`);
  for (const s of r.skipped) lines.push(`  skipped   ${s.path} (${REASON[s.reason]})`);
  return lines.join('\n');
}
