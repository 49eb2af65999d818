/**
 * The normalised text's views and its map back to the original: the offset map as segments, and the result object
 * of `normalize` (`normalize.ts`).
 */

/** The result of `normalize`: two views of the same length, and the map from their units back to `source`. */
export interface Normalized {
  /** The original text. */
  readonly source: string;
  /** Normalised and case-folded: what aliases and quote words are compared against. */
  readonly folded: string;
  /** Normalised with the original casing kept: case rules (acronyms, capitalised names) read this. */
  readonly cased: string;
  /** Offset in `source` of the first original code unit behind normalised unit `i` (0 ≤ i < length). */
  sourceStart(i: number): number;
  /** Offset in `source` just past the last original code unit behind normalised unit `i`. */
  sourceEnd(i: number): number;
  /** `sourceStart` of every unit, as an array made on first read (tests and diagnostics; matching never reads it). */
  readonly starts: Int32Array;
  /** `sourceEnd` of every unit, likewise. */
  readonly ends: Int32Array;
}

/** Segment kinds of the offset map. */
const LINEAR = -1;

/**
 * The offset map from normalised units back to the source, as segments: a *linear* segment maps its `k`-th unit to
 * `[src + k, src + k + 1)` (a copied run), a *constant* one maps every unit to the same `[src, end)` (an expansion,
 * a collapsed whitespace run, an inserted hyphen). A few segments per irregular character, not one entry per unit.
 */
export class OffsetMap {
  /** Normalised offset where each segment begins. */
  readonly out: number[] = [];
  readonly src: number[] = [];
  /** End of a constant segment's source span, or LINEAR. */
  readonly end: number[] = [];
  /** Normalised units mapped so far. */
  length = 0;

  /** Maps the next `count` units one to one onto the source from `src`. */
  linear(src: number, count: number): void {
    const last = this.out.length - 1;
    if (
      last >= 0 &&
      this.end[last] === LINEAR &&
      (this.src[last] as number) + (this.length - (this.out[last] as number)) === src
    ) {
      this.length += count;
      return;
    }
    this.out.push(this.length);
    this.src.push(src);
    this.end.push(LINEAR);
    this.length += count;
  }

  /** Maps the next unit to `[start, end)`. */
  unit(start: number, end: number): void {
    if (end === start + 1) {
      this.linear(start, 1);
      return;
    }
    const last = this.out.length - 1;
    if (last >= 0 && this.end[last] === end && this.src[last] === start) {
      this.length++;
      return;
    }
    this.out.push(this.length);
    this.src.push(start);
    this.end.push(end);
    this.length++;
  }

  /** Makes the last unit's span end at `end` (a combining mark joins the letter before it). */
  extendLast(end: number): void {
    const last = this.out.length - 1;
    if (last < 0) return;
    const start = this.startOf(this.length - 1);
    if ((this.out[last] as number) === this.length - 1) {
      // A one-unit segment: change it in place.
      this.src[last] = start;
      this.end[last] = end;
      return;
    }
    // Split the last unit off its segment.
    this.length--;
    this.out.push(this.length);
    this.src.push(start);
    this.end.push(end);
    this.length++;
  }

  /** The segment holding normalised unit `i` (0 ≤ i < length). */
  private segmentOf(i: number): number {
    let lo = 0;
    let hi = this.out.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.out[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  startOf(i: number): number {
    const k = this.segmentOf(i);
    const end = this.end[k] as number;
    return end === LINEAR ? (this.src[k] as number) + (i - (this.out[k] as number)) : (this.src[k] as number);
  }

  endOf(i: number): number {
    const k = this.segmentOf(i);
    const end = this.end[k] as number;
    return end === LINEAR ? (this.src[k] as number) + (i - (this.out[k] as number)) + 1 : end;
  }
}

/** The result of {@link normalize}; the per-unit arrays are made only when read. */
export class NormalizedText implements Normalized {
  private startsCache: Int32Array | null = null;
  private endsCache: Int32Array | null = null;

  constructor(
    readonly source: string,
    readonly folded: string,
    readonly cased: string,
    private readonly map: OffsetMap,
  ) {}

  get starts(): Int32Array {
    return (this.startsCache ??= Int32Array.from({ length: this.folded.length }, (_, i) => this.map.startOf(i)));
  }

  get ends(): Int32Array {
    return (this.endsCache ??= Int32Array.from({ length: this.folded.length }, (_, i) => this.map.endOf(i)));
  }

  sourceStart(i: number): number {
    return this.map.startOf(i);
  }

  sourceEnd(i: number): number {
    return this.map.endOf(i);
  }
}
