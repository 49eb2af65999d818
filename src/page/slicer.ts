/**
 * The one loop shape of every pass: do work until the slice's budget is used, yield to the page, stop if the pass was
 * superseded meanwhile, go on. Callers ask `due()` where they already looked at the clock (every few hundred nodes of
 * the walk, every match), so the slicer adds no call per node or character.
 *
 * A slice and a lap differ: a slice runs from one yield to the next and is what the budget limits (a task of ours);
 * a lap is the part of a slice spent in one phase, reported to `spent` when the phase changes or the slice ends, so a
 * pass can say where its time went without a phase change restarting the budget.
 */
import { yieldToMain } from './tasks';

/** How long one slice of our work may run before it yields to the page (the long-task limit is 50 ms). */
export const SLICE_BUDGET_MS = 12;

/** Receives the time of each lap, ms. */
export type SpentSink = (ms: number) => void;

export class Slicer {
  private sliceStart: number;
  private lapStart: number;

  constructor(
    private readonly win: Window & typeof globalThis,
    /** True once the work is no longer wanted (a newer pass, a disposed highlighter). */
    private readonly cancelled: () => boolean,
    private readonly spent: SpentSink | null = null,
    private readonly budgetMs = SLICE_BUDGET_MS,
  ) {
    this.sliceStart = this.lapStart = performance.now();
  }

  /** Whether the slice has used its budget: the caller should `yield()` before doing more. */
  due(): boolean {
    return performance.now() - this.sliceStart >= this.budgetMs;
  }

  /** Reports the lap so far and starts the next one, within the same slice. */
  lap(): void {
    const now = performance.now();
    this.spent?.(now - this.lapStart);
    this.lapStart = now;
  }

  /** Ends the slice and lets the page run; resolves to false when the work was cancelled meanwhile. */
  yield(): Promise<boolean> {
    return this.wait(() => yieldToMain(this.win));
  }

  /**
   * Ends the slice, waits for `until` (a frame, an idle period), and starts a new slice after it; false when the work
   * was cancelled meanwhile. The wait is the page's time, never counted as ours.
   */
  async wait(until: () => Promise<void>): Promise<boolean> {
    this.lap();
    await until();
    if (this.cancelled()) return false;
    this.sliceStart = this.lapStart = performance.now();
    return true;
  }
}
