/**
 * Drafts a pack's annotations from an article: names found (compromise and the rules of `names.ts`), grouped into
 * entities (`cluster.ts`), linked to the reader's packs (`known.ts`), described from the article (`describe.ts`),
 * then built with the real builder and mended until it builds (`repair.ts`). Saving the draft unedited gives a
 * working pack. Pure.
 */
import compromise from 'compromise';
import type { Entity, Pack } from '../../knowledge/schema';
import type { Annotations, EntityAnnotation } from '../annotations';
import type { BuildReport } from '../build';
import { splitArticle } from '../text';
import { TITLES } from '../../match/context-words';
import type { SourceLanguage } from '../transliteration';
import { articleDate, articleText, datelineOf, dateLabel, kebab, originOf, packIdFor, uniqueId } from './article';
import { clusterNames, type Cluster } from './cluster';
import { describe, roleLine } from './describe';
import { findKnown, indexKnown, linkOf, type KnownEntity } from './known';
import { compromiseNameFinder, stem } from './names';
import { addRelations } from './relations';
import { buildAndRepair } from './repair';
import type { ArticleInput, Confidence, DraftResult, EntityCandidate, NameFinder } from './types';
import { ARABIC_GIVEN_NAMES, NAME_PARTICLES, PERSIAN_GIVEN_NAMES } from './words';

export interface DraftOptions {
  /** The date a draft of an undated article is dated to (default: now). */
  now?: Date;
  /** Finds the names of the article (default: compromise with the drafting rules). */
  findNames?: NameFinder;
}

/** A drafted entity with what the review needs to know about it. */
interface Drafted {
  annotation: EntityAnnotation;
  cluster: Cluster;
  known: KnownEntity | null;
  descriptionFrom: EntityCandidate['descriptionFrom'];
}

/** The language a person's name is romanised from, when its words say so (`al-`, `Abu`, a known given name). */
function romanisedFrom(cluster: Cluster): SourceLanguage | undefined {
  if (cluster.kind !== 'person' || !cluster.name.includes(' ')) return undefined;
  const words = cluster.name.split(/\s+/);
  const stems = words.map(stem);
  const arabic =
    words.some((word) => /^(?:al|el)-/i.test(word) || NAME_PARTICLES.has(word.toLowerCase())) ||
    stems.some((word) => ARABIC_GIVEN_NAMES.has(word));
  if (arabic) return 'arabic';
  return PERSIAN_GIVEN_NAMES.has(stems[0] ?? '') ? 'persian' : undefined;
}

/** Adjectives of a place that the article uses (`Iraqi` for Iraq). */
function demonymsOf(cluster: Cluster, body: string): string[] {
  if (cluster.kind !== 'place' || cluster.name.includes(' ')) return [];
  const name = cluster.name;
  const forms = [`${name}i`, `${name}ian`, `${name}n`, `${name.replace(/a$/, '')}an`, `${name.replace(/e$/, '')}ese`];
  return [...new Set(forms)].filter((form) => form !== name && new RegExp(`\\b${form}\\b`, 'u').test(body));
}

/** Clusters with the known entity each names; two clusters naming the same known entity become one. */
function linkClusters(clusters: readonly Cluster[], context: DraftContext): Array<[Cluster, KnownEntity | null]> {
  const linked: Array<[Cluster, KnownEntity | null]> = [];
  const byId = new Map<string, Cluster>();
  for (const cluster of clusters) {
    const known = findKnown(cluster, context.index);
    const first = known ? byId.get(known.entity.id) : undefined;
    if (first) {
      first.aliases = unique([...first.aliases, ...cluster.aliases]);
      first.ambiguous = unique([...first.ambiguous, ...cluster.ambiguous]);
      first.spans = [...first.spans, ...cluster.spans].sort((a, b) => a.start - b.start);
      continue;
    }
    if (known) byId.set(known.entity.id, cluster);
    linked.push([cluster, known]);
  }
  return linked;
}

