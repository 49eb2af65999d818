// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  afterNextFrame,
  FRAME_WAIT_MS,
  IDLE_WAIT_MS,
  TIMER_TURN_MS,
  whenIdle,
  yieldToMain,
} from '../../../src/page/tasks';

/** A window with a clock the test moves, a scheduler.yield and setTimeout that record which one was used. */
function fakeWindow(withScheduler = true) {
  let clock = 1_000;
  const used: ('yield' | 'timer')[] = [];
  const win = {
    performance: { now: () => clock },
    setTimeout: (fn: () => void) => {
      used.push('timer');
      fn();
      return 0;
    },
    scheduler: withScheduler
      ? {
          yield: () => {
            used.push('yield');
            return Promise.resolve();
          },
        }
      : undefined,
  } as unknown as Window & typeof globalThis;
  return { win, used, advance: (ms: number) => (clock += ms) };
}

describe('yieldToMain', () => {
  it('uses scheduler.yield, and gives the page timers a turn once they have waited TIMER_TURN_MS', async () => {
    const { win, used, advance } = fakeWindow();
    for (let slice = 0; slice < 8; slice++) {
      await yieldToMain(win);
      advance(12);
    }
    // 12 ms slices: the timers' turn comes every third yield (after 36 ms ≥ 30 ms of continuations).
    expect(used).toEqual(['yield', 'yield', 'yield', 'timer', 'yield', 'yield', 'timer', 'yield']);
    expect(TIMER_TURN_MS).toBeLessThan(50 - 12);
  });

  it('starts a new run after a pause: the first yields are continuations again', async () => {
    const { win, used, advance } = fakeWindow();
    await yieldToMain(win);
    advance(25);
    await yieldToMain(win);
    advance(500);
    await yieldToMain(win);
    advance(12);
    await yieldToMain(win);
    expect(used).toEqual(['yield', 'yield', 'yield', 'yield']);
  });

  it('falls back to a timer task without scheduler.yield', async () => {
    const { win, used } = fakeWindow(false);
    await yieldToMain(win);
    await yieldToMain(win);
    expect(used).toEqual(['timer', 'timer']);
  });
});

describe('afterNextFrame', () => {
  afterEach(() => vi.useRealTimers());

  /** A window whose frames the test runs by hand; `events` records what ran. */
  function frameWindow(visibility: DocumentVisibilityState = 'visible') {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    const win = {
      document: { visibilityState: visibility },
      requestAnimationFrame: (callback: FrameRequestCallback) => frames.push(callback),
      setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
      clearTimeout: (id: number) => clearTimeout(id),
    } as unknown as Window & typeof globalThis;
    const runFrame = () => {
      for (const callback of frames.splice(0)) callback(0);
    };
    return { win, runFrame };
  }

  it('resolves in a task after the next frame, not before it', async () => {
    const { win, runFrame } = frameWindow();
    let resolved = false;
    const waiting = afterNextFrame(win).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(resolved).toBe(false);
    runFrame();
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    await waiting;
    expect(resolved).toBe(true);
  });

  /** Holds that `afterNextFrame(win)` is still waiting just before FRAME_WAIT_MS and resolved at it. */
  async function givesUpAfterFrameWait(win: Window & typeof globalThis): Promise<void> {
    let resolved = false;
    void afterNextFrame(win).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(FRAME_WAIT_MS - 1);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(resolved).toBe(true);
  }

  it('gives up waiting after FRAME_WAIT_MS when no frame comes', async () => {
    await givesUpAfterFrameWait(frameWindow().win);
  });

  it('does not wait in a hidden document, which renders no frames', async () => {
    const { win } = frameWindow('hidden');
    let resolved = false;
    void afterNextFrame(win).then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(true);
  });

  /** A window with a ResizeObserver whose deliveries (the rendering update, after layout) the test makes. */
  function observerWindow() {
    vi.useFakeTimers();
    const observers: { callback: () => void; observed: Element[]; disconnected: boolean }[] = [];
    class FakeResizeObserver {
      private readonly state: (typeof observers)[number];
      constructor(callback: () => void) {
        this.state = { callback, observed: [], disconnected: false };
        observers.push(this.state);
      }
      observe(element: Element) {
        this.state.observed.push(element);
      }
      disconnect() {
        this.state.disconnected = true;
      }
    }
    const root = {} as Element;
    const win = {
      document: { visibilityState: 'visible', documentElement: root },
      ResizeObserver: FakeResizeObserver,
      requestAnimationFrame: () => {
        throw new Error('not used when ResizeObserver exists');
      },
      setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
      clearTimeout: (id: number) => clearTimeout(id),
    } as unknown as Window & typeof globalThis;
    const deliver = () => {
      for (const observer of observers) if (!observer.disconnected) observer.callback();
    };
    return { win, root, observers, deliver };
  }

  it("resolves right after the rendering update's layout (a ResizeObserver delivery), in that same task", async () => {
    const { win, root, observers, deliver } = observerWindow();
    let resolved = false;
    const waiting = afterNextFrame(win).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(resolved).toBe(false);
    expect(observers.map((observer) => observer.observed)).toEqual([[root]]);
    deliver();
    // No timer turn: only the microtask checkpoint that follows the observer's callback.
    await Promise.resolve();
    await Promise.resolve();
    expect(resolved).toBe(true);
    await waiting;
    expect(observers[0]?.disconnected).toBe(true);
  });

  it('stops observing and resolves after FRAME_WAIT_MS when no rendering update comes', async () => {
    const { win, observers } = observerWindow();
    await givesUpAfterFrameWait(win);
    expect(observers[0]?.disconnected).toBe(true);
  });
});

describe('whenIdle', () => {
  it('waits for an idle period, bounded by IDLE_WAIT_MS', async () => {
    const calls: { timeout?: number }[] = [];
    let idleCallback: (() => void) | undefined;
    const win = {
      requestIdleCallback: (callback: () => void, options?: { timeout: number }) => {
        calls.push(options ?? {});
        idleCallback = callback;
        return 1;
      },
    } as unknown as Window & typeof globalThis;
    let resolved = false;
    const waiting = whenIdle(win).then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    expect(calls).toEqual([{ timeout: IDLE_WAIT_MS }]);
    idleCallback?.();
    await waiting;
    expect(resolved).toBe(true);
  });

  it('falls back to a task of its own without requestIdleCallback', async () => {
    vi.useFakeTimers();
    const win = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) } as unknown as Window &
      typeof globalThis;
    let resolved = false;
    void whenIdle(win).then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(resolved).toBe(true);
  });
});
