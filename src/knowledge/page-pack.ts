/**
 * The page pack: the part of a knowledge pack a content script needs before any card opens — what the matcher
 * compiles (aliases and their rules, quote texts) and what the popup's "On this page" list shows (names, speakers).
 * Descriptions, relations, links, mentions, statements and the source article are card data: they ship in the card
 * chunk, which the content script imports on the first hover, click or keyboard request (see `src/content/card/lazy.ts`).
 *
 * The build makes it from `pack.json` (a Vite plugin in `wxt.config.ts` answers `pack.json?page`), so the slice is
 * never a second file to keep in sync. Pure: no DOM, no `browser`.
 */
import type { MatcherTables } from '../match/tables';
import type { Entity, Pack, Quote } from './schema';

/** An entity as the page pack keeps it. */
export type PageEntity = Pick<
  Entity,
  'id' | 'kind' | 'name' | 'aliases' | 'ambiguous' | 'confirmedBy' | 'notWhen' | 'demonyms'
>;
/** A quote as the page pack keeps it. */
export type PageQuote = Pick<Quote, 'id' | 'text' | 'speaker'>;

/** What the content script holds of a pack. A full {@link Pack} is one too. */
export interface PagePack {
  readonly schemaVersion: Pack['schemaVersion'];
  readonly id: string;
  readonly entities: readonly PageEntity[];
  readonly quotes: readonly PageQuote[];
}

/** The page pack of `pack`: the fields the matcher and the page list read, in the pack's order. */
export function toPagePack(pack: Pack): PagePack {
  return {
    schemaVersion: pack.schemaVersion,
    id: pack.id,
    entities: pack.entities.map((entity) => ({
      id: entity.id,
      kind: entity.kind,
      name: entity.name,
      aliases: entity.aliases,
      ambiguous: entity.ambiguous,
      confirmedBy: entity.confirmedBy,
      notWhen: entity.notWhen,
      demonyms: entity.demonyms,
    })),
    quotes: pack.quotes.map((quote) => ({ id: quote.id, text: quote.text, speaker: quote.speaker })),
  };
}

/**
 * What the content script holds of its packs: the names the popup's list and the selection menu show, and the
 * matcher precompiled at build time (`compileMatcherTables`), which the page only decodes (well under 1 ms) instead
 * of normalising every alias and building the automaton and the quote index on every page load.
 */
export interface PageKnowledge {
  readonly names: PageNames;
  readonly tables: MatcherTables;
}

/** The names of a page pack: entities and quotes without what only the matcher reads. */
export interface PageNames {
  readonly schemaVersion: Pack['schemaVersion'];
  readonly id: string;
  readonly entities: readonly Pick<Entity, 'id' | 'kind' | 'name'>[];
  readonly quotes: readonly PageQuote[];
}

/** The names of `pack`, in its order. */
export function toPageNames(pack: PagePack): PageNames {
  return {
    schemaVersion: pack.schemaVersion,
    id: pack.id,
    entities: pack.entities.map((entity) => ({ id: entity.id, kind: entity.kind, name: entity.name })),
    quotes: pack.quotes.map((quote) => ({ id: quote.id, text: quote.text, speaker: quote.speaker })),
  };
}
