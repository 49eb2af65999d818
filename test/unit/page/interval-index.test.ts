import { describe, expect, it } from 'vitest';
import { IntervalIndex } from '../../../src/page/interval-index';

/** Plain objects stand in for text nodes: the index only needs identity. */
const nodeA = { name: 'a' };
const nodeB = { name: 'b' };

describe('IntervalIndex', () => {
  it('answers half-open containment per key', () => {
    const index = new IntervalIndex<object, string>();
    index.add(nodeA, 2, 5, 'x');
    index.add(nodeB, 0, 3, 'y');
    expect(index.at(nodeA, 1)).toEqual([]);
    expect(index.at(nodeA, 2)).toEqual(['x']);
    expect(index.at(nodeA, 4)).toEqual(['x']);
    expect(index.at(nodeA, 5)).toEqual([]);
    expect(index.at(nodeB, 2)).toEqual(['y']);
    expect(index.at({}, 2)).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('returns nested marks innermost first', () => {
    const index = new IntervalIndex<object, string>();
    index.add(nodeA, 0, 40, 'quote');
    index.add(nodeA, 10, 20, 'name');
    expect(index.at(nodeA, 15)).toEqual(['name', 'quote']);
    expect(index.at(nodeA, 25)).toEqual(['quote']);
  });

  it('treats a caret between characters as touching both neighbours', () => {
    const index = new IntervalIndex<object, string>();
    index.add(nodeA, 2, 5, 'x');
    index.add(nodeA, 5, 9, 'y');
    expect(index.around(nodeA, 5)).toEqual(['x', 'y']);
    expect(index.around(nodeA, 2)).toEqual(['x']);
    expect(index.around(nodeA, 9)).toEqual(['y']);
    expect(index.around(nodeA, 10)).toEqual([]);
  });

  it('removes every piece of a value, and ignores empty intervals', () => {
    const index = new IntervalIndex<object, string>();
    index.addPieces(
      [
        { node: nodeA, start: 4, end: 10 },
        { node: nodeB, start: 0, end: 6 },
      ],
      'split name',
    );
    index.add(nodeA, 0, 20, 'quote');
    index.add(nodeA, 3, 3, 'empty');
    expect(index.size).toBe(3);
    index.remove('split name');
    expect(index.at(nodeA, 5)).toEqual(['quote']);
    expect(index.at(nodeB, 1)).toEqual([]);
    expect(index.size).toBe(1);
    index.clear();
    expect(index.at(nodeA, 5)).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('agrees with a linear scan on many random marks', () => {
    let seed = 7;
    const random = (limit: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % limit;
    };
    const index = new IntervalIndex<object, number>();
    const marks: { start: number; end: number; value: number }[] = [];
    for (let value = 0; value < 300; value++) {
      const start = random(1_000);
      const end = start + 1 + random(30);
      marks.push({ start, end, value });
      index.add(nodeA, start, end, value);
    }
    for (let offset = -1; offset <= 1_031; offset++) {
      const expected = marks
        .filter((mark) => mark.start <= offset && offset < mark.end)
        .map((mark) => mark.value)
        .sort((a, b) => a - b);
      expect([...index.at(nodeA, offset)].sort((a, b) => a - b)).toEqual(expected);
    }
  });
});
