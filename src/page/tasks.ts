/**
 * Yielding to the page between slices of our work, so no task of ours runs past the long-task limit.
 */

interface SchedulerLike {
  yield?: () => Promise<void>;
}

/** Resolves after the page had a chance to run its own tasks (input, rendering). */
export function yieldToMain(win: Window & typeof globalThis): Promise<void> {
  const scheduler = (win as unknown as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield.call(scheduler);
  return new Promise((resolve) => win.setTimeout(resolve, 0));
}
