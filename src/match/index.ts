/**
 * The matching engine: the only code that finds a pack's entities and quotes in text. The content script and the
 * source reader both call {@link createMatcher} once per pack and `scan` per text.
 *
 * Input contract with the page module: `text` is the page's visible text in reading order with block boundaries
 * as `\n`; nothing matches across a `\n`. Output offsets are UTF-16 offsets into that same `text`.
 */
import type { PagePack } from '../knowledge/page-pack';
import { buildEntityIndex, findEntities, type EntityIndex } from './entities';
import { normalize } from './normalize';
import { buildQuoteIndex, findQuotes, type QuoteIndex } from './quotes';
import type { EntityMatch, MatchableEntity, Match, MatcherOptions, ScanOptions } from './types';

export type {
  EntityMatch,
  EntityMatchHow,
  MatchableEntity,
  Match,
  MatcherOptions,
  QuoteMatch,
  QuoteTuning,
  ScanOptions,
} from './types';
export { normalize, toOriginal, type Normalized } from './normalize';

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

/** Compiles `pack` (one automaton over every alias, one shingle index over every quote). `options` are defaults. */
export function createMatcher(pack: Pick<PagePack, 'entities' | 'quotes'>, options: MatcherOptions = {}): Matcher {
  const entities: EntityIndex = buildEntityIndex(pack.entities);
  const quotes: QuoteIndex = buildQuoteIndex(pack.quotes, options.quoteTuning);
  return {
    stats: {
      patterns: entities.automaton.patterns.length,
      states: entities.automaton.stateCount,
      quotes: quotes.quotes.length,
      shingles: quotes.shingles.size,
    },
    scan(text, scanOptions = {}) {
      const opts: ScanOptions = { ...options, ...scanOptions };
      const norm = normalize(text);
      const matches: Match[] = findEntities(entities, norm, opts);
      if (opts.quotes !== false) matches.push(...findQuotes(quotes, norm));
      return matches.sort((a, b) => a.start - b.start || b.end - a.end);
    },
  };
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
  return findEntities(buildEntityIndex(entities), normalize(text), options);
}

/** A matcher compiled on first use, so a content script can start without paying for the automaton up front. */
export interface LazyMatcher extends Matcher {
  /** Whether the automaton and quote index exist yet. */
  readonly built: boolean;
  /** Compiles now (the caller picks the moment: its own task, after yielding to the page). */
  build(): void;
}

/** Like {@link createMatcher}, but the pack is compiled at the first `build()`, `scan()` or `stats` read. */
export function createLazyMatcher(
  pack: Pick<PagePack, 'entities' | 'quotes'>,
  options: MatcherOptions = {},
): LazyMatcher {
  let compiled: Matcher | null = null;
  const get = (): Matcher => (compiled ??= createMatcher(pack, options));
  return {
    get built() {
      return compiled !== null;
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
