import { parseArgs } from 'node:util';
import type { CliIO } from '../io.js';
import type { TuiController, TuiHandle } from '../../tui/index.js';
import { RUNTIME_ARG_OPTIONS, reportError, runtimeOrSetup, type RuntimeFlags } from '../runtime.js';

const USAGE = `usage: pith [--profile NAME] [--model ID] [--endpoint URL] [--resume [ID]]

Opens the terminal UI (in a terminal): type a task and Enter to run it, /plan "task" to plan and
review, / for commands, @ to attach a file, Ctrl+P for the palette, Ctrl+C to stop, twice to quit.
--resume continues a session of this project (the newest, or ID): the next task sees a compact
summary of its turns. /resume in the UI lists them. Colours are off with NO_COLOR.`;

/** `pith` with no command in a terminal. The first run without a config gets the wizard first. */
export async function tuiCommand(argv: string[], io: CliIO): Promise<number> {
  let values;
  // `--resume` takes an optional id, which parseArgs cannot express: take it out first.
  let resume: string | true | undefined;
  const at = argv.indexOf('--resume');
  if (at >= 0) {
    const next = argv[at + 1];
    resume = next && !next.startsWith('-') ? next : true;
    argv = [...argv.slice(0, at), ...argv.slice(at + (resume === true ? 1 : 2))];
  }
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { ...RUNTIME_ARG_OPTIONS, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    io.stderr.write(`pith: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) return io.stdout.write(USAGE + '\n'), 0;
  try {
    const flags = { profile: values.profile, model: values.model, endpoint: values.endpoint };
    const handle = await openTui(io, flags, { resume });
    if (typeof handle === 'number') return handle;
    const restore = quietConsole((m) => handle.message('warn', m));
    const onAbort = () => handle.quit(130);
    io.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await handle.done;
    } finally {
      restore();
      io.signal.removeEventListener('abort', onAbort);
      (io.stdin as NodeJS.ReadStream).pause?.();
    }
  } catch (e) {
    return reportError(io, e);
  }
}

/** Resolve the runtime (or run the wizard), build the controller and open the screen. */
export async function openTui(io: CliIO, flags: RuntimeFlags, o: { fps?: number; resume?: string | true } = {}): Promise<TuiHandle | number> {
  const runtime = await runtimeOrSetup(io, flags);
  if (typeof runtime === 'number') return runtime;
  // neo-blessed reads this itself: UTF-8 borders instead of `lqqk` on terminals that mishandle ACS.
  if (io.env === process.env) process.env.NCURSES_NO_UTF8_ACS ??= '1';
  const [{ startTui }, { createTuiController }] = await Promise.all([import('../../tui/index.js'), import('../tui-controller.js')]);
  let notify: (m: string) => void = () => {};
  const controller = createTuiController(runtime, { io, flags, onNotice: (m) => notify(m) });
  const handle = startTui(controller, {
    input: io.stdin, output: io.stdout, fps: o.fps,
    color: !io.env.NO_COLOR && io.env.TERM !== 'dumb',
    editor: io.env.VISUAL || io.env.EDITOR,
  });
  notify = (m) => handle.message('warn', m);
  if (o.resume) void resumeAtStart(controller, o.resume, handle);
  return handle;
}

async function resumeAtStart(controller: TuiController, which: string | true, handle: TuiHandle): Promise<void> {
  try {
    const id = which === true ? (await controller.sessions())[0]?.id : which;
    if (!id) return handle.message('warn', 'no earlier session of this project to resume');
    const r = await controller.resumeSession(id);
    handle.message('info', `resumed session ${r.id} (${r.turns} turns); the next task sees a summary of them`);
  } catch (e) {
    handle.message('warn', `resume failed: ${(e as Error).message}`);
  }
}

/** Library chatter on the console would paint over the screen: route it into the transcript. */
function quietConsole(show: (m: string) => void): () => void {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const to = (...args: unknown[]) => show(args.map(String).join(' '));
  Object.assign(console, { log: to, info: to, warn: to, error: to });
  return () => Object.assign(console, saved);
}
