/**
 * An Aho–Corasick automaton over the patterns' own alphabet, compiled to flat tables that ship precompiled.
 *
 * The trie's states are numbered breadth-first, so the children of a state are consecutive states, sorted by
 * label: a state's edges are `first[s] .. first[s + 1] - 1`, each labelled `label[child]` (a sorted-edge CSR whose
 * targets are implicit). Failure links and dictionary links complete the classic automaton (worked out per state
 * the first time a scan reaches it); the root, where a scan spends most of its steps, gets a dense row at load. The scan reads each code unit once and follows on average
 * fewer than two links per unit, whatever the number of patterns: a pack twenty times larger makes the tables
 * larger, not the scan longer. Code units that occur in no pattern share class 0, which leads back to the root.
 */
import { narrow, type UintArray } from './packed';

/**
 * The automaton as tables: what {@link compileAutomaton} makes and {@link loadAutomaton} reads. Only what cannot
 * be derived in one linear pass ships: child counts (mostly 0 or 1) rather than offsets, and the terminal state of
 * each pattern rather than per-state output and dictionary links.
 */
export interface AutomatonTables {
  /** The code units of the patterns, in class order: unit `alphabet[k]` has class `k + 1`. */
  readonly alphabet: string;
  /**
   * Per state: its number of children (the children of `s` follow those of `s - 1`). Absent from {@link readyAutomaton}
   * tables, which ship `first` instead.
   */
  readonly counts?: UintArray;
  /** Per state: the class of the edge into it (0 for the root). */
  readonly label: UintArray;
  /** Per pattern: the state where it ends (0 for an empty pattern, which never matches). */
  readonly ends: UintArray;
  /** Per pattern: its length in code units. */
  readonly lengths: UintArray;
  /** Optional, per state (plus one): its first child, the running sum of `counts` ({@link readyAutomaton}). */
  readonly first?: UintArray;
}

/**
 * The tables with the child offsets a load derives (`first`) in place of the child counts, for tables compiled once
 * and loaded on many pages: a page loading them does no work per state (the record of 50 imported packs has ~240k
 * states; a running sum over them cost a cold page 5–10 ms).
 */
export function readyAutomaton(tables: AutomatonTables): AutomatonTables {
  const { alphabet, label, ends, lengths } = tables;
  return { alphabet, label, ends, lengths, first: narrow(childOffsets(tables)) };
}

/** `first` of `tables`: shipped, or the running sum of the child counts. */
function childOffsets(tables: AutomatonTables): UintArray {
  if (tables.first) return tables.first;
  const { counts } = tables;
  if (!counts) throw new Error('automaton tables: neither child counts nor offsets');
  const stateCount = tables.label.length;
  const sums = new Uint32Array(stateCount + 1);
  sums[0] = 1;
  for (let s = 0; s < stateCount; s++) sums[s + 1] = (sums[s] as number) + (counts[s] as number);
  sums[stateCount] = stateCount;
  return sums;
}

/** A loaded automaton. Build it once per pack with {@link loadAutomaton} (or {@link buildAutomaton}). */
export interface Automaton {
  /** Number of patterns given to the compiler. */
  readonly patternCount: number;
  /** Number of states (for the bench and for sizing). */
  readonly stateCount: number;
  /**
   * Reports every occurrence of every pattern in `text`, overlapping ones included, in order of their end offset:
   * `onMatch(start, end, patternIndex)` with `[start, end)` in `text`'s code units.
   */
  scan(text: string, onMatch: (start: number, end: number, pattern: number) => void): void;
}

