import { describe, expect, it } from 'vitest';
import { completions, completionText, parseInput } from '../../src/tui/commands.js';
import { createFrameScheduler } from '../../src/tui/frame.js';
import { fitWidth, textWidth } from '../../src/tui/format.js';
import { fuzzyFilter } from '../../src/tui/fuzzy.js';
import * as ed from '../../src/tui/input-model.js';
import { visualRows } from '../../src/tui/input-box.js';

describe('input model', () => {
  it('edits around wide characters and emoji without splitting them', () => {
    let s = ed.insert(ed.emptyInput(), '漢字😀');
    s = ed.backspace(s);
    expect(s.text).toBe('漢字');
    s = ed.moveLeft(s);
    s = ed.insert(s, 'a');
    expect(s.text).toBe('漢a字');
  });

  it('moves between lines, then through history, and keeps the draft', () => {
    let s = ed.emptyInput(['first', 'second']);
    s = ed.insert(s, 'one\ntwo');
    s = ed.up(s);
    expect(s.cursor).toBe(3);
    s = ed.up(s);
    expect(s.text).toBe('second');
    s = ed.up(s);
    expect(s.text).toBe('first');
    s = ed.down(ed.down(s));
    expect(s.text).toBe('one\ntwo');
  });

  it('submits into history and deletes words', () => {
    const { text, next } = ed.submit(ed.insert(ed.emptyInput(), 'run this'));
    expect(text).toBe('run this');
    expect(next.history).toEqual(['run this']);
    expect(ed.deleteWord(ed.insert(ed.emptyInput(), 'a bc  ')).text).toBe('a ');
  });

  it('counts wrapped rows in cells', () => {
    expect(visualRows('', 10)).toBe(1);
    expect(visualRows('漢'.repeat(5), 10)).toBe(2); // 10 cells + the cursor cell
    expect(visualRows('a\nb', 10)).toBe(2);
    expect(textWidth('a漢😀')).toBe(5);
    expect(fitWidth('漢字漢字', 5)).toBe('漢字…');
  });
});

describe('commands', () => {
  it('parses plain text as a run and slash commands with quoted arguments', () => {
    expect(parseInput('  fix the bug ')).toEqual({ type: 'run', task: 'fix the bug' });
    expect(parseInput('/plan "add a flag"')).toEqual({ type: 'command', name: 'plan', arg: 'add a flag' });
    expect(parseInput('/profile')).toEqual({ type: 'command', name: 'profile', arg: '' });
    expect(parseInput('/q')).toEqual({ type: 'command', name: 'quit', arg: '' });
    expect(parseInput('/nope')).toEqual({ type: 'unknown', name: 'nope' });
    expect(parseInput('//etc/passwd is what?')).toEqual({ type: 'run', task: '/etc/passwd is what?' });
  });

  it('completes command names as you type /', () => {
    expect(completions('/').length).toBe(12);
    expect(completions('/st').map((c) => c.name)[0]).toBe('stats');
    expect(completions('/r').map((c) => c.name).slice(0, 3)).toEqual(['run', 'resume', 'rollback']);
    expect(completions('/plan x')).toEqual([]);
    expect(completionText(completions('/pl')[0]!)).toEqual({ text: '/plan ', runNow: false });
    expect(completionText(completions('/he')[0]!)).toEqual({ text: '/help', runNow: true });
  });

  it('fuzzy-filters file paths, best match first', () => {
    const files = ['src/tui/app.ts', 'src/agent/executor.ts', 'test/tui/app.test.ts', 'README.md'];
    expect(fuzzyFilter('tuiapp', files, (f) => f)[0]).toBe('src/tui/app.ts');
    expect(fuzzyFilter('exec', files, (f) => f)).toEqual(['src/agent/executor.ts']);
    expect(fuzzyFilter('zzz', files, (f) => f)).toEqual([]);
  });
});

describe('frame scheduler', () => {
  it('renders at most once per interval however often it is asked', () => {
    let t = 0;
    const timers: Array<{ fn: () => void; at: number }> = [];
    let renders = 0;
    const f = createFrameScheduler(() => renders++, { fps: 30, now: () => t, setTimer: (fn, ms) => timers.push({ fn, at: t + ms }), clearTimer: () => {} });
    for (let i = 0; i < 1000; i++) f.request();
    expect(timers).toHaveLength(1);
    timers.shift()!.fn();
    expect(renders).toBe(1);
    f.request();
    expect(timers[0]!.at).toBeCloseTo(1000 / 30);
    t = 40;
    timers.shift()!.fn();
    expect(renders).toBe(2);
  });
});