function draftEntity(cluster: Cluster, known: KnownEntity | null, context: DraftContext): Drafted {
  const description = describe(cluster, context.body, context.headline, context.dateLabel, context.site);
  const base: EntityAnnotation = {
    id: '',
    kind: cluster.kind,
    name: cluster.name,
    aliases: unique([...cluster.aliases, ...unknownTitles(cluster, context.body)]),
    ambiguous: [...cluster.ambiguous],
    confirmedBy: [],
    notWhen: [],
    demonyms: demonymsOf(cluster, context.body),
    description: description.text,
    role: 'Named in the article.',
    relations: [],
    wikipedia: true,
    vetoVariants: [],
  };
  const language = romanisedFrom(cluster);
  if (language) base.romanisedFrom = language;
  if (known) {
    const { entity } = known;
    base.id = entity.id;
    base.kind = entity.kind;
    base.name = entity.name;
    base.aliases = unique([entity.name, ...knownAliases(entity), ...cluster.aliases]);
    const firmHere = new Set(cluster.aliases.filter((alias) => !cluster.ambiguous.includes(alias)));
    const aliases = new Set(base.aliases);
    base.ambiguous = unique([...entity.ambiguous, ...cluster.ambiguous]).filter(
      (alias) => !firmHere.has(alias) && aliases.has(alias),
    );
    base.notWhen = [...entity.notWhen];
    base.demonyms = unique([...entity.demonyms, ...base.demonyms]);
    delete base.romanisedFrom;
    if (entity.sameAs) base.sameAs = entity.sameAs;
  }
  return { annotation: base, cluster, known, descriptionFrom: description.from };
}