/** Compiles the patterns. Empty patterns are ignored; duplicates share a state (the first index is reported). */
export function compileAutomaton(patterns: readonly string[]): AutomatonTables {
  // 1. Alphabet: a class per distinct code unit used by some pattern; class 0 is "any other unit".
  const classOf = new Map<number, number>();
  let alphabet = '';
  for (const p of patterns) {
    for (let i = 0; i < p.length; i++) {
      const u = p.charCodeAt(i);
      if (!classOf.has(u)) {
        classOf.set(u, classOf.size + 1);
        alphabet += p[i];
      }
    }
  }

  // 2. Trie, with child maps, in insertion numbering.
  const children: Map<number, number>[] = [new Map()];
  const output: number[] = [-1];
  patterns.forEach((p, index) => {
    if (p.length === 0) return;
    let state = 0;
    for (let i = 0; i < p.length; i++) {
      const c = classOf.get(p.charCodeAt(i)) ?? 0;
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

  // 3. Breadth-first renumbering: children of each state consecutive and sorted by label.
  const count = children.length;
  const first = new Array<number>(count + 1);
  const label = new Array<number>(count).fill(0);
  const term = new Array<number>(count).fill(0);
  const order = [0];
  for (let s = 0; s < count; s++) {
    const old = order[s] as number;
    term[s] = (output[old] as number) + 1;
    first[s] = order.length;
    const edges = [...(children[old] as Map<number, number>)].sort((a, b) => a[0] - b[0]);
    for (const [c, child] of edges) {
      label[order.length] = c;
      order.push(child);
    }
  }
  first[count] = count;

  // 4. Pattern end states (failure links are derived when scanning: see loadAutomaton).
  const childOf = (s: number, c: number): number => {
    for (let t = first[s] as number; t < (first[s + 1] as number); t++) if (label[t] === c) return t;
    return -1;
  };
  const ends = new Array<number>(patterns.length).fill(0);
  for (let s = 1; s < count; s++) if ((term[s] as number) > 0) ends[(term[s] as number) - 1] = s;
  // Duplicates end where their first copy ends; only the first is reported.
  patterns.forEach((p, index) => {
    if (p.length > 0 && ends[index] === 0) ends[index] = endOf(p);
  });

  return {
    alphabet,
    counts: narrow(first.slice(0, count).map((f, s) => (first[s + 1] as number) - (f as number))),
    label: narrow(label),
    ends: narrow(ends),
    lengths: narrow(patterns.map((p) => p.length)),
  };

  function endOf(p: string): number {
    let s = 0;
    for (let i = 0; i < p.length; i++) s = childOf(s, classOf.get(p.charCodeAt(i)) ?? 0);
    return s;
  }
}

/**
 * Loads compiled tables. Nothing is searched and nothing is walked per state at load: the child offsets are one
 * running sum (typed, native-speed), and a state's failure link, and the pattern it reports, are worked out the
 * first time a scan reaches that state, then kept. A scan reaches a few hundred states of a page at most, so
 * loading costs the same for a pack of 20 patterns and for 50 packs of 20k (the failure links of every state, made
 * up front, took 10–25 ms for 50 packs in a page: docs/performance.md). Each link follows its parent's failure
 * chain, as in the classic construction; states are breadth-first, so a parent is found by binary search in the
 * child offsets.
 */
export function loadAutomaton(tables: AutomatonTables): Automaton {
  const { alphabet, label, ends, lengths } = tables;
  const stateCount = label.length;
  const first = childOffsets(tables);
  /** 1 + the pattern ending at a state, or 0; duplicates report their first copy. One pass over the patterns. */
  const term = new Uint32Array(stateCount);
  for (let p = lengths.length - 1; p >= 0; p--) if ((lengths[p] as number) > 0) term[ends[p] as number] = p + 1;
  const childOf = (s: number, c: number): number => {
    for (let t = first[s] as number; t < (first[s + 1] as number); t++) {
      const l = label[t] as number;
      if (l === c) return t;
      if (l > c) break;
    }
    return -1;
  };
  /** The state whose children include `t` (t ≥ 1): the last `s` with `first[s] ≤ t`. */
  const parentOf = (t: number): number => {
    let lo = 0;
    let hi = stateCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((first[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** 1 + the failure link of a state, once known; 0 before. */
  const failMemo = new Uint32Array(stateCount);
  const fail = (t: number): number => {
    const known = failMemo[t] as number;
    if (known !== 0) return known - 1;
    let link = 0;
    const p = t === 0 ? 0 : parentOf(t);
    if (p !== 0) {
      const c = label[t] as number;
      for (let s = fail(p); ; s = fail(s)) {
        const next = childOf(s, c);
        if (next >= 0) {
          link = next;
          break;
        }
        if (s === 0) break;
      }
    }
    failMemo[t] = link + 1;
    return link;
  };
  /** 1 + the nearest state on the failure chain (itself excluded) that ends a pattern, or 0; memo offset by one. */
  const dictMemo = new Uint32Array(stateCount);
  const dict = (t: number): number => {
    if (t === 0) return 0;
    const known = dictMemo[t] as number;
    if (known !== 0) return known - 1;
    const f = fail(t);
    const value = f !== 0 && (term[f] as number) > 0 ? f + 1 : dict(f);
    dictMemo[t] = value + 1;
    return value;
  };
  /** Like dict, the state itself included. */
  const report = (t: number): number => ((term[t] as number) > 0 ? t + 1 : dict(t));
  // Class of each code unit up to the largest unit of the alphabet; any larger unit is class 0.
  let size = 0;
  for (let k = 0; k < alphabet.length; k++) size = Math.max(size, alphabet.charCodeAt(k) + 1);
  const classOf = alphabet.length < 0xff ? new Uint8Array(size) : new Uint16Array(size);
  for (let k = 0; k < alphabet.length; k++) classOf[alphabet.charCodeAt(k)] = k + 1;
  // The root's edges as a dense row: most steps of a scan start there.
  const root = new Uint32Array(alphabet.length + 1);
  for (let t = first[0] as number; t < (first[1] as number); t++) root[label[t] as number] = t;

  return {
    patternCount: lengths.length,
    stateCount,
    scan(text, onMatch) {
      let s = 0;
      for (let i = 0; i < text.length; i++) {
        const u = text.charCodeAt(i);
        const c = u < size ? (classOf[u] as number) : 0;
        if (c === 0) {
          s = 0;
          continue;
        }
        for (;;) {
          if (s === 0) {
            s = root[c] as number;
            break;
          }
          // The edges of `s`, sorted by label: usually zero to two.
          let t = first[s] as number;
          const end = first[s + 1] as number;
          while (t < end && (label[t] as number) < c) t++;
          if (t < end && label[t] === c) {
            s = t;
            break;
          }
          s = fail(s);
        }
        let r = report(s);
        while (r !== 0) {
          const p = (term[r - 1] as number) - 1;
          onMatch(i + 1 - (lengths[p] as number), i + 1, p);
          r = dict(r - 1);
        }
      }
    },
  };
}

/** Compiles and loads in one step (the pack builder and tests; the extension loads precompiled tables). */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  return loadAutomaton(compileAutomaton(patterns));
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
