/**
 * The pass's timing bookkeeping, for DevTools, the tests and the corpus run: `performance.measure` entries named
 * `backstory:*`, and the `backstory:scan` detail that says where a full pass spent its time.
 */
import type { PageMark } from './types';

/** The phases of a full pass, as the `backstory:scan` detail names them (`<phase>Ms`, `longestSlicePhase`). */
export type PassPhase = 'scope' | 'walk' | 'match' | 'marks';

/** Records a measure; engines without the options form of `performance.measure` get none (never an error). */
export function measure(name: string, start: number, detail: Record<string, unknown>, end = performance.now()): void {
  try {
    performance.measure(name, { start, end, detail });
  } catch {
    // The entry is a nicety, never worth an error.
  }
}

/** One full pass's clock: its own work by phase, without the time the page ran between its slices. */
export class PassTiming {
  readonly started = performance.now();
  /** The phase the next reported lap belongs to. */
  phase: PassPhase = 'scope';
  private work = 0;
  private readonly phases: Record<PassPhase, number> = { scope: 0, walk: 0, match: 0, marks: 0 };
  /** The longest run of our code between two yields or phase changes: the longest task of ours, as the pass timed it. */
  private longestSlice = 0;
  private longestSlicePhase = '';

  /** A lap of the pass's work (a `SpentSink`). */
  readonly spent = (ms: number): void => {
    this.work += ms;
    this.phases[this.phase] += ms;
    if (ms > this.longestSlice) {
      this.longestSlice = ms;
      this.longestSlicePhase = this.phase;
    }
  };

  /** Records `backstory:scan`: it spans the pass's own work; the wall time and the phases are in the detail. */
  record(chars: number, marks: readonly PageMark[]): void {
    measure(
      'backstory:scan',
      this.started,
      {
        chars,
        marks: marks.length,
        targets: countTargets(marks),
        wallMs: performance.now() - this.started,
        scopeMs: this.phases.scope,
        walkMs: this.phases.walk,
        matchMs: this.phases.match,
        marksMs: this.phases.marks,
        longestSliceMs: this.longestSlice,
        longestSlicePhase: this.longestSlicePhase,
      },
      this.started + this.work,
    );
  }
}

/** Marks per entity or quote id, for the measure's detail (read by the corpus run and DevTools). */
function countTargets(marks: readonly PageMark[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const mark of marks) counts[mark.target] = (counts[mark.target] ?? 0) + 1;
  return counts;
}
