/**
 * `pith stats`: where the tokens went. Parses options, picks the file, runs a query from
 * telemetry/inspect and prints it. All aggregation lives in telemetry/ (the TUI's /stats overlay
 * shares it); this file only wires and formats.
 * Exit codes: 0 done, 1 no telemetry / unreadable file, 2 usage (or a prune refused without a TTY).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { CliIO } from '../io.js';
import { errorMessage, isPithError } from '../../core/index.js';
import type { TelemetryKind, TelemetryRecord } from '../../telemetry/index.js';
import * as T from '../../telemetry/index.js';

const HELP = `usage: pith stats [options]

Where the tokens went: runs, calls, costs, charts and estimate accuracy, read from
.pith/telemetry.jsonl of this project (the nearest folder up from here holding .git or .pith).

source
  --file F              read F instead
  --all-projects        read the global copy, $XDG_DATA_HOME/pith/telemetry.jsonl
                        (else ~/.local/share/pith/telemetry.jsonl), if one is kept
period and filters
  --since S             7d, 24h, 30m, 2w, a date (2026-11-01, local midnight) or an ISO time
  --last N              only the N most recent runs
  --profile NAME        only records of this profile
  --model ID            only records of this model
views (default: the summary, charts and estimate accuracy)
  --by KEY              one grouped table: model, profile, project (with --all-projects), day (local),
                        status (of runs) or tool
  --run ID              one run call by call, with each request's parts and the costliest tools;
                        ID may be a unique prefix, or 'last'
  --no-charts           leave the charts out
output for scripts
  --json                one JSON document with every aggregate (docs/stats-json.md); with --run,
                        that run in detail
  --csv                 one row per record of one kind, header row first
  --kind K              the kind for --csv: call (default), tool, step or run
retention
  --prune --older-than D   rewrite the file without records older than D (e.g. 90d), atomically;
                           asks y/N in a terminal; --yes skips the question (needed without one)

The global --endpoint is accepted and has no effect here.
Charts use block glyphs in a terminal and ASCII otherwise; colour only in a terminal without NO_COLOR.
Torn or malformed lines are skipped and counted on stderr; older records are read with defaults.
`;

const OPTIONS = {
  file: { type: 'string' },
  'all-projects': { type: 'boolean' },
  since: { type: 'string' },
  last: { type: 'string' },
  profile: { type: 'string' },
  model: { type: 'string' },
  endpoint: { type: 'string' },
  by: { type: 'string' },
  run: { type: 'string' },
  'no-charts': { type: 'boolean' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  kind: { type: 'string' },
  prune: { type: 'boolean' },
  'older-than': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

class Usage extends Error {}

export async function statsCommand(argv: string[], io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help) return done(io, HELP);
    if (positionals.length) throw new Usage(`unexpected argument '${positionals[0]}'`);
    return await run(values, io);
  } catch (e) {
    if (e instanceof Usage || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`pith stats: ${errorMessage(e)}\nRun 'pith stats --help' for the options.\n`);
      return 2;
    }
    if (isPithError(e)) {
      io.stderr.write(`pith stats: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
      return e.exitCode;
    }
    throw e;
  }
}

function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : text + '\n');
}

/** Prints `text` on stdout and returns exit code 0. */
function done(io: CliIO, text: string): number {
  write(io.stdout, text);
  return 0;
}

/** Prints `pith stats: message` on stderr and returns `code`. */
function fail(io: CliIO, message: string, code: number): number {
  io.stderr.write(`pith stats: ${message}\n`);
  return code;
}

function check(v: Values): void {
  const views = (['json', 'csv', 'prune'] as const).filter((k) => v[k]);
  if (views.length > 1) throw new Usage(`--${views[0]} and --${views[1]} do not go together`);
  if (v.file !== undefined && v['all-projects']) throw new Usage('--file and --all-projects do not go together');
  if (v.kind !== undefined && !v.csv) throw new Usage('--kind goes with --csv');
  if (v['older-than'] !== undefined && !v.prune) throw new Usage('--older-than goes with --prune');
  if (v.prune && v['older-than'] === undefined) throw new Usage('--prune needs --older-than D, e.g. --older-than 90d');
  const filters = (['since', 'last', 'profile', 'model', 'by', 'run'] as const).filter((k) => v[k] !== undefined);
  if (v.prune && filters.length) throw new Usage(`--prune takes only --older-than (and --yes), not --${filters[0]}`);
  if (v.run !== undefined && v.by !== undefined) throw new Usage('--run and --by do not go together');
  if (v.run !== undefined && filters.some((k) => k !== 'run')) throw new Usage('--run shows the whole run: leave out --since, --last, --profile and --model');
  if (v.csv && v.by !== undefined) throw new Usage('--csv writes records, not groups: leave out --by');
  if (v.by !== undefined && !(T.GROUP_KEYS as readonly string[]).includes(v.by)) throw new Usage(`--by takes ${T.GROUP_KEYS.join(', ')}; got '${v.by}'`);
}

