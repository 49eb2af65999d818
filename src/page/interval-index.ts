/**
 * Which marks cover a caret position? Intervals are stored per key (a text node, for hit testing) and answered by
 * binary search over precomputed elementary pieces, so a pointer move costs O(log n) in the marks of that node. Pure:
 * keys are opaque objects, so tests use plain ones.
 */

/** An interval `[start, end)` of offsets within one key, carrying a value (the mark). */
export interface Interval<T> {
  /** First offset covered. */
  readonly start: number;
  /** One past the last offset covered. */
  readonly end: number;
  /** What the interval stands for. */
  readonly value: T;
}

/** A piece of a mark inside one key, as `piecesFor` yields them for text nodes. */
export interface KeyedPiece<K> {
  /** The key (text node). */
  readonly node: K;
  /** Start offset in the key. */
  readonly start: number;
  /** End offset in the key (exclusive). */
  readonly end: number;
}

/**
 * The intervals of one key, with a lazily rebuilt partition of the line into elementary pieces: between two
 * consecutive boundaries the set of covering intervals is constant, so a lookup is one binary search.
 */
class Bucket<T> {
  readonly intervals: Interval<T>[] = [];
  private boundaries: number[] = [];
  /** `covers[i]`: intervals covering `[boundaries[i], boundaries[i + 1])`, innermost (shortest) first. */
  private covers: Interval<T>[][] = [];
  private dirty = false;

  add(interval: Interval<T>): void {
    this.intervals.push(interval);
    this.dirty = true;
  }

  removeValue(value: T): void {
    for (let i = this.intervals.length - 1; i >= 0; i--) {
      if ((this.intervals[i] as Interval<T>).value === value) this.intervals.splice(i, 1);
    }
    this.dirty = true;
  }

  at(offset: number): readonly Interval<T>[] {
    if (this.dirty) this.rebuild();
    const index = lastAtMost(this.boundaries, offset);
    return index < 0 ? [] : (this.covers[index] ?? []);
  }

  private rebuild(): void {
    const points = new Set<number>();
    for (const interval of this.intervals) {
      points.add(interval.start);
      points.add(interval.end);
    }
    this.boundaries = [...points].sort((a, b) => a - b);
    // The last boundary only closes the line: no piece starts there.
    this.covers = this.boundaries.map(() => []);
    this.covers.pop();
    for (const interval of this.intervals) {
      for (let i = lastAtMost(this.boundaries, interval.start); i < this.covers.length; i++) {
        if ((this.boundaries[i] as number) >= interval.end) break;
        (this.covers[i] as Interval<T>[]).push(interval);
      }
    }
    for (const cover of this.covers) cover.sort((a, b) => a.end - a.start - (b.end - b.start));
    this.dirty = false;
  }
}

/** Index of the last element of sorted `values` that is `<= target`, or -1. */
function lastAtMost(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * An index of intervals per key. Adding or removing marks only flags the key's bucket; the next lookup in that key
 * rebuilds it (linear in its marks, which are few per text node). Holds its keys strongly: remove the values of marks
 * that disappear, or `clear()` on a fresh pass.
 */
export class IntervalIndex<K extends object, T> {
  private readonly buckets = new Map<K, Bucket<T>>();
  private readonly keysByValue = new Map<T, Set<K>>();
  private count = 0;

  /** Number of intervals held. */
  get size(): number {
    return this.count;
  }

  /** Adds `[start, end)` of `key` for `value`; an empty or inverted interval is ignored. */
  add(key: K, start: number, end: number, value: T): void {
    if (!(start < end)) return;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new Bucket<T>();
      this.buckets.set(key, bucket);
    }
    bucket.add({ start, end, value });
    let keys = this.keysByValue.get(value);
    if (keys === undefined) {
      keys = new Set();
      this.keysByValue.set(value, keys);
    }
    keys.add(key);
    this.count += 1;
  }

  /** Adds every piece of one mark (as `piecesFor` returns them) for `value`. */
  addPieces(pieces: Iterable<KeyedPiece<K>>, value: T): void {
    for (const piece of pieces) this.add(piece.node, piece.start, piece.end, value);
  }

  /** Removes every interval of `value`, in whatever keys. */
  remove(value: T): void {
    const keys = this.keysByValue.get(value);
    if (keys === undefined) return;
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) continue;
      const before = bucket.intervals.length;
      bucket.removeValue(value);
      this.count -= before - bucket.intervals.length;
      if (bucket.intervals.length === 0) this.buckets.delete(key);
    }
    this.keysByValue.delete(value);
  }

  /** Removes everything. */
  clear(): void {
    this.buckets.clear();
    this.keysByValue.clear();
    this.count = 0;
  }

  /** The values whose interval in `key` contains the character at `offset` (half-open), innermost first. */
  at(key: K, offset: number): T[] {
    const bucket = this.buckets.get(key);
    return bucket === undefined ? [] : bucket.at(offset).map((interval) => interval.value);
  }

  /**
   * The values touching the caret position `offset` of `key`: a caret sits between characters, so the character
   * after it (`offset`) or before it (`offset - 1`) may be the one under the pointer. Innermost first. The hit-test
   * layer confirms with the mark's client rects.
   */
  around(key: K, offset: number): T[] {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return [];
    const seen = new Set<Interval<T>>();
    const found: Interval<T>[] = [];
    for (const interval of [...bucket.at(offset), ...bucket.at(offset - 1)]) {
      if (seen.has(interval)) continue;
      seen.add(interval);
      found.push(interval);
    }
    found.sort((a, b) => a.end - a.start - (b.end - b.start));
    const values: T[] = [];
    for (const interval of found) if (!values.includes(interval.value)) values.push(interval.value);
    return values;
  }
}
