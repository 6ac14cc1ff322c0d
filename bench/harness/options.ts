import { parseArgs } from 'node:util';

/**
 * `node dist/bench/run.js` options. Contract: every option documented in bench/README.md;
 * unknown options are a usage error (exit 2).
 */
export const USAGE = `usage: node dist/bench/run.js [options]      (npm run bench -- [options])

  --tasks id,id       only these tasks (default: every task in the fixtures)
  --agents a,b        pith-run, pith-plan, baseline, pith-run:line, pith-run:off, ...
                      (default: pith-run,pith-plan,baseline)
  --anchors           add the anchor variants pith-run:line and pith-run:off
  --repeats N         runs per task x agent (default 1; medians over repeats)
  --fixtures DIR      a directory with tasks/*.toml and repos/ (default: fixtures/)
  --profile NAME      a real model: pith's profile NAME (no script); default: the scripted model
  --json              print the whole result document as JSON instead of the table
  --out DIR           where the report goes (default: bench/results/)
  --keep              keep the repository copies (paths printed on stderr)
  --check             the regression check against bench/baseline.json (fast subset)
  --update            with --check: rewrite the baseline from this run
  --baseline FILE     with --check: the baseline file (default: bench/baseline.json)
  --peers             run the real peers (pi, opencode, codex) on the scripted model
  --help`;

export interface BenchOptions {
  tasks?: string[];
  agents?: string[];
  anchors: boolean;
  repeats: number;
  fixtures?: string;
  profile?: string;
  json: boolean;
  out?: string;
  keep: boolean;
  check: boolean;
  update: boolean;
  baseline?: string;
  peers: boolean;
  help: boolean;
}

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

/** Throws Error with a message fit for "bench: <message>". */
export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      tasks: { type: 'string' }, agents: { type: 'string' }, anchors: { type: 'boolean' }, repeats: { type: 'string' },
      fixtures: { type: 'string' }, profile: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' },
      keep: { type: 'boolean' }, check: { type: 'boolean' }, update: { type: 'boolean' }, baseline: { type: 'string' },
      peers: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const repeats = values.repeats === undefined ? 1 : Number(values.repeats);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats takes a whole number >= 1, got "${values.repeats}"`);
  if (values.update && !values.check) throw new Error('--update only goes with --check');
  return {
    tasks: list(values.tasks), agents: list(values.agents), anchors: Boolean(values.anchors), repeats,
    fixtures: values.fixtures, profile: values.profile, json: Boolean(values.json), out: values.out, keep: Boolean(values.keep),
    check: Boolean(values.check), update: Boolean(values.update), baseline: values.baseline, peers: Boolean(values.peers), help: Boolean(values.help),
  };
}
