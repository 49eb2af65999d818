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
  /** Maximum word edits in one run (default 2); each edit must be followed by two exact words. */
  readonly maxEdits?: number;
}

/** Options of `createMatcher`. */
export interface MatcherOptions extends ScanOptions {
  readonly quoteTuning?: QuoteTuning;
}