/** The file to read, or a plain message saying there is none. */
async function pickFile(v: Values, io: CliIO): Promise<{ path: string; label: string } | { missing: string }> {
  let path: string;
  let label: string;
  let missing: string;
  if (v.file !== undefined) {
    path = resolve(io.cwd, v.file);
    label = v.file;
    missing = `cannot read ${v.file}: no such file`;
  } else if (v['all-projects']) {
    const global = T.globalTelemetryPath(io.env);
    if (global === null) return { missing: 'no global telemetry copy: neither XDG_DATA_HOME nor HOME is set' };
    path = global;
    label = global;
    missing = `there is no global telemetry copy (nothing at ${global}); pith keeps telemetry per project in .pith/telemetry.jsonl`;
  } else {
    const root = T.findProjectRoot(io.cwd);
    path = T.projectTelemetryPath(root);
    label = path;
    missing = `no telemetry in this project yet (nothing at ${path}); runs record there as they go`;
  }
  const found = await stat(path).then((s) => s.isFile(), () => false);
  return found ? { path, label } : { missing };
}

function reportSkipped(io: CliIO, read: T.ReadStats, label: string): void {
  const parts: string[] = [];
  if (read.malformed) parts.push(`skipped ${read.malformed} torn or malformed line${read.malformed === 1 ? '' : 's'}${read.recovered ? ` (${read.recovered} whole record${read.recovered === 1 ? '' : 's'} recovered from them)` : ''}`);
  if (read.unknownKind) parts.push(`skipped ${read.unknownKind} record${read.unknownKind === 1 ? '' : 's'} of an unknown kind`);
  if (read.newerVersion) parts.push(`read ${read.newerVersion} record${read.newerVersion === 1 ? '' : 's'} from a newer pith as far as this version understands them`);
  if (parts.length) io.stderr.write(`pith stats: ${label}: ${parts.join('; ')}.\n`);
}

async function run(v: Values, io: CliIO): Promise<number> {
  check(v);
  const now = Date.now();
  const since = v.since === undefined ? undefined : T.parseSince(v.since, now);
  if (since === null) throw new Usage(`--since takes 7d, 24h, 30m, 2w, a date like 2026-11-01, or an ISO time; got '${v.since}'`);
  const last = v.last === undefined ? undefined : Number(v.last);
  if (last !== undefined && !(Number.isInteger(last) && last > 0)) throw new Usage(`--last takes a whole number of runs above 0; got '${v.last}'`);
  const kind = (v.kind ?? 'call') as TelemetryKind;
  if (!['call', 'tool', 'step', 'run'].includes(kind)) throw new Usage(`--kind takes call, tool, step or run; got '${v.kind}'`);
  const olderThan = v['older-than'] === undefined ? undefined : T.parseDuration(v['older-than']);
  if (olderThan === null) throw new Usage(`--older-than takes a duration like 90d, 12w or 24h; got '${v['older-than']}'`);

  const file = await pickFile(v, io);
  if ('missing' in file) return fail(io, `${file.missing}.`, 1);
  const { path, label } = file;
  const signal = io.signal;
  const color = io.isTTY && !io.env.NO_COLOR;
  const style: T.ChartStyle = { unicode: io.isTTY && io.env.TERM !== 'dumb', color };
  const width = (io.stdout as { columns?: number }).columns ?? 100;
  const charts = !v['no-charts'];

  if (olderThan !== undefined) return prune(io, path, label, now - olderThan, v['older-than'] as string, Boolean(v.yes));

  if (v.run !== undefined) {
    const found = await T.collectRun(path, v.run, signal);
    reportSkipped(io, found.read, label);
    if (found.type === 'none') return fail(io, `no run ${v.run === 'last' ? 'at all' : `matching '${v.run}'`} in ${label}.`, 1);
    if (found.type === 'ambiguous') {
      const some = found.matches.slice(0, 10).join(', ') + (found.matches.length > 10 ? ', ...' : '');
      return fail(io, `'${v.run}' matches ${found.matches.length} runs: ${some}; give more of the id.`, 2);
    }
    if (v.csv) return writeCsv(io, kind, found.records);
    const detail = T.buildRunDetail(found.run, found.records);
    if (v.json) return done(io, JSON.stringify(T.runDocument(detail, T.jsonSource(path, found.read), new Date(now)), null, 2));
    return done(io, T.formatRunDetail(detail, { style, charts, width }).join('\n'));
  }

  const filter: T.RecordFilter = { since, profile: v.profile, model: v.model };
  const query = { filter, lastRuns: last, signal };
  if (v.csv) {
    let buffer = T.csvHeader(kind);
    const read = await T.forEachSelected(path, query, (r) => {
      if (r.kind !== kind) return;
      buffer += T.csvRow(r);
      if (buffer.length < 1 << 16) return;
      const flushed = io.stdout.write(buffer);
      buffer = '';
      return flushed ? undefined : new Promise<void>((done) => io.stdout.once('drain', () => done()));
    });
    io.stdout.write(buffer);
    reportSkipped(io, read, label);
    return 0;
  }
  const { report, read } = await T.summarizeFile(path, query);
  reportSkipped(io, read, label);
  if (v.json) {
    const period = { since: since === undefined ? null : new Date(since).toISOString(), last_runs: last ?? null, profile: v.profile ?? null, model: v.model ?? null };
    return done(io, JSON.stringify(T.statsDocument(report, T.jsonSource(path, read), period, new Date(now)), null, 2));
  }
  const ctx: T.TextContext = { source: label, period: describePeriod(v, since), style, charts, width };
  const lines = v.by !== undefined ? T.formatGroups(report, v.by as T.GroupKey, ctx) : T.formatSummary(report, ctx);
  return done(io, lines.join('\n'));
}

