/**
 * Quote detection: a word-shingle index over the pack's quotes and one pass over the page's word stream.
 *
 * Each exact shingle of {@link SHINGLE} words is a seed; a seed extends both ways into a maximal run that skips
 * punctuation and case (words are compared in normal form), jumps over ellipses (`...`, `…`: the page left quote
 * words out) and spends a bounded budget of word edits (a changed, an extra or a missing word). A run becomes a
 * match only when it is long enough and holds enough content words, so phrases any article may contain
 * (`at the end of the year`) never fire on their own.
 */
import { APOSTROPHE, isWordUnit } from './chars';
import { toOriginal, type Normalized } from './normalize';
import type { UintArray } from './packed';
import type { QuoteTables } from './quote-tables';
import type { QuoteMatch, QuoteTuning } from './types';

/** Words per shingle. Any run of 6 words with one edit holds an exact 3-word shingle. */
export const SHINGLE = 3;

/** Default tuning; see {@link QuoteTuning}. */
export const DEFAULT_QUOTE_TUNING: Required<QuoteTuning> = { minWords: 6, minContentWords: 3, maxEdits: 2 };

/** How far past an ellipsis the quote is searched for the page's next word. */
const MAX_ELLIPSIS_SKIP = 60;

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

/** The loaded quote side of a matcher. Load with {@link loadQuoteIndex}. */
export interface QuoteIndex {
  readonly ids: readonly string[];
  readonly speakers: readonly string[];
  /** Vocabulary ids of each quote's words. */
  readonly quotes: readonly UintArray[];
  /** Per vocabulary id: 1 for a content word, 0 for a function word. */
  readonly content: UintArray;
  readonly lookup: WordLookup;
  /** Shingle bucket (see {@link shingleBucket}) → pairs `(quote, word position)` in `hits`. */
  readonly bucketBits: number;
  readonly bucketStart: UintArray;
  readonly hits: UintArray;
  readonly tuning: Required<QuoteTuning>;
}

/** Loads compiled quote tables: views and a closure over them, nothing recomputed. */
export function loadQuoteIndex(tables: QuoteTables): QuoteIndex {
  const { wordStart, words, wordSlots } = tables;
  const vocabulary = tables.vocabulary === '' ? [] : tables.vocabulary.split(' ');
  const quotes: UintArray[] = [];
  for (let q = 0; q < tables.ids.length; q++) quotes.push(words.subarray(wordStart[q], wordStart[q + 1]));
  const slotBits = Math.log2(wordSlots.length);
  const mask = wordSlots.length - 1;
  const lookup: WordLookup = (folded, start, end, hash) => {
    let slot = wordSlot(hash, slotBits);
    for (;;) {
      const v = wordSlots[slot] as number;
      if (v === 0) return -1;
      if (sameWord(folded, start, end, vocabulary[v - 1] as string)) return v - 1;
      slot = (slot + 1) & mask;
    }
  };
  return {
    ids: tables.ids,
    speakers: tables.speakers,
    quotes,
    content: tables.content,
    lookup,
    bucketBits: Math.log2(tables.bucketStart.length - 1),
    bucketStart: tables.bucketStart,
    hits: tables.hits,
    tuning: tables.tuning,
  };
}

/** A run of one quote on the page, in word positions. */
interface Run {
  quote: number;
  firstP: number;
  lastP: number;
  matched: number;
  content: number;
  edits: number;
}

interface Walk {
  lastP: number;
  matched: number;
  content: number;
  edits: number;
}

/**
 * Extends an alignment from page word `p` / quote word `q` in direction `dir` (±1) as far as it goes, spending at
 * most `budget` edits. An edit is taken only when the two words after it match, so a run never ends on an edit
 * and two unrelated sentences do not chain together through edits.
 */
