/**
 * Words of quotes and pages as the quote index compares them: the tokeniser (letters and digits, inner apostrophes
 * dropped, ellipses noted), the word hash and the table slots it indexes. Shared by the compiler (`quote-tables.ts`),
 * the scan (`quotes.ts`) and the fidelity (`fidelity.ts`).
 */
import { APOSTROPHE, isWordUnit } from './chars';

/** The page's (or a quote's) words, as parallel arrays. */
export interface WordStream {
  readonly count: number;
  /** Offsets of each word in the normalised text. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Vocabulary id, or -1 for a word that occurs in no quote. */
  readonly id: Int32Array;
  /** Block number (`\n`-separated): runs never cross blocks. */
  readonly block: Int32Array;
  /** 1 when the gap just before the word holds an ellipsis. */
  readonly ellipsis: Uint8Array;
}

/**
 * Finds the vocabulary id of the word `folded[start, end)` (apostrophes inside it skipped), or -1; `hash` is
 * {@link wordHash} of the word, computed while tokenising, so page words need no substring: most page words are in
 * no quote and are dismissed by one table probe.
 */
export type WordLookup = (folded: string, start: number, end: number, hash: number, hasApostrophe: boolean) => number;

/** The hash used by {@link tokenize}: over the word's code units, apostrophes skipped. */
export function wordHash(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c !== APOSTROPHE) h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

/** Slot of a word hash in a table of `2^bits` slots (Fibonacci hashing). */
export function wordSlot(hash: number, bits: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> (32 - bits);
}

/** Bucket of a shingle (three vocabulary ids) in a table of `2^bits` buckets. */
export function shingleBucket(a: number, b: number, c: number, bits: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c + 0x2545f491, 0xc2b2ae3d);
  return Math.imul(h ^ (h >>> 15), 0x27d4eb2f) >>> (32 - bits);
}

/**
 * Splits folded text into words: runs of letters and digits, with apostrophes inside a word dropped
 * (`we're` → `were`, `Sha'abi` → `shaabi`) so that either spelling compares equal.
 */
export function tokenize(folded: string, lookup: WordLookup): WordStream {
  const cap = Math.max(16, folded.length >> 2);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let id = new Int32Array(cap);
  let block = new Int32Array(cap);
  let ellipsis = new Uint8Array(cap);
  let count = 0;
  let blockNo = 0;
  let dots = 0;
  let sawEllipsis = 0;
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const u = folded.charCodeAt(i);
    if (!isWordUnit(u)) {
      if (u === 0x2e /* . */) {
        if (++dots >= 3) sawEllipsis = 1;
      } else {
        dots = 0;
        if (u === 10) blockNo++;
      }
      i++;
      continue;
    }
    dots = 0;
    const s = i;
    let hasApostrophe = false;
    let h = 0;
    while (i < n) {
      const c = folded.charCodeAt(i);
      if (isWordUnit(c)) {
        h = (Math.imul(h, 31) + c) | 0;
        i++;
      } else if (c === APOSTROPHE && i + 1 < n && isWordUnit(folded.charCodeAt(i + 1))) {
        hasApostrophe = true;
        i++;
      } else break;
    }
    if (count === start.length) {
      const size = count * 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(size);
        b.set(a);
        return b;
      };
      start = grow(start, (k) => new Int32Array(k));
      end = grow(end, (k) => new Int32Array(k));
      id = grow(id, (k) => new Int32Array(k));
      block = grow(block, (k) => new Int32Array(k));
      ellipsis = grow(ellipsis, (k) => new Uint8Array(k));
    }
    start[count] = s;
    end[count] = i;
    id[count] = lookup(folded, s, i, h, hasApostrophe);
    block[count] = blockNo;
    ellipsis[count] = sawEllipsis;
    sawEllipsis = 0;
    count++;
  }
  return { count, start, end, id, block, ellipsis };
}

/** Whether `folded[start, end)` with apostrophes skipped spells `word`. */
export function sameWord(folded: string, start: number, end: number, word: string): boolean {
  let k = 0;
  for (let i = start; i < end; i++) {
    const c = folded.charCodeAt(i);
    if (c === APOSTROPHE) continue;
    if (k >= word.length || word.charCodeAt(k) !== c) return false;
    k++;
  }
  return k === word.length;
}
