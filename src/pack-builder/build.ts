/**
 * Builds the knowledge pack from the source article and the curated annotations. Pure and deterministic: the same
 * inputs give the same pack, byte for byte once serialised with {@link serializePack}.
 */
import { parsePack, type Entity, type Pack, type Quote, type Statement } from '../knowledge/schema';
import { anchorAliases, type Anchor } from './anchor';
import { aliasKey, AnnotationError, parseAnnotations, type Annotations, type EntityAnnotation } from './annotations';
import { attribute } from './attribution';
import { findUncoveredNames } from './coverage';
import { generatedAliases, type EntityVariants } from './generated-aliases';
import { splitArticle } from './text';
import { variantsReport } from './variants-report';

/** How many related entities an entity lists, most shared paragraphs first. */
const MAX_RELATED = 8;

export interface BuildInput {
  /** The source article as read from disk. */
  article: string;
  /** The parsed (not yet validated) annotation file. */
  annotations: unknown;
  /** File names for error messages. */
  files: { article: string; annotations: string };
  /** Pack id. */
  id?: string;
}

export interface BuildReport {
  entities: number;
  mentions: number;
  quotes: number;
  statements: number;
  overrides: number;
  ignored: Array<{ name: string; why: string }>;
  /** Spellings generated from the transliteration table, over all entities. */
  generated: number;
  /** The review report of the generated spellings (`docs/variants.md`). */
  variants: string;
}

/** Builds and validates the pack, or throws an {@link AnnotationError} naming file, entity or quote, and field. */
export function buildPack(input: BuildInput): { pack: Pack; report: BuildReport } {
  const { files } = input;
  const annotations = parseAnnotations(input.annotations, files.annotations);
  const article = splitArticle(input.article);
  const problems: string[] = [];

  if (aliasKey(article.title) !== aliasKey(annotations.source.title)) {
    problems.push(
      `source.title: "${annotations.source.title}" differs from the headline in ${files.article}: "${article.title}"`,
    );
  }

  const { variants, problems: variantProblems } = generatedAliases(
    withTieBreaks(annotations),
    (id) => `entities[id=${id}]`,
  );
  problems.push(...variantProblems);
  const entities = withTieBreaks(annotations).map((entity, i) => withVariants(entity, variants[i]));
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const anchors = anchorAliases(article.text, entities);
  const aliasAnchors = anchors.filter((anchor) => anchor.type === 'alias');

  for (const entity of entities) {
    if (!aliasAnchors.some((anchor) => anchor.entity === entity.id)) {
      problems.push(`entities[id=${entity.id}].aliases: none of its aliases occurs in ${files.article}`);
    }
  }

  const { quotes, statements, unattributed } = attribute({
    text: article.text,
    paragraphs: article.paragraphs,
    sentences: article.sentences,
    anchors: aliasAnchors,
    kindOf: (id) => byId.get(id)?.kind,
    nameOf: (id) => byId.get(id)?.name ?? id,
  });

  const overridden = applyOverrides(annotations, quotes, statements, problems);
  for (const quote of unattributed) {
    if (overridden.has(quote.start)) continue;
    problems.push(
      `${files.article} ${quote.paragraph}: no speaker found for the quote “${quote.text.slice(0, 60)}…”; ` +
        `add it to quoteOverrides in ${files.annotations}`,
    );
  }

  const ignored = annotations.ignore;
  ignored.forEach((entry) => {
    if (!article.text.includes(entry.name)) {
      problems.push(`ignore[name="${entry.name}"]: does not occur in ${files.article}; remove it`);
    }
  });
  const uncovered = findUncoveredNames(
    article.text,
    anchors,
    ignored.map((entry) => entry.name),
  );
  for (const name of uncovered) {
    problems.push(
      `coverage: "${name.name}" (offset ${name.start}) is a proper name in ${files.article} that is neither an ` +
        `entity alias nor under ignore in ${files.annotations}`,
    );
  }
  if (problems.length) throw new AnnotationError(files.annotations, problems);

  const sentenceAt = (offset: number) =>
    article.sentences.find((sentence) => sentence.start <= offset && offset < sentence.end)?.id ?? '';
  const packEntities: Entity[] = entities.map((entity) => ({
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    aliases: unique([entity.name, ...entity.aliases]),
    ambiguous: entity.ambiguous,
    confirmedBy: entity.confirmedBy,
    notWhen: entity.notWhen,
    ...(entity.generated.length > 0 ? { generated: entity.generated.map((g) => ({ ...g, rules: [...g.rules] })) } : {}),
    demonyms: entity.demonyms,
    description: entity.description,
    role: entity.role,
    relations: entity.relations,
    related: relatedEntities(entity.id, aliasAnchors, article.paragraphs),
    links: entity.wikipedia
      ? [{ label: 'Wikipedia', url: `https://en.wikipedia.org/w/index.php?search=${encodeURIComponent(entity.name)}` }]
      : [],
    mentions: aliasAnchors
      .filter((anchor) => anchor.entity === entity.id)
      .map((anchor) => ({
        start: anchor.start,
        end: anchor.end,
        alias: anchor.alias,
        sentence: sentenceAt(anchor.start),
      })),
    ...(entity.sameAs === undefined ? {} : { sameAs: entity.sameAs }),
  }));

  const pack = parsePack(
    {
      schemaVersion: 1,
      id: input.id ?? annotations.id ?? 'iraq-july-2021',
      source: {
        title: annotations.source.title,
        dateline: annotations.source.dateline,
        date: annotations.source.date,
        dateLabel: annotations.source.dateLabel,
        origin: annotations.source.origin,
        text: article.text,
        paragraphs: article.paragraphs,
        sentences: article.sentences,
      },
      entities: packEntities,
      quotes,
      statements,
    },
    'the built pack',
  );
  return {
    pack,
    report: {
      entities: pack.entities.length,
      mentions: pack.entities.reduce((sum, entity) => sum + entity.mentions.length, 0),
      quotes: pack.quotes.length,
      statements: pack.statements.length,
      overrides: overridden.size,
      ignored,
      generated: variants.reduce((n, v) => n + v.generated.length, 0),
      variants: variantsReport(variants, new Map(entities.map((e) => [e.id, e.name])), files.annotations),
    },
  };
}

