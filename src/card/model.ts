/**
 * What a card shows, computed from the pack alone: pure data, no DOM. The render functions turn these views into
 * nodes; the card and the source reader share them. Quotes are always attributed to their speaker, and reported
 * speech (statements) is shown as what someone said, never as a fact.
 */
import { KIND_LABEL } from '../shared/vocabulary';
import type { Entity, EntityKind, Pack, Quote, RelationType } from '../knowledge/schema';
import type { QuoteFidelity } from '../match/types';
import { fidelityFacts, fidelityView, type FidelityView } from './fidelity';
import { MONTHS } from '../shared/text';

/** Most quotes and statements an entity card lists. */
export const MAX_SAYINGS = 3;
/** Most related entities an entity card offers. */
export const MAX_RELATED = 6;

/** How a relation reads after the entity's name ("Nasr al-Shammari, spokesperson of al-Nujaba"). */
const RELATION_LABEL: Readonly<Record<RelationType, string>> = {
  'spokesperson-of': 'Spokesperson of',
  'member-of': 'Member of',
  'commander-of': 'Commander of',
  'leader-of': 'Leader of',
  'located-in': 'Located in',
  'part-of': 'Part of',
  'press-secretary-of': 'Press secretary of',
  'predecessor-of': 'Predecessor of',
  'affiliated-with': 'Affiliated with',
};

/** A quote or an attributed statement as an entity card lists it. */
export interface SayingView {
  readonly kind: 'quote' | 'statement';
  /** The quoted words, or the sentence that reports the claim. */
  readonly text: string;
  /** Who said it and how: "Nasr al-Shammari told Al-Mayadeen", "Reported by the article: Shammari said". */
  readonly attribution: string;
  /** Where "Read in source" goes: `q-3` or `s-12` (`<packId>:q-3` for an imported pack's article). */
  readonly anchor: string;
  /** The article it comes from and its date, when the card gathers several packs ("UN Envoy…, 8 September 2021"). */
  readonly source?: string;
}

/** An entity another entity's card links to. */
export interface RelatedView {
  readonly id: string;
  readonly name: string;
  /** The stated relation ("Leader of"), or null for entities that only share paragraphs. */
  readonly relation: string | null;
}

/** Everything an entity card shows. */
export interface EntityView {
  readonly type: 'entity';
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  readonly kindLabel: string;
  readonly description: string;
  readonly role: string;
  readonly sayings: readonly SayingView[];
  readonly related: readonly RelatedView[];
  /** Reference links from the pack (https only). */
  readonly links: readonly { readonly label: string; readonly url: string }[];
  readonly source: SourceView;
  /** When several packs know the entity: each pack's description, newest source first, dated to its source. */
  readonly descriptions?: readonly { readonly text: string; readonly source: string }[];
  /** When several packs know the entity: why their entities were taken for one. */
  readonly mergedBecause?: string;
}

/** Everything a quote card shows. */
export interface QuoteView {
  readonly type: 'quote';
  readonly id: string;
  readonly text: string;
  /** The part of `text` the page quoted, `[start, end)`; the whole text when unknown. */
  readonly emphasis: { readonly start: number; readonly end: number };
  /** How the page's version compares with the source (verbatim, shortened, words changed, elided); null: unknown. */
  readonly fidelity: FidelityView | null;
  readonly speakerId: string;
  readonly speakerName: string;
  /** "told Al-Mayadeen", "said". */
  readonly attribution: string;
  /** The venue's entity id and name, when the article names one. */
  readonly venue: { readonly id: string; readonly name: string } | null;
  /** The source sentence that holds the quote. */
  readonly sentence: string;
  readonly anchor: string;
  readonly source: SourceView;
}

/** The source article, for the footer. */
export interface SourceView {
  readonly title: string;
  readonly dateline: string;
  /** "27 July 2021". */
  readonly date: string;
}

export type CardView = EntityView | QuoteView;

