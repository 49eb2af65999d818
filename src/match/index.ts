/**
 * The matching engine: the only code that finds a pack's entities and quotes in text. A pack is compiled into
 * tables ({@link compileMatcherTables}, at build time for the extension's pages) and a matcher loads them
 * ({@link loadMatcher}); {@link createMatcher} does both, so there is one engine whichever way a matcher is made.
 *
 * Input contract with the page module: `text` is the page's visible text in reading order with block boundaries
 * as `\n`; nothing matches across a `\n`. Output offsets are UTF-16 offsets into that same `text`.
 */
import type { PagePack } from '../knowledge/page-pack';
import { findEntities, loadEntityIndex, type EntityIndex } from './entities';
import { compileEntityTables } from './entity-tables';
import { normalize } from './normalize';
import { findQuotes, loadQuoteIndex, type QuoteIndex } from './quotes';
import { checkTables, compileMatcherTables, decodeEntityTables, decodeQuoteTables, type MatcherTables } from './tables';
import type { EntityMatch, MatchableEntity, Match, MatcherOptions, ScanOptions } from './types';

export type {
  EntityMatch,
  EntityMatchHow,
  MatchableEntity,
  Match,
  MatcherOptions,
  QuoteElision,
  QuoteExcerpt,
  QuoteFidelity,
  QuoteFidelityState,
  QuoteMatch,
  QuoteTuning,
  QuoteWordChange,
  ScanOptions,
} from './types';
export { normalize, toOriginal, type Normalized } from './normalize';
export { compileMatcherTables, TABLES_FORMAT, type CompileOptions, type MatcherTables } from './tables';

/** A compiled pack, ready to scan any number of texts. */
export interface Matcher {
  /**
   * Finds the pack's entities and quotes in `text`. Matches are sorted by start (longer first on ties); offsets
   * index `text`. Entity matches inside a quote match are reported too.
   */
  scan(text: string, options?: ScanOptions): Match[];
  /** Size of the compiled pack, for diagnostics and the bench. */
  readonly stats: {
    readonly patterns: number;
    readonly states: number;
    readonly quotes: number;
    readonly shingles: number;
  };
}

/**
 * Loads a matcher from compiled tables (plain JSON after a round trip is fine): the integer tables are decoded, no
 * alias is normalised and no automaton or index is built. The quote tables are decoded on the first scan that
 * wants quotes. `options` are scan defaults.
 */
export function loadMatcher(tables: MatcherTables, options: ScanOptions = {}): Matcher {
  checkTables(tables);
  const entities: EntityIndex = loadEntityIndex(decodeEntityTables(tables.entities));
  let quotes: QuoteIndex | null = null;
  return {
    stats: {
      patterns: entities.scanner.patternCount,
      states: entities.scanner.stateCount,
      quotes: tables.quotes.ids.length,
      shingles: tables.quotes.shingleCount,
    },
    scan(text, scanOptions = {}) {
      const opts: ScanOptions = { ...options, ...scanOptions };
      const norm = normalize(text);
      const matches: Match[] = findEntities(entities, norm, opts);
      if (opts.quotes !== false) {
        quotes ??= loadQuoteIndex(decodeQuoteTables(tables.quotes));
        matches.push(...findQuotes(quotes, norm));
      }
      return matches.sort((a, b) => a.start - b.start || b.end - a.end);
    },
  };
}

/**
 * Compiles `pack` (one automaton over every alias, one shingle index over every quote) and loads it:
 * `loadMatcher(compileMatcherTables(pack, options), options)`. `options` are scan defaults and the quote tuning.
 */
export function createMatcher(pack: Pick<PagePack, 'entities' | 'quotes'>, options: MatcherOptions = {}): Matcher {
  return loadMatcher(compileMatcherTables(pack, options), options);
}

/**
 * Entity mentions only, for entities that are not in a pack yet: the pack builder anchors the annotations' aliases
 * in the source article with the same rules the extension uses on pages.
 */
export function findMentions(
  entities: readonly MatchableEntity[],
  text: string,
  options: ScanOptions = {},
): EntityMatch[] {
  return findEntities(loadEntityIndex(compileEntityTables(entities)), normalize(text), options);
}

/** A matcher compiled on first use, so a content script can start without paying for the automaton up front. */
export interface LazyMatcher extends Matcher {
  /** Whether the automaton and quote index exist yet. */
  readonly built: boolean;
  /** Compiles now (the caller picks the moment: its own task, after yielding to the page). */
  build(): void;
}

/** A matcher made by `make` at the first `build()`, `scan()` or `stats` read. */
function lazily(make: () => Matcher): LazyMatcher {
  let made: Matcher | null = null;
  const get = (): Matcher => (made ??= make());
  return {
    get built() {
      return made !== null;
    },
    build() {
      get();
    },
    scan: (text, scanOptions) => get().scan(text, scanOptions),
    get stats() {
      return get().stats;
    },
  };
}

/** Like {@link createMatcher}, but the pack is compiled at the first `build()`, `scan()` or `stats` read. */
export function createLazyMatcher(
  pack: Pick<PagePack, 'entities' | 'quotes'>,
  options: MatcherOptions = {},
): LazyMatcher {
  return lazily(() => createMatcher(pack, options));
}

/**
 * Like {@link loadMatcher}, but the tables are decoded at the first `build()`, `scan()` or `stats` read; `tables`
 * may be a function that makes them then (a page parses a record's tables only when it needs the matcher).
 */
export function loadLazyMatcher(tables: MatcherTables | (() => MatcherTables), options: ScanOptions = {}): LazyMatcher {
  return lazily(() => loadMatcher(typeof tables === 'function' ? tables() : tables, options));
}
