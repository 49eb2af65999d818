import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SLICE_BUDGET_MS, Slicer } from '../../../src/page/slicer';

/** A clock the test moves by hand: the slicer reads `performance.now()`, `yieldToMain` the window's. */
let clock = 0;
/** Yields go through a timer task here (no `scheduler.yield`); the test counts them. */
let yields = 0;
const win = {
  performance: { now: () => clock },
  setTimeout: (callback: () => void) => {
    yields++;
    return setTimeout(callback, 0);
  },
} as unknown as Window & typeof globalThis;

beforeEach(() => {
  clock = 1_000;
  yields = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Slicer', () => {
  it('is due once the slice has run its budget', () => {
    const slicer = new Slicer(win, () => false);
    expect(slicer.due()).toBe(false);
    clock += SLICE_BUDGET_MS - 1;
    expect(slicer.due()).toBe(false);
    clock += 1;
    expect(slicer.due()).toBe(true);
  });

  it('takes another budget', () => {
    const slicer = new Slicer(win, () => false, null, 3);
    clock += 3;
    expect(slicer.due()).toBe(true);
  });

  it('reports laps without restarting the budget', () => {
    const spent: number[] = [];
    const slicer = new Slicer(
      win,
      () => false,
      (ms) => spent.push(ms),
    );
    clock += 5;
    slicer.lap();
    clock += 7;
    slicer.lap();
    expect(spent).toEqual([5, 7]);
    // The two laps are one slice of 12 ms.
    expect(slicer.due()).toBe(true);
  });

  it('reports the lap, lets the page run and starts a new slice at a yield', async () => {
    const spent: number[] = [];
    const slicer = new Slicer(
      win,
      () => false,
      (ms) => spent.push(ms),
    );
    clock += 20;
    const going = slicer.yield();
    expect(spent).toEqual([20]);
    // The page's time between our slices is not ours.
    clock += 100;
    expect(await going).toBe(true);
    expect(yields).toBe(1);
    expect(slicer.due()).toBe(false);
    clock += 2;
    slicer.lap();
    expect(spent).toEqual([20, 2]);
  });

  it('resolves to false when the work was cancelled during a yield', async () => {
    let cancelled = false;
    const slicer = new Slicer(win, () => cancelled);
    const going = slicer.yield();
    cancelled = true;
    expect(await going).toBe(false);
  });

  it('waits for something else (a frame) without counting the wait', async () => {
    const spent: number[] = [];
    const slicer = new Slicer(
      win,
      () => false,
      (ms) => spent.push(ms),
    );
    clock += 4;
    let started = false;
    const going = slicer.wait(async () => {
      // The lap is reported before the wait begins.
      expect(spent).toEqual([4]);
      started = true;
      clock += 50;
    });
    expect(await going).toBe(true);
    expect(started).toBe(true);
    expect(yields).toBe(0);
    expect(slicer.due()).toBe(false);
    slicer.lap();
    expect(spent).toEqual([4, 0]);
  });

  it('is cancelled after a wait too', async () => {
    let cancelled = false;
    const slicer = new Slicer(win, () => cancelled);
    expect(
      await slicer.wait(async () => {
        cancelled = true;
      }),
    ).toBe(false);
  });

  it('checks the clock only when asked: a loop over items yields once per budget', async () => {
    const slicer = new Slicer(win, () => false);
    let done = 0;
    for (let item = 0; item < 100; item++) {
      if (slicer.due() && !(await slicer.yield())) break;
      clock += 1;
      done++;
    }
    expect(done).toBe(100);
    // 100 ms of items, 12 ms per slice: a yield after every 12th.
    expect(yields).toBe(Math.floor(99 / SLICE_BUDGET_MS));
  });
});