/** An annotated entity with its generated spellings added to its aliases (and the ambiguous ones to `ambiguous`). */
function withVariants(entity: EntityAnnotation, variants: EntityVariants | undefined) {
  const generated = variants?.generated ?? [];
  return {
    ...entity,
    aliases: [...entity.aliases, ...generated.map((g) => g.alias)],
    ambiguous: [...entity.ambiguous, ...(variants?.ambiguous ?? [])],
    generated,
  };
}

/** Serialises a pack canonically: two-space JSON, keys in schema order, a final newline. */
export function serializePack(pack: Pack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

/** Drops a shared alias from every entity but its named owner. */
function withTieBreaks(annotations: Annotations): EntityAnnotation[] {
  const owners = new Map(annotations.sharedAliases.map((shared) => [aliasKey(shared.alias), shared.owner]));
  return annotations.entities.map((entity) => {
    const keep = (alias: string) => (owners.get(aliasKey(alias)) ?? entity.id) === entity.id;
    return { ...entity, aliases: entity.aliases.filter(keep), ambiguous: entity.ambiguous.filter(keep) };
  });
}

/** Applies quote overrides; returns the start offsets of the quotes they changed. */
function applyOverrides(annotations: Annotations, quotes: Quote[], statements: Statement[], problems: string[]) {
  const overridden = new Set<number>();
  for (const override of annotations.quoteOverrides) {
    const wanted = aliasKey(override.quote);
    const hits = quotes.filter((quote) => aliasKey(quote.text).startsWith(wanted));
    const where = `quoteOverrides[quote="${override.quote}"].quote`;
    if (hits.length === 0) {
      problems.push(`${where}: matches no quote in the article`);
      continue;
    }
    // The same words quoted twice cannot be told apart by quoting more of them: the override names them all.
    const words = (text: string) => aliasKey(text).replace(/[^\p{L}\p{N} ]/gu, '');
    const sameWords = hits.every((hit) => words(hit.text) === words(hits[0]?.text ?? ''));
    if (hits.length > 1 && !sameWords) {
      problems.push(`${where}: matches ${hits.length} quotes; quote more words`);
      continue;
    }
    for (const quote of hits) {
      quote.speaker = override.speaker;
      quote.attribution = 'override';
      overridden.add(quote.start);
      for (const statement of statements) {
        if (statement.quotes.includes(quote.id)) statement.speaker = override.speaker;
      }
    }
  }
  return overridden;
}

/** Entities that share paragraphs with `id`, most shared first, then by first mention. */
function relatedEntities(id: string, anchors: readonly Anchor[], paragraphs: Pack['source']['paragraphs']): string[] {
  const paragraphOf = (offset: number) => paragraphs.findIndex((p) => p.start <= offset && offset < p.end);
  const own = new Set(anchors.filter((anchor) => anchor.entity === id).map((anchor) => paragraphOf(anchor.start)));
  const shared = new Map<string, { count: Set<number>; first: number }>();
  for (const anchor of anchors) {
    if (anchor.entity === id) continue;
    const paragraph = paragraphOf(anchor.start);
    if (!own.has(paragraph)) continue;
    const entry = shared.get(anchor.entity) ?? { count: new Set<number>(), first: anchor.start };
    entry.count.add(paragraph);
    shared.set(anchor.entity, entry);
  }
  return [...shared.entries()]
    .sort(([, a], [, b]) => b.count.size - a.count.size || a.first - b.first)
    .slice(0, MAX_RELATED)
    .map(([entity]) => entity);
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    // Case stays significant: `al-Mayadeen` and `Al-Mayadeen` obey different case rules.
    const key = value.replace(/[’‘]/g, "'");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
