import { describe, it, expect } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { CSV_COLUMNS } from '../../src/telemetry/inspect.js';
import { call, fakeIO, runRec, tempDir, writeFixture, type FakeIO } from '../telemetry/fixture.js';
import { statsDocumentShape, runDocumentShape } from '../telemetry/stats-shape.js';

/** A project (with .git) holding the fixture; commands run from a folder two levels down. */
function project(): { root: string; cwd: string; path: string } {
  const root = tempDir();
  mkdirSync(join(root, '.git'));
  const cwd = join(root, 'src', 'deep');
  mkdirSync(cwd, { recursive: true });
  return { root, cwd, path: writeFixture(root) };
}

async function stats(args: string[], io: FakeIO): Promise<number> {
  return main(['stats', ...args], io);
}

async function json(args: string[], cwd: string): Promise<any> {
  const io = fakeIO(cwd);
  expect(await stats(['--json', ...args], io)).toBe(0);
  return JSON.parse(io.out());
}

describe('pith stats', () => {
  it('summarises the project file found from a subfolder, in plain text without a TTY', async () => {
    const { cwd, path } = project();
    const io = fakeIO(cwd);
    expect(await stats([], io)).toBe(0);
    const out = io.out();
    expect(out).toContain(path);
    expect(out).toMatch(/runs\s+3\s+budget_exhausted 1 · failed 1 · ok 1/);
    expect(out).toMatch(/tokens in\s+11,900\s+cached 1,200 · 1 call counted by pith/);
    expect(out).toMatch(/tokens out\s+770\s+reasoning 10/);
    expect(out).toMatch(/cost\s+\$0\.9375/);
    expect(out).toMatch(/tokens per run\s+4,950\s+median · p90 6,510/);
    expect(out).toMatch(/budget stops\s+1 run\s+0 steps/);
    expect(out).toMatch(/steps\s+1 of 2 inside the range \(50\.0%\)/);
    expect(out).toContain('request parts');
    expect(out).toContain('cost per day');
    expect(out).not.toContain('\x1b');
    expect(out).not.toMatch(/[▁-█]/);
    expect(io.err()).toBe(`pith stats: ${path}: skipped 2 torn or malformed lines; skipped 1 record of an unknown kind.\n`);
  });

  it('colours only in a terminal without NO_COLOR, and draws blocks in a terminal', async () => {
    const { cwd } = project();
    const tty = fakeIO(cwd, { isTTY: true });
    await stats([], tty);
    expect(tty.out()).toContain('\x1b[');
    const noColor = fakeIO(cwd, { isTTY: true, env: { NO_COLOR: '1' } });
    await stats([], noColor);
    expect(noColor.out()).not.toContain('\x1b');
    expect(noColor.out()).toMatch(/[▁-█]/);
    const bare = fakeIO(cwd);
    await stats(['--no-charts'], bare);
    expect(bare.out()).not.toContain('request parts');
  });

  it('--json prints one document of the documented shape with the same aggregates', async () => {
    const { cwd, path } = project();
    const doc = await json([], cwd);
    statsDocumentShape.parse(doc);
    expect(doc.source).toEqual({ path, lines: 16, records: 13, skipped: { malformed: 2, unknown_kind: 1 }, recovered: 0, older_version: 1, newer_version: 0 });
    expect(doc.period).toEqual({ since: null, last_runs: null, profile: null, model: null });
    expect([doc.summary.runs, doc.summary.calls, doc.summary.tokens, doc.summary.cost_usd]).toEqual([3, 6, 12670, 0.9375]);
    expect(doc.groups.tool.map((t: { tool: string }) => t.tool)).toEqual(['read', 'grep']);
  });

  it('--csv writes a header and one row per record of the chosen kind', async () => {
    const { cwd } = project();
    const calls = fakeIO(cwd);
    expect(await stats(['--csv'], calls)).toBe(0);
    const lines = calls.out().trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.call.join(','));
    expect(lines).toHaveLength(1 + 5);
    expect(lines[1]).toBe('1,2026-11-01T12:00:00.000Z,sess-1,r-aaaa,default,gpt-4o-mini,1,s1,1000,100,200,0,1010,300,200,100,300,110,0.125,1000,ok,stop,,0');
    expect(lines[4]).toContain(',r-bbbb,fast,qwen,1,,,,,,3000,');
    const runs = fakeIO(cwd);
    expect(await stats(['--csv', '--kind', 'run', '--last', '2'], runs)).toBe(0);
    const rows = runs.out().trimEnd().split('\n');
    expect(rows[0]).toBe(CSV_COLUMNS.run.join(','));
    expect(rows.slice(1).map((r) => r.split(',')[3])).toEqual(['r-bbbb', 'r-cccc']);
    expect(rows[2]).toBe('0,2026-11-03T12:00:00.000Z,old,r-cccc,default,gpt-4o-mini,unknown,old,failed,0,800,20,,,1,0,0,0.0625,0,0,0,0,0,,');
  });

  it('--since, --last, --profile and --model narrow the selection', async () => {
    const { cwd } = project();
    const since = await json(['--since', '2026-11-02'], cwd);
    expect([since.summary.runs, since.summary.calls, since.summary.tokens]).toEqual([2, 3, 6900 + 820]);
    expect(since.period.since).toBe(new Date(2026, 10, 2).toISOString());
    const last = await json(['--last', '1'], cwd);
    expect(last.runs.map((r: { run: string }) => r.run)).toEqual(['r-cccc']);
    const lastTwo = await json(['--last', '2', '--profile', 'default'], cwd);
    expect(lastTwo.runs.map((r: { run: string }) => r.run)).toEqual(['r-aaaa', 'r-cccc']);
    const model = await json(['--model', 'qwen'], cwd);
    expect([model.summary.runs, model.summary.tokens]).toEqual([1, 6900]);

    // Relative periods, against records written relative to now.
    const dir = tempDir();
    const path = join(dir, 'recent.jsonl');
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    const lines = [
      call(ago(10 * 86_400_000), 'r-old', 'p', 'm', { input_tokens: 100, output_tokens: 1 }),
      call(ago(3_600_000), 'r-new', 'p', 'm', { input_tokens: 200, output_tokens: 2 }),
    ];
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect((await json(['--file', path, '--since', '7d'], dir)).summary.tokens).toBe(202);
    expect((await json(['--file', path, '--since', '24h'], dir)).summary.tokens).toBe(202);
    expect((await json(['--file', 'recent.jsonl', '--since', '30d'], dir)).summary.tokens).toBe(303);
  });

  it('--by prints one grouped table', async () => {
    const { cwd } = project();
    const io = fakeIO(cwd);
    expect(await stats(['--by', 'model'], io)).toBe(0);
    const rows = io.out().split('\n').filter((l) => /^\s+(model|qwen|gpt)/.test(l));
    expect(rows[0]).toMatch(/model\s+runs\s+calls\s+tool calls\s+tokens in\s+cached\s+tokens out\s+reasoning\s+cost/);
    expect(rows[1]).toMatch(/^\s+qwen\s+1\s+2\s+1\s+6,500\s+0\s+400\s+0\s+\$0\.0000/);
    expect(rows[2]).toMatch(/^\s+gpt-4o-mini\s+2\s+4\s+2\s+5,400\s+1,200\s+370\s+10\s+\$0\.9375/);
    const tools = fakeIO(cwd);
    await stats(['--by', 'tool', '--no-charts'], tools);
    expect(tools.out()).toMatch(/read\s+2\s+2,000\s+95\.2%\s+1,000\s+0\s+1\s+0\s+10\n\s+grep\s+1\s+100\s+4\.8%/);
    const day = fakeIO(cwd);
    await stats(['--by', 'day'], day);
    expect(day.out()).toContain('2026-11-03');
    const bad = fakeIO(cwd);
    expect(await stats(['--by', 'colour'], bad)).toBe(2);
    expect(bad.err()).toContain('--by takes model, profile, project, day, status, tool');
  });

  it('--run shows one run call by call, with parts and the costliest tools', async () => {
    const { cwd, path } = project();
    const io = fakeIO(cwd);
    expect(await stats(['--run', 'r-a'], io)).toBe(0);
    const out = io.out();
    expect(out).toContain('run r-aaaa · plan · ok');
    expect(out).toContain('task: plan a thing');
    expect(out).toMatch(/\n\s+1\s+s1\s+1,010\s+300\s+200\s+100\s+300\s+110\s+1,000\s+200\s+100\s+\$0\.1250\s+1,000\s+stop\s+read 500, grep 100!/);
    expect(out).toMatch(/\n\s+3\s+s2\s+2,000\s+300\s+200\s+100\s+1,000\s+400\s/);
    expect(out).toMatch(/history\s+26\.6%\s+1,230/);
    expect(out).toMatch(/tools that cost the most[^\n]*\n\s+tool[^\n]*\n\s+read\s+1\s+500\s+83\.3%/);
    expect(out).toMatch(/s2\s+write things\s+passed\s+1\s+2,200\s+500-1,000/);

    const doc = JSON.parse(await runJson(cwd, 'last'));
    runDocumentShape.parse(doc);
    expect([doc.run.run, doc.run.status, doc.run.totals.tokens, doc.run.calls.length]).toEqual(['r-cccc', 'failed', 820, 0]);
    const full = JSON.parse(await runJson(cwd, 'r-bbbb'));
    runDocumentShape.parse(full);
    expect(full.run.calls.map((c: { input_tokens: number; status: string }) => [c.input_tokens, c.status])).toEqual([[3000, 'ok'], [3500, 'error']]);
    expect(full.source.path).toBe(path);

    const ambiguous = fakeIO(cwd);
    expect(await stats(['--run', 'r-'], ambiguous)).toBe(2);
    expect(ambiguous.err()).toContain("'r-' matches 3 runs: r-aaaa, r-bbbb, r-cccc");
    const none = fakeIO(cwd);
    expect(await stats(['--run', 'zzz'], none)).toBe(1);
  });

  it('says plainly when there is no telemetry, and reads the global copy when there is one', async () => {
    const empty = tempDir();
    mkdirSync(join(empty, '.pith'));
    const io = fakeIO(empty);
    expect(await stats([], io)).toBe(1);
    expect(io.err()).toContain('no telemetry in this project yet');

    const data = tempDir();
    const noGlobal = fakeIO(empty, { env: { XDG_DATA_HOME: data } });
    expect(await stats(['--all-projects'], noGlobal)).toBe(1);
    expect(noGlobal.err()).toContain(`there is no global telemetry copy (nothing at ${join(data, 'pith', 'telemetry.jsonl')})`);

    const home = tempDir();
    mkdirSync(join(home, '.local', 'share', 'pith'), { recursive: true });
    const lines = [runRec('2026-11-05T12:00:00.000Z', 'g1', 'p', 'm', { input_tokens: 5, output_tokens: 5, calls: 1 })];
    writeFileSync(join(home, '.local', 'share', 'pith', 'telemetry.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const global = fakeIO(empty, { env: { HOME: home } });
    expect(await stats(['--all-projects', '--json'], global)).toBe(0);
    expect(JSON.parse(global.out()).summary).toMatchObject({ runs: 1, tokens: 10 });

    // The global copy's records name their project: --by project sums each.
    const byProject = [
      { ...call('2026-11-05T12:00:00.000Z', 'a1', 'p', 'm', { input_tokens: 100, output_tokens: 10 }), project: '/work/alpha' },
      { ...call('2026-11-05T12:01:00.000Z', 'a2', 'p', 'm', { input_tokens: 50, output_tokens: 5 }), project: '/work/alpha' },
      { ...call('2026-11-05T12:02:00.000Z', 'b1', 'p', 'm', { input_tokens: 7, output_tokens: 1 }), project: '/work/beta' },
    ];
    writeFileSync(join(home, '.local', 'share', 'pith', 'telemetry.jsonl'), byProject.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const grouped = fakeIO(empty, { env: { HOME: home } });
    expect(await stats(['--all-projects', '--by', 'project', '--json'], grouped)).toBe(0);
    const rows = JSON.parse(grouped.out()).groups.project as Array<{ key: string; runs: number; input_tokens: number }>;
    expect(rows.map((r) => [r.key, r.runs, r.input_tokens])).toEqual([['/work/alpha', 2, 150], ['/work/beta', 1, 7]]);
    const text = fakeIO(empty, { env: { HOME: home } });
    expect(await stats(['--all-projects', '--by', 'project', '--no-charts'], text)).toBe(0);
    expect(text.out()).toMatch(/project\s+runs\s+calls/);
    expect(text.out()).toContain('/work/beta');

    const missing = fakeIO(empty);
    expect(await stats(['--file', 'nope.jsonl'], missing)).toBe(1);
    expect(missing.err()).toContain('cannot read nope.jsonl: no such file');
  });

  it('refuses bad combinations with exit 2 and documents every option in --help', async () => {
    const { cwd } = project();
    for (const args of [['--json', '--csv'], ['--kind', 'run'], ['--prune'], ['--older-than', '9d'], ['--last', '0'], ['--since', 'yesterday'], ['--run', 'x', '--since', '7d'], ['extra'], ['--frobnicate']]) {
      const io = fakeIO(cwd);
      expect(await stats(args, io), args.join(' ')).toBe(2);
      expect(io.err()).toContain("Run 'pith stats --help'");
    }
    const help = fakeIO(cwd);
    expect(await main(['help', 'stats'], help)).toBe(0);
    for (const opt of ['--file', '--all-projects', '--since', '--last', '--profile', '--model', '--by', '--run', '--no-charts', '--json', '--csv', '--kind', '--prune', '--older-than', '--yes', 'NO_COLOR', 'docs/stats-json.md']) {
      expect(help.out()).toContain(opt);
    }
  });
});

async function runJson(cwd: string, id: string): Promise<string> {
  const io = fakeIO(cwd);
  expect(await stats(['--run', id, '--json'], io)).toBe(0);
  return io.out();
}

describe('pith stats --prune', () => {
  function aged(): { dir: string; path: string; before: string } {
    const dir = tempDir();
    mkdirSync(join(dir, '.pith'));
    const path = join(dir, '.pith', 'telemetry.jsonl');
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const before = [
      JSON.stringify(call(ago(200), 'r-old', 'p', 'm', { input_tokens: 1 })),
      JSON.stringify(runRec(ago(100), 'r-old', 'p', 'm', {})),
      '{"v":1,"kind":"call","ts":"2026',
      JSON.stringify(call(ago(1), 'r-new', 'p', 'm', { input_tokens: 2 })),
      JSON.stringify({ v: 1, kind: 'future', note: 'no time' }),
    ].join('\n') + '\n';
    writeFileSync(path, before);
    chmodSync(path, 0o600);
    return { dir, path, before };
  }

  it('keeps newer records (and ones of unknown age), drops older and torn lines, atomically with the same mode', async () => {
    const { dir, path, before } = aged();
    const io = fakeIO(dir);
    expect(await main(['stats', '--prune', '--older-than', '90d', '--yes'], io)).toBe(0);
    const after = readFileSync(path, 'utf8').split('\n');
    expect(after).toEqual([before.split('\n')[3], before.split('\n')[4], '']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(io.out()).toContain('removed 2 records older than 90d and 1 malformed line; kept 2');
  });

  it('refuses without a TTY and without --yes, and asks y/N in a terminal', async () => {
    const { dir, path, before } = aged();
    const refused = fakeIO(dir);
    expect(await main(['stats', '--prune', '--older-than', '90d'], refused)).toBe(2);
    expect(refused.err()).toContain('Add --yes');
    expect(readFileSync(path, 'utf8')).toBe(before);

    const no = fakeIO(dir, { isTTY: true, input: 'n\n' });
    expect(await main(['stats', '--prune', '--older-than', '90d'], no)).toBe(0);
    expect(no.out()).toContain('Delete 2 records older than 90d and 1 malformed line from');
    expect(no.out()).toContain('Nothing deleted.');
    expect(readFileSync(path, 'utf8')).toBe(before);

    const yes = fakeIO(dir, { isTTY: true, input: 'y\n' });
    expect(await main(['stats', '--prune', '--older-than', '90d'], yes)).toBe(0);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);

    const again = fakeIO(dir, { isTTY: true, input: '' });
    expect(await main(['stats', '--prune', '--older-than', '90d'], again)).toBe(0);
    expect(again.out()).toContain('nothing older than 90d');
  });
});
