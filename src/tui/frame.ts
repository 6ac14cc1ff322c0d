/**
 * At most one render per frame interval (default 30 fps). `request()` is cheap and may be called
 * on every engine event: it only arms a timer when none is armed.
 */
export interface FrameScheduler {
  request(): void;
  /** Render now if a frame is pending (before a blocking prompt, on exit). */
  flush(): void;
  stop(): void;
}

export interface FrameOptions {
  fps?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export function createFrameScheduler(render: () => void, o: FrameOptions = {}): FrameScheduler {
  const interval = 1000 / (o.fps ?? 30);
  const now = o.now ?? (() => performance.now());
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
  let last = -Infinity;
  let timer: unknown = null;
  let stopped = false;
  const fire = () => {
    timer = null;
    if (stopped) return;
    last = now();
    render();
  };
  return {
    request() {
      if (timer !== null || stopped) return;
      timer = setTimer(fire, Math.max(0, last + interval - now()));
    },
    flush() {
      if (timer === null) return;
      clearTimer(timer);
      fire();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