function describePeriod(v: Values, since: number | undefined): string {
  const parts: string[] = [];
  if (since !== undefined) parts.push(`since ${v.since}`);
  if (v.last !== undefined) parts.push(`last ${v.last} run${v.last === '1' ? '' : 's'}`);
  if (v.profile !== undefined) parts.push(`profile ${v.profile}`);
  if (v.model !== undefined) parts.push(`model ${v.model}`);
  return parts.length ? parts.join(', ') : 'all time';
}

function writeCsv(io: CliIO, kind: TelemetryKind, records: readonly TelemetryRecord[]): number {
  let text = T.csvHeader(kind);
  for (const r of records) if (r.kind === kind) text += T.csvRow(r);
  io.stdout.write(text);
  return 0;
}

async function prune(io: CliIO, path: string, label: string, cutoff: number, age: string, yes: boolean): Promise<number> {
  if (!yes && !io.isTTY) {
    return fail(io, '--prune deletes records and this is not a terminal to ask in: nothing deleted. Add --yes to prune.', 2);
  }
  if (!yes) {
    const count = await T.countPrunable(path, cutoff, io.signal);
    if (count.old === 0 && count.malformed === 0) return done(io, `pith stats: nothing older than ${age} in ${label}; left as is.`);
    const what = `${count.old} record${count.old === 1 ? '' : 's'} older than ${age}${count.malformed ? ` and ${count.malformed} malformed line${count.malformed === 1 ? '' : 's'}` : ''}`;
    if (!(await ask(io, `Delete ${what} from ${label}? Keeps ${count.kept}. [y/N] `))) return done(io, 'Nothing deleted.');
  }
  const r = await T.pruneTelemetry(path, cutoff, io.signal);
  if (!r.rewritten) return done(io, `pith stats: nothing older than ${age} in ${label}; left as is.`);
  const mb = (n: number) => (n / 1e6).toFixed(1);
  return done(io, `pith stats: removed ${r.old} record${r.old === 1 ? '' : 's'} older than ${age}${r.malformed ? ` and ${r.malformed} malformed line${r.malformed === 1 ? '' : 's'}` : ''}; kept ${r.kept}; ${mb(r.bytesBefore)} MB -> ${mb(r.bytesAfter)} MB.`);
}

/** One y/N question on the terminal; anything but y/yes is no, and so is end of input. */
function ask(io: CliIO, question: string): Promise<boolean> {
  io.stdout.write(question);
  return new Promise((answer) => {
    const rl = createInterface({ input: io.stdin, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      answer(/^\s*y(es)?\s*$/i.test(line));
    });
    rl.once('close', () => answered || answer(false));
  });
}
