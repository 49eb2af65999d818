import { describe, expect, it } from 'vitest';
import { median, round2 } from '../../../../tools/corpus/stats';

describe('stats', () => {
  it('median of odd and even counts, 0 for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('rounds to two decimals', () => {
    expect(round2(1.23456)).toBe(1.23);
  });
});
