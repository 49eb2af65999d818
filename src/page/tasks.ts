/**
 * Yielding to the page between slices of our work, so no task of ours runs past the long-task limit.
 *
 * `scheduler.yield()` resumes our work ahead of the page's queued tasks (its continuations outrank timers), which
 * keeps a pass fast but, on a long pass, lets the page's own timers wait for the whole of it: Firefox's 100k-node and
 * 5 MB pages showed ~0.5 s timer stalls made of 12 ms slices. So within one run of work, once the page's timers have
 * waited {@link TIMER_TURN_MS}, the next yield is a timer task of our own, queued behind theirs.
 */

interface SchedulerLike {
  yield?: () => Promise<void>;
}

/** Longest the page's timers wait behind our continuations, ms. */
export const TIMER_TURN_MS = 30;
/** A yield this long after the previous one starts a new run of work (the page had the thread meanwhile), ms. */
const NEW_RUN_MS = 100;

interface YieldState {
  lastCall: number;
  lastTimerTurn: number;
}
const states = new WeakMap<object, YieldState>();

/** Resolves after the page had a chance to run its own tasks (input, rendering, and its timers now and then). */
export function yieldToMain(win: Window & typeof globalThis): Promise<void> {
  const now = win.performance.now();
  let state = states.get(win);
  if (state === undefined) {
    state = { lastCall: now, lastTimerTurn: now };
    states.set(win, state);
  }
  if (now - state.lastCall > NEW_RUN_MS) state.lastTimerTurn = now;
  state.lastCall = now;
  const scheduler = (win as unknown as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.yield === 'function' && now - state.lastTimerTurn < TIMER_TURN_MS) {
    return scheduler.yield.call(scheduler);
  }
  state.lastTimerTurn = now;
  return new Promise((resolve) => win.setTimeout(resolve, 0));
}

/** Longest wait for a rendering update before {@link afterNextFrame} gives up (a hidden tab renders no frames), ms. */
export const FRAME_WAIT_MS = 100;

interface ObserverWindow {
  ResizeObserver?: typeof ResizeObserver;
}

/**
 * Resolves in the page's next rendering update, right after its style and layout are brought up to date, so reading
 * them (`checkVisibility`) is a lookup instead of a forced recalculation. A ResizeObserver's first observation is
 * delivered there, after layout; the caller's continuation runs in the microtask checkpoint that follows, before any
 * other task of the page can change the DOM again. (After `requestAnimationFrame` plus a task, the fallback where
 * ResizeObserver is missing, a busy page's timers often ran first and left style dirty: ~1 ms of its recalculation
 * landed in our slice on two of the largest corpus pages.) Resolves at once in a hidden document (no frames come;
 * the read has to compute), and after {@link FRAME_WAIT_MS} at the latest.
 */
export function afterNextFrame(win: Window & typeof globalThis): Promise<void> {
  if (win.document.visibilityState === 'hidden') return Promise.resolve();
  const Observer = (win as unknown as ObserverWindow).ResizeObserver;
  // A 0×0 or unrendered element gets no first observation: two candidates, and the timer behind them.
  const roots = [win.document.documentElement as Element | null, win.document.body as Element | null].filter(
    (root): root is Element => root !== null && root !== undefined,
  );
  if (typeof Observer !== 'function' || roots.length === 0) {
    if (typeof win.requestAnimationFrame !== 'function') return Promise.resolve();
    return new Promise((resolve) => {
      const finish = settleOnce(win, resolve);
      // rAF callbacks run before the frame's style and layout; a task queued from one runs after them.
      win.requestAnimationFrame(() => win.setTimeout(finish, 0));
    });
  }
  return new Promise((resolve) => {
    const observer = new Observer(() => finish());
    const finish = settleOnce(win, () => {
      observer.disconnect();
      resolve();
    });
    for (const root of roots) observer.observe(root);
  });
}

/** `done` once: on the first call, or after {@link FRAME_WAIT_MS} when no call came. */
function settleOnce(win: Window & typeof globalThis, done: () => void): () => void {
  let settled = false;
  const finish = () => {
    if (settled) return;
    settled = true;
    win.clearTimeout(fallback);
    done();
  };
  const fallback = win.setTimeout(finish, FRAME_WAIT_MS);
  return finish;
}

/** Longest wait for an idle period before a full pass starts anyway, ms. */
export const IDLE_WAIT_MS = 500;

interface IdleWindow {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
}

/**
 * Resolves in the page's next idle period (after its own pending work: load-time scripts, layout, input), or after
 * {@link IDLE_WAIT_MS} at the latest; in a task of its own where `requestIdleCallback` does not exist.
 * A full pass starts here, so it does not compete with the page for the main thread while the page is busy.
 */
export function whenIdle(win: Window & typeof globalThis): Promise<void> {
  const idle = (win as unknown as IdleWindow).requestIdleCallback;
  if (typeof idle !== 'function') return new Promise((resolve) => win.setTimeout(resolve, 0));
  return new Promise((resolve) => {
    idle.call(win, () => resolve(), { timeout: IDLE_WAIT_MS });
  });
}
