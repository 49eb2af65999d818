/**
 * An Aho–Corasick automaton over the patterns' own alphabet, compiled to flat tables that ship precompiled.
 *
 * The trie's states are numbered breadth-first, so the children of a state are consecutive states, sorted by
 * label: a state's edges are `first[s] .. first[s + 1] - 1`, each labelled `label[child]` (a sorted-edge CSR whose
 * targets are implicit). Failure links and dictionary links complete the classic automaton; the root, where a scan
 * spends most of its steps, gets a dense row at load. The scan reads each code unit once and follows on average
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
  /** Per state: its number of children (the children of `s` follow those of `s - 1`). */
  readonly counts: UintArray;
  /** Per state: the class of the edge into it (0 for the root). */
  readonly label: UintArray;
  /** Per pattern: the state where it ends (0 for an empty pattern, which never matches). */
  readonly ends: UintArray;
  /** Per pattern: its length in code units. */
  readonly lengths: UintArray;
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

  // 4. Pattern end states (failure links are derived at load: see failureLinks).
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
 * The failure links of a breadth-first trie (children of `s` are `first[s] .. first[s + 1] - 1`, sorted by label):
 * in breadth-first order a state's parent, and so its parent's link, is done before it. Each link follows its
 * parent's failure chain, so the whole pass is linear in the trie's size for a fixed alphabet. Derived at load
 * rather than shipped: the largest of the automaton's tables, and one that compresses worst. Most chains end at the
 * root, whose children are looked up in its dense row (`root[c]`, 0 for none) rather than searched: the pass runs
 * once per page load, cold, where a search of the root's many edges per state cost 1.5–5 ms (profiled, Chromium).
 */
function failureLinks(first: Uint32Array, label: UintArray, root: Uint32Array): Uint32Array {
  const count = label.length;
  const fail = new Uint32Array(count);
  // Parents in breadth-first order (the root's children keep their link to the root). The child lookup is written
  // out in the loop: this runs cold, in the interpreter, where a call per step costs more than the step.
  for (let p = 1; p < count; p++) {
    const end = first[p + 1] as number;
    for (let t = first[p] as number; t < end; t++) {
      const c = label[t] as number;
      let s = fail[p] as number;
      let next = -1;
      while (s !== 0) {
        const last = first[s + 1] as number;
        for (let u = first[s] as number; u < last; u++) {
          const l = label[u] as number;
          if (l >= c) {
            if (l === c) next = u;
            break;
          }
        }
        if (next >= 0) break;
        s = fail[s] as number;
      }
      fail[t] = next >= 0 ? next : (root[c] as number);
    }
  }
  return fail;
}

/**
 * Loads compiled tables. Nothing is searched but the failure links (see {@link failureLinks}): linear passes make
 * the class table, the child offsets, the root's dense row and the output links.
 */
export function loadAutomaton(tables: AutomatonTables): Automaton {
  const { alphabet, counts, label, ends, lengths } = tables;
  const stateCount = label.length;
  const first = new Uint32Array(stateCount + 1);
  first[0] = 1;
  for (let s = 0; s < stateCount; s++) first[s + 1] = (first[s] as number) + (counts[s] as number);
  first[stateCount] = stateCount;
  // The root's edges as a dense row: most steps of a scan start there, and most failure chains end there.
  const root = new Uint32Array(alphabet.length + 1);
  for (let t = first[0] as number; t < (first[1] as number); t++) root[label[t] as number] = t;
  const fail = failureLinks(first, label, root);
  /** 1 + the pattern ending at a state, or 0; duplicates report their first copy. */
  const term = new Uint32Array(stateCount);
  for (let p = lengths.length - 1; p >= 0; p--) if ((lengths[p] as number) > 0) term[ends[p] as number] = p + 1;
  /** 1 + the nearest state on the failure chain (itself excluded / included) that ends a pattern, or 0. */
  const dict = new Uint32Array(stateCount);
  const report = new Uint32Array(stateCount);
  for (let t = 1; t < stateCount; t++) {
    const f = fail[t] as number;
    dict[t] = f !== 0 && (term[f] as number) > 0 ? f + 1 : (dict[f] as number);
    report[t] = (term[t] as number) > 0 ? t + 1 : (dict[t] as number);
  }
  // Class of each code unit up to the largest unit of the alphabet; any larger unit is class 0.
  let size = 0;
  for (let k = 0; k < alphabet.length; k++) size = Math.max(size, alphabet.charCodeAt(k) + 1);
  const classOf = alphabet.length < 0xff ? new Uint8Array(size) : new Uint16Array(size);
  for (let k = 0; k < alphabet.length; k++) classOf[alphabet.charCodeAt(k)] = k + 1;

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
          s = fail[s] as number;
        }
        let r = report[s] as number;
        while (r !== 0) {
          const p = (term[r - 1] as number) - 1;
          onMatch(i + 1 - (lengths[p] as number), i + 1, p);
          r = dict[r - 1] as number;
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