/** The reader's element id of a pack sentence id: `s12` → `s-12` (ids already in that form are kept). */
export function sentenceAnchor(sentenceId: string): string {
  return /^s\d+$/.test(sentenceId) ? `s-${sentenceId.slice(1)}` : sentenceId;
}

/** `2021-07-27` → `27 July 2021`, without the locale machinery (the card's language is English). */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const name = MONTHS[(month ?? 0) - 1];
  if (!year || !name || !day) return iso;
  return `${day} ${name} ${year}`;
}

/** Word characters for the quote alignment: letters and digits in any script, apostrophes folded. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

interface Word {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

function words(text: string): Word[] {
  const found: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    found.push({
      key: m[0].toLowerCase().replace(/’/g, "'"),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return found;
}

/**
 * The span of `quote` that a page's `matched` text covers, for emphasis. The page may change a word, drop one or
 * abbreviate with an ellipsis, so the run is aligned by its first and last words that occur in the quote; null when
 * nothing lines up. Pure.
 */
export function matchedSpan(quote: string, matched: string): { start: number; end: number } | null {
  const quoteWords = words(quote);
  const pageWords = words(matched);
  if (quoteWords.length === 0 || pageWords.length === 0) return null;
  // The start: the occurrence of one of the first page words whose following words agree best.
  let from = -1;
  let head = 0;
  let bestScore = 0;
  for (let h = 0; h < Math.min(3, pageWords.length); h++) {
    for (let i = 0; i < quoteWords.length; i++) {
      if (quoteWords[i]?.key !== pageWords[h]?.key) continue;
      let score = 0;
      for (let j = 0; j < 8 && h + j < pageWords.length; j++)
        if (quoteWords[i + j]?.key === pageWords[h + j]?.key) score++;
      if (score > bestScore) [from, head, bestScore] = [i, h, score];
    }
  }
  if (from < 0) return null;
  // The end: the last page word found in the quote, closest to where the run should end (edits shift it a little).
  for (let tail = pageWords.length - 1; tail >= head; tail--) {
    const expected = from + (tail - head);
    let best = -1;
    for (let i = from; i < quoteWords.length; i++) {
      if (quoteWords[i]?.key !== pageWords[tail]?.key) continue;
      if (best < 0 || Math.abs(i - expected) < Math.abs(best - expected)) best = i;
    }
    const start = quoteWords[from];
    const end = quoteWords[best];
    if (best >= 0 && start && end) return { start: start.start, end: end.end };
  }
  return null;
}

/** Looks up card views in a pack. Build once per pack; every lookup is a map read. */
export interface CardData {
  readonly pack: Pack;
  entity(id: string): Entity | undefined;
  quote(id: string): Quote | undefined;
  /** The entity card's view, or null for an unknown id. */
  entityView(id: string): EntityView | null;
  /**
   * The quote card's view; `matched` is the page's text of the mark, to emphasise, and `fidelity` the matcher's
   * comparison of that text with the quote (the emphasis then follows it). Null for an unknown id.
   */
  quoteView(id: string, matched?: string, fidelity?: QuoteFidelity | null): QuoteView | null;
  /** The name of an entity, or the id itself when unknown. */
  nameOf(id: string): string;
}

