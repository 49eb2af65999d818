// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { TIMER_TURN_MS, yieldToMain } from '../../../src/page/tasks';

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
