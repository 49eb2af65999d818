/**
 * The quote side of a matcher, compiled: the quotes' words as vocabulary ids, the vocabulary with an open-addressing
 * table for page words, and every 3-word shingle in a hash-bucketed index. Flat tables, so a pack compiled at build
 * time loads in the page without recomputation.
 */
import { normalize, toOriginal } from './normalize';
import { narrow, type UintArray } from './packed';
import { DEFAULT_QUOTE_TUNING, SHINGLE } from './quotes';
import { CONTENT, NAME_CONTENT, NOT_CONTENT } from './quote-walk';
import { shingleBucket, tokenize, wordHash, wordSlot } from './quote-words';
import type { MatchableQuote, QuoteTuning } from './types';

/**
 * Function words: they count towards a quote run's length but not towards its content; an alias in capitals that
 * spells one (`US`, `WHO`) is an acronym only outside text in capitals (`entity-tables.ts`).
 */
export const FUNCTION_WORDS = /* @__PURE__ */ new Set(
  (
    'a an the and or but nor so yet of in on at by to for from with without into onto over under about above below ' +
    'after before since until up down out off as than then that this these those there here it its it s is are was ' +
    'were be been being am do does did done have has had having will would shall should can could may might must ' +
    'not no i me my we our us you your he him his she her they them their who whom which what when where why how ' +
    'all any each every some such very just also even only own same too more most other again once further ' +
    'were re ll ve d m t s said says say going go goes went gone get gets got make makes made'
  ).split(' '),
);

/** The compiled quotes. */
export interface QuoteTables {
  /** Quote ids and speakers (entity ids), by quote index. */
  readonly ids: readonly string[];
  readonly speakers: readonly string[];
  /** The vocabulary, words separated by spaces, in id order (a word holds letters and digits only). */
  readonly vocabulary: string;
  /** Number of distinct shingles (for the stats). */
  readonly shingleCount: number;
  readonly tuning: Required<QuoteTuning>;
  /** Per quote (plus one): the first of its words in `words`, which holds vocabulary ids. */
  readonly wordStart: UintArray;
  readonly words: UintArray;
  /**
   * Per word position (parallel to `words`): `NOT_CONTENT` (0) for a function word, a single letter or a digit,
   * `CONTENT` (1) for another word, `NAME_CONTENT` (2) for one inside a pack name (`quote-walk.ts`): a run needs
   * content words and some beyond names.
   */
  readonly contentAt: UintArray;
  /** The quotes' texts, by quote index: the fidelity of a match quotes the source's words. */
  readonly texts: readonly string[];
  /** Open-addressing table of the vocabulary by {@link wordSlot} of its hash, linear probing: `1 + id`, or 0. */
  readonly wordSlots: UintArray;
  /** Per {@link shingleBucket} (plus one): the first of its `(quote, word position)` pairs in `hits`. */
  readonly bucketStart: UintArray;
  readonly hits: UintArray;
}

/** The smallest `bits ≥ 1` with `2^bits ≥ n`. */
function bitsFor(n: number): number {
  let bits = 1;
  while (1 << bits < n) bits++;
  return bits;
}

/** Where the pack's names stand in a text: half-open spans of `text`. */
export type NameFinder = (text: string) => readonly { readonly start: number; readonly end: number }[];

/**
 * Builds the word vocabulary and the shingle index of every quote. `names` finds the pack's names in a quote's
 * text, so their words do not count as content.
 */
export function compileQuoteTables(
  quotes: readonly MatchableQuote[],
  tuning: QuoteTuning = {},
  names: NameFinder = () => [],
): QuoteTables {
  const vocabulary = new Map<string, number>();
  /** Per vocabulary id: 1 for a content word. Single letters (`u`, `s` of `U.S.`) and digits carry none alone. */
  const content: number[] = [];
  const idOf = (word: string): number => {
    let id = vocabulary.get(word);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(word, id);
      content.push(FUNCTION_WORDS.has(word) || word.length < 2 ? 0 : 1);
    }
    return id;
  };
  const wordStart = [0];
  const words: number[] = [];
  const contentAt: number[] = [];
  /** Every shingle occurrence in quote order: (key, quote, position). */
  const shingles: { key: string; a: number; b: number; c: number; q: number; p: number }[] = [];
  quotes.forEach((quote, q) => {
    const norm = normalize(quote.text);
    const stream = tokenize(norm.folded, (folded, start, end, _hash, hasApostrophe) => {
      const word = folded.slice(start, end);
      return idOf(hasApostrophe ? word.replaceAll("'", '') : word);
    });
    const ids = Array.from(stream.id.subarray(0, stream.count));
    const nameSpans = names(quote.text);
    ids.forEach((id, k) => {
      const span = toOriginal(norm, stream.start[k] as number, stream.end[k] as number);
      const inName = nameSpans.some((n) => n.start <= span.start && span.end <= n.end);
      contentAt.push(content[id] === 0 ? NOT_CONTENT : inName ? NAME_CONTENT : CONTENT);
    });
    for (let p = 0; p + SHINGLE <= ids.length; p++) {
      const [a, b, c] = ids.slice(p, p + SHINGLE) as [number, number, number];
      shingles.push({ key: `${a} ${b} ${c}`, a, b, c, q, p });
    }
    words.push(...ids);
    wordStart.push(words.length);
  });

  const vocabList = [...vocabulary.keys()];
  const slotBits = bitsFor(2 * vocabList.length);
  const wordSlots = new Array<number>(1 << slotBits).fill(0);
  vocabList.forEach((word, id) => {
    let slot = wordSlot(wordHash(word), slotBits);
    while (wordSlots[slot] !== 0) slot = (slot + 1) & (wordSlots.length - 1);
    wordSlots[slot] = id + 1;
  });

  // Buckets in the order of their hits: a stable counting sort keeps each bucket's hits in quote order.
  const bucketBits = bitsFor(shingles.length);
  const bucketOf = shingles.map((s) => shingleBucket(s.a, s.b, s.c, bucketBits));
  const bucketStart = new Array<number>((1 << bucketBits) + 1).fill(0);
  for (const bucket of bucketOf) bucketStart[bucket + 1] = (bucketStart[bucket + 1] as number) + 2;
  for (let k = 1; k < bucketStart.length; k++) {
    bucketStart[k] = (bucketStart[k] as number) + (bucketStart[k - 1] as number);
  }
  const fill = bucketStart.slice(0, -1);
  const hits = new Array<number>(shingles.length * 2).fill(0);
  shingles.forEach((s, k) => {
    const bucket = bucketOf[k] as number;
    const at = fill[bucket] as number;
    hits[at] = s.q;
    hits[at + 1] = s.p;
    fill[bucket] = at + 2;
  });

  return {
    ids: quotes.map((quote) => quote.id),
    speakers: quotes.map((quote) => quote.speaker),
    vocabulary: vocabList.join(' '),
    shingleCount: new Set(shingles.map((s) => s.key)).size,
    tuning: { ...DEFAULT_QUOTE_TUNING, ...tuning },
    wordStart: narrow(wordStart),
    words: narrow(words),
    contentAt: narrow(contentAt),
    texts: quotes.map((quote) => quote.text),
    wordSlots: narrow(wordSlots),
    bucketStart: narrow(bucketStart),
    hits: narrow(hits),
  };
}
