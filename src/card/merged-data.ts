/**
 * Card data over several packs: the same lookups as one pack's {@link CardData}, over the merged ids the page
 * knowledge uses (src/packs/merge.ts). An entity known to several packs shows everything they know: each pack's
 * description (newest source first, dated to it), the quotes and statements of every pack with their source and
 * date, related entities from every pack, and why the packs' entities were taken for one. "Read in source" leads to
 * each pack's own article (`<packId>:q-3` for packs other than the first). Pure: no DOM, no `browser`.
 */
import type { Entity, Pack, Quote } from '../knowledge/schema';
import type { QuoteFidelity } from '../match/types';
import { explainMerge, mergePacks, type MergedEntity, type SplitDecision } from '../packs/merge';
import {
  createCardData,
  formatDate,
  MAX_RELATED,
  type CardData,
  type EntityView,
  type QuoteView,
  type RelatedView,
  type SayingView,
} from './model';

/** Most quotes and statements an entity card lists when several packs know the entity. */
export const MAX_MERGED_SAYINGS = 6;

interface PackData {
  readonly pack: Pack;
  readonly data: CardData;
  /** "Title, 27 July 2021". */
  readonly label: string;
  /** Prefix of the pack's reader anchors: '' for the first pack, `<packId>:` for the others. */
  readonly anchorPrefix: string;
}

/** Card data for `packs` (priority order, as the page knowledge was compiled) and the reader's split decisions. */
export function createMergedCardData(packs: readonly Pack[], splits: readonly SplitDecision[] = []): CardData {
  const first = packs[0];
  if (!first) throw new Error('card data needs at least one pack');
  const merged = mergePacks(packs, splits);
  const byPack = new Map<string, PackData>(
    packs.map((pack, index) => [
      pack.id,
      {
        pack,
        data: createCardData(pack),
        label: `${pack.source.title}, ${formatDate(pack.source.date)}`,
        anchorPrefix: index === 0 ? '' : `${pack.id}:`,
      },
    ]),
  );
  const entities = new Map(merged.entities.map((entity) => [entity.id, entity]));
  const quotes = new Map(merged.quotes.map((quote) => [quote.id, quote]));
  const nameOf = (id: string) => entities.get(id)?.name ?? id;
  const titleOf = (packId: string) => byPack.get(packId)?.pack.source.title ?? packId;
  const mapId = (packId: string, id: string) => merged.idOf(packId, id) ?? id;

  /** The members of an entity with their pack, newest source first. */
  const membersOf = (entity: MergedEntity) =>
    entity.members
      .flatMap((member) => {
        const pack = byPack.get(member.packId);
        const view = pack?.data.entityView(member.entityId);
        return pack && view ? [{ pack, view }] : [];
      })
      .sort((a, b) => b.pack.pack.source.date.localeCompare(a.pack.pack.source.date));

  const entityView = (id: string): EntityView | null => {
    const entity = entities.get(id);
    if (!entity) return null;
    const members = membersOf(entity);
    const newest = members[0];
    if (!newest) return null;
    const several = members.length > 1;
    const sayings: SayingView[] = members.flatMap(({ pack, view }) =>
      view.sayings.map((saying) => ({
        ...saying,
        anchor: pack.anchorPrefix + saying.anchor,
        ...(several || packs.length > 1 ? { source: pack.label } : {}),
      })),
    );
    const related: RelatedView[] = [];
    const seen = new Set([id]);
    for (const { pack, view } of members) {
      for (const other of view.related) {
        const otherId = mapId(pack.pack.id, other.id);
        if (seen.has(otherId)) continue;
        seen.add(otherId);
        related.push({ ...other, id: otherId, name: nameOf(otherId) });
      }
    }
    const links = [...new Map(members.flatMap(({ view }) => view.links).map((link) => [link.url, link])).values()];
    return {
      ...newest.view,
      id,
      name: entity.name,
      kind: entity.kind,
      sayings: sayings.slice(0, several ? MAX_MERGED_SAYINGS : sayings.length),
      related: related.slice(0, MAX_RELATED),
      links,
      ...(several
        ? {
            descriptions: members.map(({ pack, view }) => ({ text: view.description, source: pack.label })),
            mergedBecause: entity.mergedBecause.map((note) => explainMerge(note, titleOf)).join(' '),
          }
        : {}),
    };
  };

  const quoteView = (id: string, matched?: string, fidelity?: QuoteFidelity | null): QuoteView | null => {
    const quote = quotes.get(id);
    const pack = quote && byPack.get(quote.packId);
    const view = quote && pack?.data.quoteView(quote.quoteId, matched, fidelity);
    if (!quote || !pack || !view) return null;
    return {
      ...view,
      id,
      speakerId: quote.speaker,
      speakerName: nameOf(quote.speaker),
      venue: view.venue
        ? { id: mapId(pack.pack.id, view.venue.id), name: nameOf(mapId(pack.pack.id, view.venue.id)) }
        : null,
      anchor: pack.anchorPrefix + view.anchor,
    };
  };

  return {
    pack: first,
    entity(id): Entity | undefined {
      const member = entities.get(id)?.members[0];
      return member && byPack.get(member.packId)?.data.entity(member.entityId);
    },
    quote(id): Quote | undefined {
      const quote = quotes.get(id);
      return quote && byPack.get(quote.packId)?.data.quote(quote.quoteId);
    },
    nameOf,
    entityView,
    quoteView,
  };
}