function walk(
  page: WordStream,
  words: UintArray,
  content: UintArray,
  p: number,
  q: number,
  dir: 1 | -1,
  budget: number,
  minP: number,
  blockNo: number,
): Walk {
  const result: Walk = { lastP: p - dir, matched: 0, content: 0, edits: 0 };
  const pageOk = (pp: number): boolean => pp >= minP && pp < page.count && page.block[pp] === blockNo;
  const eq = (pp: number, qq: number): boolean =>
    pageOk(pp) && qq >= 0 && qq < words.length && page.id[pp] === words[qq] && (words[qq] as number) >= 0;
  while (pageOk(p) && q >= 0 && q < words.length) {
    if (page.id[p] === words[q]) {
      result.matched++;
      result.content += content[words[q] as number] as number;
      result.lastP = p;
      p += dir;
      q += dir;
      continue;
    }
    // An ellipsis in the gap between the last matched page word and this one: the page skipped quote words.
    const gapEllipsis = dir > 0 ? page.ellipsis[p] === 1 : page.ellipsis[p + 1] === 1;
    if (gapEllipsis && p === result.lastP + dir) {
      let found = -1;
      for (let k = 1; k <= MAX_ELLIPSIS_SKIP; k++) {
        const qq = q + dir * k;
        if (qq < 0 || qq >= words.length) break;
        if (eq(p, qq) && eq(p + dir, qq + dir)) {
          found = qq;
          break;
        }
      }
      if (found >= 0) {
        q = found;
        continue;
      }
    }
    if (result.edits < budget) {
      const d = dir;
      if (eq(p + d, q + d) && eq(p + 2 * d, q + 2 * d)) {
        // One word changed: `by the end of the year` for `at the end of the year`.
        p += d;
        q += d;
        result.edits++;
        continue;
      }
      if (eq(p + d, q) && eq(p + 2 * d, q + d)) {
        // An extra word on the page.
        p += d;
        result.edits++;
        continue;
      }
      if (eq(p, q + d) && eq(p + d, q + 2 * d)) {
        // A quote word missing on the page.
        q += d;
        result.edits++;
        continue;
      }
    }
    break;
  }
  return result;
}

/** Finds runs of the pack's quotes in normalised text. Offsets in the result index `norm.source`. */
export function findQuotes(index: QuoteIndex, norm: Normalized): QuoteMatch[] {
  const out: QuoteMatch[] = [];
  if (index.quotes.length === 0) return out;
  const { content, bucketBits, bucketStart, hits, tuning } = index;
  const page = tokenize(norm.folded, index.lookup);
  const ids = page.id;
  const blocks = page.block;
  let minP = 0;
  let i = 0;
  while (i + SHINGLE <= page.count) {
    // Skip past unknown words: no shingle can contain them.
    if ((ids[i + 2] as number) < 0) {
      i += 3;
      continue;
    }
    if ((ids[i + 1] as number) < 0) {
      i += 2;
      continue;
    }
    const a = ids[i] as number;
    if (a < 0 || blocks[i] !== blocks[i + 2]) {
      i++;
      continue;
    }
    const b = ids[i + 1] as number;
    const c = ids[i + 2] as number;
    const bucket = shingleBucket(a, b, c, bucketBits);
    const first = bucketStart[bucket] as number;
    const last = bucketStart[bucket + 1] as number;
    if (first === last) {
      i++;
      continue;
    }
    // The bucket may hold other shingles too: each hit is checked word by word.
    let best: Run | null = null;
    for (let h = first; h < last; h += 2) {
      const q = hits[h] as number;
      const pos = hits[h + 1] as number;
      const words = index.quotes[q] as UintArray;
      if (words[pos] !== a || words[pos + 1] !== b || words[pos + 2] !== c) continue;
      const blockNo = blocks[i] as number;
      const fwd = walk(page, words, content, i + SHINGLE, pos + SHINGLE, 1, tuning.maxEdits, minP, blockNo);
      const back = walk(page, words, content, i - 1, pos - 1, -1, tuning.maxEdits - fwd.edits, minP, blockNo);
      const seed = (content[a] as number) + (content[b] as number) + (content[c] as number);
      const run: Run = {
        quote: q,
        firstP: back.matched > 0 ? back.lastP : i,
        lastP: fwd.matched > 0 ? fwd.lastP : i + SHINGLE - 1,
        matched: SHINGLE + fwd.matched + back.matched,
        content: seed + fwd.content + back.content,
        edits: fwd.edits + back.edits,
      };
      if (!best || run.matched > best.matched || (run.matched === best.matched && run.edits < best.edits)) best = run;
    }
    if (
      best &&
      best.matched >= tuning.minWords &&
      best.content >= tuning.minContentWords &&
      best.matched >= 3 * best.edits
    ) {
      const quoteWords = (index.quotes[best.quote] as UintArray).length;
      const span = toOriginal(norm, page.start[best.firstP] as number, page.end[best.lastP] as number);
      out.push({
        kind: 'quote',
        start: span.start,
        end: span.end,
        id: index.ids[best.quote] as string,
        speaker: index.speakers[best.quote] as string,
        coverage: Math.min(1, best.matched / quoteWords),
        words: best.matched,
        edits: best.edits,
      });
      minP = best.lastP + 1;
      i = minP;
    } else {
      i++;
    }
  }
  return out;
}