/** Indexes a pack for cards. Pure. */
export function createCardData(pack: Pack): CardData {
  const entities = new Map(pack.entities.map((entity) => [entity.id, entity]));
  const quotes = new Map(pack.quotes.map((quote) => [quote.id, quote]));
  const quotesBy = group(pack.quotes, (quote) => quote.speaker);
  const statementsBy = group(pack.statements, (statement) => statement.speaker);
  const source: SourceView = {
    title: pack.source.title,
    dateline: pack.source.dateline,
    date: formatDate(pack.source.date),
  };
  const nameOf = (id: string) => entities.get(id)?.name ?? id;

  const quoteAttribution = (quote: Quote, withSpeaker: boolean): string => {
    const verb = quote.verb || 'said';
    const who = withSpeaker ? `${nameOf(quote.speaker)} ` : '';
    if (!quote.venue) return `${who}${verb}`;
    const venue = nameOf(quote.venue);
    return verb === 'told' ? `${who}told ${venue}` : `${who}${verb}, to ${venue}`;
  };

  const sentenceText = (sentenceId: string): string => {
    const sentence = pack.source.sentences.find((candidate) => candidate.id === sentenceId);
    return sentence ? pack.source.text.slice(sentence.start, sentence.end) : '';
  };

  const sayings = (entity: Entity): SayingView[] => {
    const own: SayingView[] = (quotesBy.get(entity.id) ?? []).map((quote) => ({
      kind: 'quote',
      text: quote.text,
      attribution: quoteAttribution(quote, true),
      anchor: quote.id,
    }));
    // Both kinds show when both exist: quotes first, at least one slot kept for reported speech.
    const statements = statementsBy.get(entity.id) ?? [];
    const quoteSlots = statements.length ? Math.max(MAX_SAYINGS - 1, 1) : MAX_SAYINGS;
    const out = own.slice(0, quoteSlots);
    // A statement built around one of the listed quotes adds nothing.
    const listed = new Set(out.map((saying) => saying.anchor));
    for (const statement of statements) {
      if (out.length >= MAX_SAYINGS) break;
      if (statement.quotes.some((id) => listed.has(id))) continue;
      out.push({
        kind: 'statement',
        text: statement.text,
        attribution: `Reported in the article: ${statement.speakerLabel} ${statement.verb}`,
        anchor: sentenceAnchor(statement.sentence),
      });
    }
    for (const quote of own.slice(quoteSlots)) if (out.length < MAX_SAYINGS) out.push(quote);
    return out;
  };

  const related = (entity: Entity): RelatedView[] => {
    const out: RelatedView[] = [];
    const seen = new Set<string>([entity.id]);
    for (const relation of entity.relations) {
      if (seen.has(relation.target) || !entities.has(relation.target)) continue;
      seen.add(relation.target);
      out.push({ id: relation.target, name: nameOf(relation.target), relation: RELATION_LABEL[relation.type] });
    }
    for (const id of entity.related) {
      if (seen.has(id) || !entities.has(id)) continue;
      seen.add(id);
      out.push({ id, name: nameOf(id), relation: null });
    }
    return out.slice(0, MAX_RELATED);
  };

  return {
    pack,
    entity: (id) => entities.get(id),
    quote: (id) => quotes.get(id),
    nameOf,
    entityView(id) {
      const entity = entities.get(id);
      if (!entity) return null;
      return {
        type: 'entity',
        id: entity.id,
        name: entity.name,
        kind: entity.kind,
        kindLabel: KIND_LABEL[entity.kind],
        description: entity.description,
        role: entity.role,
        sayings: sayings(entity),
        related: related(entity),
        links: entity.links.filter((link) => link.url.startsWith('https://')),
        source,
      };
    },
    quoteView(id, matched, fidelity) {
      const quote = quotes.get(id);
      if (!quote) return null;
      const whole = { start: 0, end: quote.text.length };
      const part = fidelity?.shortened;
      const emphasis = fidelity
        ? part && part.sourceEnd <= quote.text.length
          ? { start: part.sourceStart, end: part.sourceEnd }
          : whole
        : (matched && matchedSpan(quote.text, matched)) || whole;
      return {
        type: 'quote',
        id: quote.id,
        text: quote.text,
        emphasis,
        fidelity: fidelity ? fidelityView(fidelityFacts(fidelity, quote.text)) : null,
        speakerId: quote.speaker,
        speakerName: nameOf(quote.speaker),
        attribution: quoteAttribution(quote, false),
        venue: quote.venue ? { id: quote.venue, name: nameOf(quote.venue) } : null,
        sentence: sentenceText(quote.sentence),
        anchor: quote.id,
        source,
      };
    },
  };
}

function group<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
