import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { harness, tmp } from './helpers.js';

/** Running, not merely a zombie waiting for a slow reaper. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function until(cond: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return cond();
}

describe('bash', () => {
  it('runs in the root and reports the exit code', async () => {
    const root = tmp({ 'hello.txt': 'hi\n' });
    const h = await harness(root);
    const ok = await h.call('bash', { command: 'cat hello.txt; pwd' });
    expect(ok.error).toBeUndefined();
    expect(ok.forModel).toMatch(new RegExp(`^hi\\n${root}\\n\\[exit 0, [\\d.]+ s\\]$`));
    const bad = await h.call('bash', { command: 'echo oops >&2; exit 3' });
    expect(bad.error).toBeUndefined();
    expect(bad.forModel).toMatch(/^oops\n\[exit 3, /);
  });

  it('marks a command run with done: true as ending the task only when it exits 0', async () => {
    const h = await harness(tmp());
    expect((await h.call('bash', { command: 'true', done: true })).meta.endsTask).toBe(true);
    expect((await h.call('bash', { command: 'exit 1', done: true })).meta.endsTask).toBeUndefined();
    expect((await h.call('bash', { command: 'true' })).meta.endsTask).toBeUndefined();
  });

  it('kills the whole process group on timeout', async () => {
    const root = tmp();
    const h = await harness(root);
    const started = Date.now();
    const r = await h.call('bash', { command: 'sleep 30 & echo child $!; wait', timeout_s: 1 });
    expect(r.error?.type).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(8000);
    const pid = Number(/child (\d+)/.exec(r.forModel)![1]);
    expect(await until(() => !alive(pid))).toBe(true);
  });

  it('cancel (abort) kills the whole process group: a child sleep is gone afterwards', async () => {
    const root = tmp();
    const h = await harness(root);
    const ac = new AbortController();
    const pending = h.call('bash', { command: 'sh -c "sleep 60" & echo child $!; sleep 60' }, ac.signal);
    setTimeout(() => ac.abort(), 400);
    const r = await pending;
    expect(r.error?.type).toBe('aborted');
    const pid = Number(/child (\d+)/.exec(r.forModel)![1]);
    expect(await until(() => !alive(pid))).toBe(true);
    const left = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((l) => l.includes('sleep 60') && !l.includes('ps -eo'));
    expect(left).toEqual([]);
  });

  it('leaves nothing running after the shell exits', async () => {
    const root = tmp();
    const h = await harness(root);
    const r = await h.call('bash', { command: 'sleep 45 >/dev/null 2>&1 & echo child $!' });
    expect(r.error).toBeUndefined();
    const pid = Number(/child (\d+)/.exec(r.forModel)![1]);
    expect(await until(() => !alive(pid))).toBe(true);
  });

  it('cuts huge output, keeps errors and the tail, and the full output is recallable', async () => {
    const root = tmp();
    const h = await harness(root);
    const r = await h.call('bash', { command: 'for i in $(seq 1 5000); do echo "row $i"; if [ $i = 2500 ]; then echo "ERROR: boom at $i"; fi; done; exit 1' });
    expect(r.meta.truncated).toBe(true);
    expect(r.forModel).toContain('row 1\n');
    expect(r.forModel).toContain('ERROR: boom at 2500');
    expect(r.forModel).toMatch(/row 5000\n\[output cut; recall \{"id":"(r\d+)"\} shows all 5002 lines\]\n\[exit 1, /);
    expect(r.forModel).toMatch(/\[\.\.\. \d+ lines cut \.\.\.\]/);
    expect(r.forModel).not.toContain('row 1234\n');
    expect(r.meta.tokens).toBeLessThan(1500);
    const id = r.meta.recallId!;
    const full = await h.call('recall', { id });
    expect(full.error).toBeUndefined();
    expect(full.forModel.split('\n').length).toBe(5002);
    expect(full.forModel).toContain('row 1234\n');
    expect((await h.call('recall', { id: 'r999' })).error?.type).toBe('not_found');
  });

  it('runs a command longer than the kernel argument limit (a big heredoc)', async () => {
    const root = tmp();
    const h = await harness(root);
    const body = Array.from({ length: 4000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
    const r = await h.call('bash', { command: `cat > big.txt <<'EOF'\n${body}\nEOF\nwc -l < big.txt` });
    expect(r.error).toBeUndefined();
    expect(r.forModel).toMatch(/^4000\n\[exit 0/);
  });

  it('invalidates the file cache: a read after a bash edit sees the new text', async () => {
    const root = tmp({ 'a.txt': 'old\n' });
    const h = await harness(root);
    expect((await h.call('read', { path: 'a.txt' })).forModel).toContain('|old');
    await h.call('bash', { command: "printf 'new\\n' > a.txt" });
    expect((await h.call('read', { path: 'a.txt' })).forModel).toContain('|new');
  });
});
