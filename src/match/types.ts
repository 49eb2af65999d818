/**
 * The matcher's public types: what the page module and the source reader receive from a scan, and the options
 * they may pass.
 */
import type { Entity, EntityKind, Quote } from '../knowledge/schema';

/** The fields of a pack entity that matching reads: the engine also serves the pack builder, before a pack exists. */
export type MatchableEntity = Pick<
  Entity,
  'id' | 'kind' | 'aliases' | 'ambiguous' | 'confirmedBy' | 'notWhen' | 'demonyms'
>;

/** What the quote index reads of a pack's quote. */
export type MatchableQuote = Pick<Quote, 'id' | 'text' | 'speaker'>;

/**
 * How an entity mention was recognised:
 * - `alias`: an unambiguous alias;
 * - `confirmed`: an ambiguous alias (surname, short form), accepted because the same text also holds an
 *   unambiguous mention of the entity or of one of its `confirmedBy` entities;
 * - `demonym`: a demonym or adjective (`Iraqi`), only when the scan asks for them.
 */
export type EntityMatchHow = 'alias' | 'confirmed' | 'demonym';

/** A mention of a pack entity. Offsets index the scanned text (UTF-16 code units, half-open). */
export interface EntityMatch {
  readonly kind: 'entity';
  readonly start: number;
  readonly end: number;
  /** Entity id in the pack. */
  readonly id: string;
  readonly entityKind: EntityKind;
  /** The pack's alias (or demonym) that matched, as written in the pack. */
  readonly alias: string;
  readonly how: EntityMatchHow;
}

/** A run of words from one of the pack's quotes. Offsets index the scanned text (first to last matched word). */
export interface QuoteMatch {
  readonly kind: 'quote';
  readonly start: number;
  readonly end: number;
  /** Quote id in the pack. */
  readonly id: string;
  /** Entity id of the speaker. */
  readonly speaker: string;
  /** Fraction of the quote's words that the run matched, in `(0, 1]`. */
  readonly coverage: number;
  /** Number of quote words matched exactly. */
  readonly words: number;
  /** Word edits tolerated inside the run (a changed, inserted or dropped word). Ellipses are not edits. */
  readonly edits: number;
  /** How the page's version compares with the source quote. */
  readonly fidelity: QuoteFidelity;
}

/**
 * The headline of a {@link QuoteFidelity}, the most telling state first: a reader cares most when a quote was
 * altered.
 * - `changed`: some words differ from the source (a word replaced, added or dropped without an ellipsis);
 * - `elided`: nothing changed, but an ellipsis (`…`, `...`) stands for source words;
 * - `shortened`: nothing changed or elided, but the page quotes only part of the source quote;
 * - `verbatim`: the whole source quote, word for word (punctuation and case aside).
 */
export type QuoteFidelityState = 'changed' | 'elided' | 'shortened' | 'verbatim';

/**
 * How a page's version of a quote compares with the source's, word by word: pure data for the quote card and the
 * popup. Page offsets index the scanned text (like the match's), source offsets index the pack quote's `text`; both
 * are UTF-16, half-open. Words compare as the matcher compares them (case, punctuation, diacritics and apostrophe
 * style aside), so re-punctuating a quote changes nothing here.
 */
export interface QuoteFidelity {
  readonly state: QuoteFidelityState;
  /** True when the state is `verbatim`: the whole source quote, no word changed or elided. */
  readonly verbatim: boolean;
  /** The part of the source quote the page quotes, when it is not all of it; null when the whole quote is there. */
  readonly shortened: QuoteExcerpt | null;
  /** Every word that differs, in page order; empty when none. */
  readonly changed: readonly QuoteWordChange[];
  /** Every ellipsis that stands for source words, in page order; empty when none. */
  readonly elided: readonly QuoteElision[];
}

/** The stretch of the source quote a page quotes, from its first to its last matched word. */
export interface QuoteExcerpt {
  /** Index of the first and of the last quoted word among the source quote's words (0-based, inclusive). */
  readonly firstWord: number;
  readonly lastWord: number;
  /** Number of words of the whole source quote. */
  readonly totalWords: number;
  /** Offsets of the quoted stretch in the source quote's text. */
  readonly sourceStart: number;
  readonly sourceEnd: number;
}

/**
 * One word that differs between the page and the source:
 * - `replaced`: the page has `page` where the source has `source` (`by the end` for `at the end`);
 * - `added`: the page has a word the source does not (`source` is empty, its offsets where it would stand);
 * - `dropped`: the page leaves out a source word with no ellipsis (`page` is empty, its offsets where it would stand).
 */
export interface QuoteWordChange {
  readonly kind: 'replaced' | 'added' | 'dropped';
  /** The page's word as written, or empty. */
  readonly page: string;
  readonly pageStart: number;
  readonly pageEnd: number;
  /** The source's word as written, or empty. */
  readonly source: string;
  readonly sourceStart: number;
  readonly sourceEnd: number;
}

/** An ellipsis on the page that stands for source words. */
export interface QuoteElision {
  /** The ellipsis itself (`…`, `...`) in the scanned text. */
  readonly pageStart: number;
  readonly pageEnd: number;
  /** The source words it stands for, as written, and their offsets in the source quote's text. */
  readonly source: string;
  readonly sourceStart: number;
  readonly sourceEnd: number;
  /** How many source words it stands for. */
  readonly words: number;
}

/** One match of a scan. Entity matches inside a quote match are reported too: the renderer decides. */
export type Match = EntityMatch | QuoteMatch;

/** Options of one scan (also accepted by `createMatcher` as defaults). */
export interface ScanOptions {
  /** `all` (default) reports every mention; `first` only the first mention of each entity. */
  readonly mentions?: 'first' | 'all';
  /** Entity kinds to report (default: all). Hidden kinds still confirm ambiguous aliases and still hold their span. */
  readonly kinds?: readonly EntityKind[];
  /** Report demonyms (`Iraqi` for Iraq). Default false. */
  readonly demonyms?: boolean;
  /**
   * Entity ids already mentioned unambiguously elsewhere on the page (another block scanned apart, an earlier part
   * of a long page): their ambiguous aliases count as confirmed in this text too.
   */
  readonly confirmed?: ReadonlySet<string>;
  /** Report quotes. Default true. */
  readonly quotes?: boolean;
}

/** Tuning of quote detection, fixed when the matcher is built. */
export interface QuoteTuning {
  /** Minimum words of a run matched exactly (default 6). */
  readonly minWords?: number;
  /** Minimum matched words that are not function words (default 3): `at the end of the year` has two. */
  readonly minContentWords?: number;
  /**
   * Minimum matched content words outside the pack's names (default 2): a run that is only names and joining
   * words (`Qassem Soleimani and Abu Mahdi al-Muhandis`: none) is not the quote that named them.
   */
  readonly minContentBeyondNames?: number;
  /** Maximum word edits in one run (default 2); each edit must be followed by two exact words. */
  readonly maxEdits?: number;
}

/** Options of `createMatcher`. */
export interface MatcherOptions extends ScanOptions {
  readonly quoteTuning?: QuoteTuning;
}
