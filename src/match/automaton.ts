/**
 * An Aho–Corasick automaton compiled to a dense DFA over the patterns' own alphabet.
 *
 * The scan reads each code unit once and does one table lookup per unit, whatever the number of patterns: a pack
 * twenty times larger makes the table larger, not the scan longer. Code units that occur in no pattern share one
 * column that always leads back to the root, so the table stays `states × (distinct pattern units + 1)`.
 */

/** A compiled automaton. Build it once per pack with {@link buildAutomaton}. */
export interface Automaton {
  /** The patterns, by index, as given to {@link buildAutomaton}. */
  readonly patterns: readonly string[];
  /** Number of DFA states (for the bench and for sizing). */
  readonly stateCount: number;
  /**
   * Reports every occurrence of every pattern in `text`, overlapping ones included, in order of their end offset:
   * `onMatch(start, end, patternIndex)` with `[start, end)` in `text`'s code units.
   */
  scan(text: string, onMatch: (start: number, end: number, pattern: number) => void): void;
}

/** Builds the automaton. Empty patterns are ignored; duplicates share a state (the first index is reported). */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  // 1. Alphabet: a class per distinct code unit used by some pattern; class 0 is "any other unit".
  const classOf = new Uint16Array(0x10000);
  let width = 1;
  for (const p of patterns) {
    for (let i = 0; i < p.length; i++) {
      const u = p.charCodeAt(i);
      if (classOf[u] === 0) classOf[u] = width++;
    }
  }

  // 2. Trie, with child maps while building.
  const children: Map<number, number>[] = [new Map()];
  const output: number[] = [-1];
  patterns.forEach((p, index) => {
    if (p.length === 0) return;
    let state = 0;
    for (let i = 0; i < p.length; i++) {
      const c = classOf[p.charCodeAt(i)] ?? 0;
      const map = children[state] as Map<number, number>;
      let next = map.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        output.push(-1);
        map.set(c, next);
      }
      state = next;
    }
    if (output[state] === -1) output[state] = index;
  });

  // 3. Breadth-first: failure links, dictionary-suffix links (nearest fail ancestor with an output) and the full
  // transition table, so the scan never follows failure links.
  const stateCount = children.length;
  const delta = new Int32Array(stateCount * width);
  const fail = new Int32Array(stateCount);
  const dict = new Int32Array(stateCount).fill(-1);
  const out = Int32Array.from(output);
  const lengths = new Int32Array(patterns.length);
  patterns.forEach((p, i) => (lengths[i] = p.length));

  const queue = new Int32Array(stateCount);
  let head = 0;
  let tail = 0;
  for (const [c, child] of children[0] as Map<number, number>) {
    delta[c] = child;
    queue[tail++] = child;
  }
  while (head < tail) {
    const s = queue[head++] as number;
    const f = fail[s] as number;
    const fo = f * width;
    const so = s * width;
    const map = children[s] as Map<number, number>;
    for (let c = 1; c < width; c++) {
      const child = map.get(c);
      if (child === undefined) {
        delta[so + c] = delta[fo + c] as number;
      } else {
        delta[so + c] = child;
        const cf = delta[fo + c] as number;
        fail[child] = cf;
        dict[child] = (out[cf] as number) >= 0 ? cf : (dict[cf] as number);
        queue[tail++] = child;
      }
    }
  }
  // A state "has output" when it or a dictionary ancestor ends a pattern; checked once per code unit.
  const hasOutput = new Uint8Array(stateCount);
  for (let s = 0; s < stateCount; s++) hasOutput[s] = (out[s] as number) >= 0 || (dict[s] as number) >= 0 ? 1 : 0;

  return {
    patterns,
    stateCount,
    scan(text, onMatch) {
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        state = delta[state * width + (classOf[text.charCodeAt(i)] as number)] as number;
        if (hasOutput[state] === 0) continue;
        let s = (out[state] as number) >= 0 ? state : (dict[state] as number);
        while (s >= 0) {
          const p = out[s] as number;
          onMatch(i + 1 - (lengths[p] as number), i + 1, p);
          s = dict[s] as number;
        }
      }
    },
  };
}

/** A candidate span `[start, end)` carrying some payload. */
export interface Span<T> {
  start: number;
  end: number;
  value: T;
}

/**
 * Leftmost-longest selection: among overlapping candidates keep the one that starts first, and of those the
 * longest; then continue after its end. Ties (same span) keep the earlier candidate in input order.
 */
export function leftmostLongest<T>(candidates: readonly Span<T>[]): Span<T>[] {
  const order = candidates.map((_, i) => i);
  order.sort((a, b) => {
    const x = candidates[a] as Span<T>;
    const y = candidates[b] as Span<T>;
    return x.start - y.start || y.end - x.end || a - b;
  });
  const kept: Span<T>[] = [];
  let lastEnd = -1;
  for (const i of order) {
    const c = candidates[i] as Span<T>;
    if (c.start >= lastEnd) {
      kept.push(c);
      lastEnd = c.end;
    }
  }
  return kept;
}
