/**
 * Quote detection: a word-shingle index over the pack's quotes and one pass over the page's word stream.
 *
 * Each exact shingle of {@link SHINGLE} words is a seed; a seed extends both ways into a maximal run that skips
 * punctuation and case (words are compared in normal form), jumps over ellipses (`...`, `…`: the page left quote
 * words out) and spends a bounded budget of word edits (a changed, an extra or a missing word). A run becomes a
 * match only when it is long enough and holds enough content words, so phrases any article may contain
 * (`at the end of the year`) never fire on their own.
 */
import { quoteFidelity, sourceWords, type SourceWords } from './fidelity';
import { toOriginal, type Normalized } from './normalize';
import type { UintArray } from './packed';
import type { QuoteTables } from './quote-tables';
import { CONTENT, NOT_CONTENT, walk, type Edit, type WalkQuote } from './quote-walk';
import { sameWord, shingleBucket, tokenize, wordSlot, type WordLookup, type WordStream } from './quote-words';
import type { QuoteMatch, QuoteTuning } from './types';

/** Words per shingle. Any run of 6 words with one edit holds an exact 3-word shingle. */
export const SHINGLE = 3;

/** Default tuning; see {@link QuoteTuning}. */
export const DEFAULT_QUOTE_TUNING: Required<QuoteTuning> = {
  minWords: 6,
  minContentWords: 3,
  minContentBeyondNames: 2,
  maxEdits: 2,
};

/** The loaded quote side of a matcher. Load with {@link loadQuoteIndex}. */
export interface QuoteIndex {
  readonly ids: readonly string[];
  readonly speakers: readonly string[];
  /** Each quote's words (vocabulary ids) and which of its positions count as content. */
  readonly quotes: readonly WalkQuote[];
  /** Each quote's text, and its words as offsets into it (made when the quote first matches). */
  readonly texts: readonly string[];
  sourceWords(quote: number): SourceWords;
  readonly lookup: WordLookup;
  /** Shingle bucket (see {@link shingleBucket}) → pairs `(quote, word position)` in `hits`. */
  readonly bucketBits: number;
  readonly bucketStart: UintArray;
  readonly hits: UintArray;
  readonly tuning: Required<QuoteTuning>;
}

/** Loads compiled quote tables: views and a closure over them, nothing recomputed. */
export function loadQuoteIndex(tables: QuoteTables): QuoteIndex {
  const { wordStart, words, wordSlots, contentAt } = tables;
  const vocabulary = tables.vocabulary === '' ? [] : tables.vocabulary.split(' ');
  const quotes: WalkQuote[] = [];
  for (let q = 0; q < tables.ids.length; q++) {
    const from = wordStart[q] as number;
    const to = wordStart[q + 1] as number;
    quotes.push({ words: words.subarray(from, to), contentAt: contentAt.subarray(from, to) });
  }
  const sources = new Map<number, SourceWords>();
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
    texts: tables.texts,
    sourceWords(quote) {
      let source = sources.get(quote);
      if (!source) {
        source = sourceWords(tables.texts[quote] as string);
        sources.set(quote, source);
      }
      return source;
    },
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
  seedP: number;
  seedQ: number;
  firstP: number;
  lastP: number;
  firstQ: number;
  lastQ: number;
  matched: number;
  content: number;
  beyondNames: number;
  edits: number;
}

/** Extends the seed shingle at page word `i` / quote word `pos` of quote `q` both ways into a run. */
function extend(
  index: QuoteIndex,
  page: WordStream,
  q: number,
  i: number,
  pos: number,
  minP: number,
  edits: Edit[] | null = null,
): Run {
  const quote = index.quotes[q] as WalkQuote;
  const { maxEdits } = index.tuning;
  const blockNo = page.block[i] as number;
  const fwd = walk(page, quote, i + SHINGLE, pos + SHINGLE, 1, maxEdits, minP, blockNo, edits);
  const back = walk(page, quote, i - 1, pos - 1, -1, maxEdits - fwd.edits, minP, blockNo, edits);
  let seed = 0;
  let seedBeyond = 0;
  for (let k = pos; k < pos + SHINGLE; k++) {
    const c = quote.contentAt[k] as number;
    if (c !== NOT_CONTENT) seed++;
    if (c === CONTENT) seedBeyond++;
  }
  return {
    quote: q,
    seedP: i,
    seedQ: pos,
    firstP: back.matched > 0 ? back.lastP : i,
    lastP: fwd.matched > 0 ? fwd.lastP : i + SHINGLE - 1,
    firstQ: back.matched > 0 ? back.lastQ : pos,
    lastQ: fwd.matched > 0 ? fwd.lastQ : pos + SHINGLE - 1,
    matched: SHINGLE + fwd.matched + back.matched,
    content: seed + fwd.content + back.content,
    beyondNames: seedBeyond + fwd.beyondNames + back.beyondNames,
    edits: fwd.edits + back.edits,
  };
}

/** The match of an accepted run, its fidelity included (the run is walked again, recording its edits). */
function toMatch(index: QuoteIndex, norm: Normalized, page: WordStream, run: Run, minP: number): QuoteMatch {
  const edits: Edit[] = [];
  extend(index, page, run.quote, run.seedP, run.seedQ, minP, edits);
  const quoteWords = (index.quotes[run.quote] as WalkQuote).words.length;
  const span = toOriginal(norm, page.start[run.firstP] as number, page.end[run.lastP] as number);
  return {
    kind: 'quote',
    start: span.start,
    end: span.end,
    id: index.ids[run.quote] as string,
    speaker: index.speakers[run.quote] as string,
    coverage: Math.min(1, run.matched / quoteWords),
    words: run.matched,
    edits: run.edits,
    fidelity: quoteFidelity(norm, page, index.sourceWords(run.quote), { firstQ: run.firstQ, lastQ: run.lastQ, edits }),
  };
}

/** Finds runs of the pack's quotes in normalised text. Offsets in the result index `norm.source`. */
export function findQuotes(index: QuoteIndex, norm: Normalized): QuoteMatch[] {
  const out: QuoteMatch[] = [];
  if (index.quotes.length === 0) return out;
  const { bucketBits, bucketStart, hits, tuning } = index;
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
      const words = (index.quotes[q] as WalkQuote).words;
      if (words[pos] !== a || words[pos + 1] !== b || words[pos + 2] !== c) continue;
      const run = extend(index, page, q, i, pos, minP);
      if (!best || run.matched > best.matched || (run.matched === best.matched && run.edits < best.edits)) best = run;
    }
    if (
      best &&
      best.matched >= tuning.minWords &&
      best.content >= tuning.minContentWords &&
      best.beyondNames >= tuning.minContentBeyondNames &&
      best.matched >= 3 * best.edits
    ) {
      out.push(toMatch(index, norm, page, best, minP));
      minP = best.lastP + 1;
      i = minP;
    } else {
      i++;
    }
  }
  return out;
}
