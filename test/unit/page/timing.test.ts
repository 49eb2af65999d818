import { afterEach, describe, expect, it, vi } from 'vitest';
import { PassTiming } from '../../../src/page/pass/timing';
import type { PageMark } from '../../../src/page/pass/types';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PassTiming', () => {
  it('records backstory:scan over its own work, with the time by phase and its longest slice', () => {
    let clock = 100;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const measure = vi
      .spyOn(performance, 'measure')
      .mockImplementation(() => undefined as unknown as PerformanceMeasure);
    const timing = new PassTiming();
    timing.spent(1);
    timing.phase = 'walk';
    timing.spent(9);
    timing.spent(4);
    timing.phase = 'scope';
    timing.spent(0.5);
    timing.phase = 'match';
    timing.spent(6);
    timing.phase = 'marks';
    timing.spent(2);
    clock = 180;
    const marks = [{ target: 'iraq' }, { target: 'iraq' }, { target: 'q-1' }] as PageMark[];
    timing.record(500, marks);
    expect(measure).toHaveBeenCalledWith('backstory:scan', {
      start: 100,
      end: 100 + 22.5,
      detail: {
        chars: 500,
        marks: 3,
        targets: { iraq: 2, 'q-1': 1 },
        wallMs: 80,
        scopeMs: 1.5,
        walkMs: 13,
        matchMs: 6,
        marksMs: 2,
        longestSliceMs: 9,
        longestSlicePhase: 'walk',
      },
    });
  });

  it('never throws where measure has no options form', () => {
    vi.spyOn(performance, 'measure').mockImplementation(() => {
      throw new TypeError('no options');
    });
    expect(() => new PassTiming().record(0, [])).not.toThrow();
  });
});