/** A known entity's hand-written spellings (its generated ones are generated again where they apply). */
function knownAliases(entity: Entity): string[] {
  const generated = new Set((entity.generated ?? []).map((g) => g.alias));
  return entity.aliases.filter((alias) => !generated.has(alias));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

interface DraftContext {
  body: string;
  headline: string;
  dateLabel: string;
  site: string;
  index: ReturnType<typeof indexKnown>;
}

/** The name with the title written before it, as the article has it (`Secretary of Defense Mark Esper`). */
function titledForms(cluster: Cluster, body: string): string[] {
  if (cluster.kind !== 'person') return [];
  const forms = cluster.spans
    .filter((span) => span.title && body.slice(span.start - span.title.length - 1, span.start - 1) === span.title)
    .map((span) => body.slice(span.start - (span.title?.length ?? 0) - 1, span.end));
  return unique(forms);
}

/**
 * Titled forms whose title the matcher does not know (`Harbour Master Lucian Brandt`): there it would take the word
 * before the name for another person's given name, so the titled form is an alias of its own.
 */
function unknownTitles(cluster: Cluster, body: string): string[] {
  if (cluster.kind !== 'person') return [];
  return titledForms(cluster, body).filter((form) => {
    const name = cluster.spans.find((span) => form.endsWith(span.text))?.text ?? '';
    const before =
      form
        .slice(0, form.length - name.length)
        .trim()
        .split(/\s+/)
        .at(-1) ?? '';
    return !TITLES.has(before.toLowerCase().replace(/\.$/, ''));
  });
}

/** Gives every drafted entity an id: a linked one keeps its own, a new one never takes a known id. */
function assignIds(drafted: Drafted[], known: readonly Pack[]): void {
  const taken = new Set(known.flatMap((pack) => pack.entities.map((entity) => entity.id)));
  const used = new Set<string>();
  for (const entry of drafted) {
    if (entry.known && !used.has(entry.annotation.id)) {
      used.add(entry.annotation.id);
      continue;
    }
    if (entry.known) {
      entry.known = null;
    }
    entry.annotation.id = uniqueId(kebab(entry.annotation.name, 6), new Set([...taken, ...used]));
    used.add(entry.annotation.id);
  }
}

function confidenceOf(entry: Drafted, mentions: number): { confidence: Confidence; notes: string[] } {
  const notes: string[] = [];
  if (!entry.cluster.sure) notes.push(`kind "${entry.annotation.kind}" is a guess`);
  if (mentions <= 1) notes.push('mentioned once');
  if (entry.descriptionFrom === 'fallback') notes.push('no description in the article');
  const confidence: Confidence = entry.known || notes.length === 0 ? 'high' : notes.length === 1 ? 'medium' : 'low';
  return { confidence, notes };
}

/** The draft, its built pack and the builder's report. */
export interface DraftBuild extends DraftResult {
  pack: Pack;
  report: BuildReport;
}

/** Drafts and builds: the annotations, the article text, the pack built from both, and the review's candidates. */
export function draftAndBuild(
  article: ArticleInput,
  known: readonly Pack[] = [],
  nlp: typeof compromise = compromise,
  options: DraftOptions = {},
): DraftBuild {
  const text = articleText(article);
  const split = splitArticle(text);
  const date = articleDate(article, options.now ?? new Date());
  const label = dateLabel(date);
  const findNames = options.findNames ?? compromiseNameFinder(nlp);
  const context: DraftContext = {
    body: split.text,
    headline: split.title,
    dateLabel: label,
    site: (article.site ?? '').trim(),
    index: indexKnown(known),
  };
  const clusters = clusterNames(split.text, findNames(split.text)).filter((cluster) => cluster.name);
  const drafted = linkClusters(clusters, context).map(([cluster, known]) => draftEntity(cluster, known, context));
  assignIds(drafted, known);
  const annotations: Annotations = {
    id: packIdFor(article, date, known),
    source: { title: split.title, dateline: datelineOf(article), date, dateLabel: label, origin: originOf(article) },
    entities: drafted.map((entry) => entry.annotation),
    sharedAliases: [],
    quoteOverrides: [],
    ignore: [],
  };
  // Relations only for entities drafted here: a linked entity keeps the relations of its own pack.
  addRelations(annotations.entities, new Set(drafted.filter((entry) => !entry.known).map((e) => e.annotation.id)));
  const fallbacks = new Map(drafted.map((entry) => [entry.annotation.id, titledForms(entry.cluster, split.text)]));
  const { pack, report, guessedQuotes, dropped } = buildAndRepair(annotations, text, split.text, fallbacks);
  const candidates: EntityCandidate[] = [];
  for (const entry of drafted) {
    const built = pack.entities.find((entity) => entity.id === entry.annotation.id);
    if (!built) continue;
    const quotes = pack.quotes.filter((quote) => quote.speaker === built.id).length;
    const statements = pack.statements.filter((statement) => statement.speaker === built.id).length;
    entry.annotation.role = roleLine(quotes, statements, built.mentions.length);
    built.role = entry.annotation.role;
    const { confidence, notes } = confidenceOf(entry, built.mentions.length);
    candidates.push({
      id: built.id,
      name: built.name,
      kind: built.kind,
      confidence,
      mentions: built.mentions.length,
      quotes,
      linked: entry.known ? linkOf(entry.known) : null,
      descriptionFrom: entry.descriptionFrom,
      notes,
    });
  }
  return { annotations, articleText: text, candidates, guessedQuotes, dropped, pack, report };
}

/** Drafts the annotations of `article`, linked to the reader's `known` packs; the draft always builds. */
export function draftAnnotations(
  article: ArticleInput,
  known: readonly Pack[] = [],
  nlp: typeof compromise = compromise,
  options: DraftOptions = {},
): DraftResult {
  const {
    annotations,
    articleText: text,
    candidates,
    guessedQuotes,
    dropped,
  } = draftAndBuild(article, known, nlp, options);
  return { annotations, articleText: text, candidates, guessedQuotes, dropped };
}

/** Drafts and builds the pack the builder page saves as it is (`pack.id` unique among `known`). */
export function buildDraftPack(
  article: ArticleInput,
  known: readonly Pack[] = [],
  nlp: typeof compromise = compromise,
  options: DraftOptions = {},
): { pack: Pack; report: BuildReport; draft: DraftResult } {
  const { pack, report, ...draft } = draftAndBuild(article, known, nlp, options);
  return { pack, report, draft };
}
