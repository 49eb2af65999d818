/**
 * The knowledge pack's schema. The builder validates its output with it and a unit test validates the committed pack
 * (the content script trusts the bundled file rather than paying for a parse on every page); every other module
 * uses the types inferred from it. Pure: no DOM, no `browser`.
 */
import * as v from 'valibot';

/** Kinds of entity a pack can hold (contract: PRODUCT.md). */
export const ENTITY_KINDS = ['person', 'organization', 'place', 'media', 'group', 'event'] as const;
export const EntityKindSchema = v.picklist(ENTITY_KINDS);
export type EntityKind = v.InferOutput<typeof EntityKindSchema>;

/** Relation types an annotation may state between two entities. */
export const RELATION_TYPES = [
  'spokesperson-of',
  'member-of',
  'commander-of',
  'leader-of',
  'located-in',
  'part-of',
  'press-secretary-of',
  'predecessor-of',
  'affiliated-with',
] as const;
export const RelationTypeSchema = v.picklist(RELATION_TYPES);
export type RelationType = v.InferOutput<typeof RelationTypeSchema>;

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: a-z, 0-9 and single hyphens'));
const NonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1));
const Offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const SameAs = v.pipe(v.string(), v.regex(/^[\w:.-]{1,100}$/, 'a sameAs key is 1-100 letters, digits, _ : . -'));

/** A half-open character span `[start, end)` into `source.text`. */
export const SpanSchema = v.strictObject({ start: Offset, end: Offset });
export type Span = v.InferOutput<typeof SpanSchema>;

/** One occurrence of an entity in the source text. */
export const MentionSchema = v.strictObject({
  start: Offset,
  end: Offset,
  /** The alias that matched, as written in the annotations. */
  alias: v.string(),
  sentence: v.string(),
});
export type Mention = v.InferOutput<typeof MentionSchema>;

export const RelationSchema = v.strictObject({
  type: RelationTypeSchema,
  target: Id,
});
export type Relation = v.InferOutput<typeof RelationSchema>;

export const LinkSchema = v.strictObject({
  label: NonEmpty,
  url: v.pipe(v.string(), v.url(), v.startsWith('https://')),
});
export type Link = v.InferOutput<typeof LinkSchema>;

/** A spelling the pack builder generated from a hand-written alias (`src/pack-builder/variants.ts`). */
export const GeneratedAliasSchema = v.strictObject({
  /** The spelling, also in `aliases` (and in `ambiguous` when it is ambiguous). */
  alias: NonEmpty,
  /** The hand-written alias it was made from. */
  from: NonEmpty,
  /** The transliteration rules applied, by id (`dh-z`, `given-mustafa`, `al-sun`…). */
  rules: v.pipe(v.array(NonEmpty), v.minLength(1)),
});
export type GeneratedAlias = v.InferOutput<typeof GeneratedAliasSchema>;

export const EntitySchema = v.strictObject({
  id: Id,
  kind: EntityKindSchema,
  /** Display name. */
  name: NonEmpty,
  /** Every spelling that names this entity, the display name first. Matching is case- and punctuation-aware. */
  aliases: v.pipe(v.array(NonEmpty), v.minLength(1)),
  /**
   * Aliases that are too weak alone (a surname, a short form): they match on a page only when the same page also
   * holds an unambiguous mention of this entity or of one of `confirmedBy`. Always a subset of `aliases`.
   */
  ambiguous: v.array(NonEmpty),
  /** Other entities whose unambiguous mention also confirms this entity's ambiguous aliases. */
  confirmedBy: v.array(Id),
  /** Phrases in which an alias names something else (`Sadr City`, `Hunter Biden`): never a mention of this entity. */
  notWhen: v.array(NonEmpty),
  /**
   * Provenance of the aliases the builder generated (spelling variants), in `aliases` after the hand-written ones.
   * Absent in packs from builders that generate none.
   */
  generated: v.optional(v.array(GeneratedAliasSchema)),
  /** Adjectives and demonyms (`Iraqi`) that refer to this entity; matched only when the reader asks for them. */
  demonyms: v.array(NonEmpty),
  /** One neutral line, dated to the article where a role may have changed. */
  description: NonEmpty,
  /** What this entity does in the source article. */
  role: NonEmpty,
  relations: v.array(RelationSchema),
  /** Entities mentioned in the same paragraphs, most shared paragraphs first. */
  related: v.array(Id),
  links: v.array(LinkSchema),
  mentions: v.array(MentionSchema),
  /**
   * A key naming the same entity in every pack that declares it (a Wikidata id such as `Q6279` is welcome): entities
   * of different packs with the same `sameAs` merge into one (see src/packs/merge.ts).
   */
  sameAs: v.optional(SameAs),
});
export type Entity = v.InferOutput<typeof EntitySchema>;

export const QuoteSchema = v.strictObject({
  id: Id,
  /** The quoted words, without the quotation marks. */
  text: NonEmpty,
  /** Entity id of the speaker. */
  speaker: Id,
  /** The reporting verb as written (`said`, `told`, `wrote`), or `` when the paragraph continues a speaker. */
  verb: v.string(),
  /** Entity id of the outlet or medium the words were said to (`told Al-Mayadeen`), if the article names one. */
  venue: v.nullable(Id),
  /** How the speaker was identified, for review: `named`, `pronoun`, `continuation`, `override`… */
  attribution: v.picklist(['named', 'pronoun', 'description', 'same-sentence', 'continuation', 'override']),
  /** Offsets of the quoted words in `source.text`. */
  start: Offset,
  end: Offset,
  sentence: v.string(),
  paragraph: v.string(),
});
export type Quote = v.InferOutput<typeof QuoteSchema>;

/** Reported speech or a claim, always attributed: the card never presents these as facts. */
export const StatementSchema = v.strictObject({
  id: Id,
  /** Entity id of the source of the claim, or null when the article names none (`analysts said`). */
  speaker: v.nullable(Id),
  /** Who made the claim, as the article puts it (`analysts`, `the statement`). */
  speakerLabel: NonEmpty,
  verb: NonEmpty,
  /** The sentence that reports the claim. */
  text: NonEmpty,
  start: Offset,
  end: Offset,
  sentence: v.string(),
  paragraph: v.string(),
  /** Direct quotes inside the sentence, by id. */
  quotes: v.array(Id),
});
export type Statement = v.InferOutput<typeof StatementSchema>;

export const SentenceSchema = v.strictObject({ id: v.string(), paragraph: v.string(), start: Offset, end: Offset });
export type Sentence = v.InferOutput<typeof SentenceSchema>;
export const ParagraphSchema = v.strictObject({ id: v.string(), start: Offset, end: Offset });
export type Paragraph = v.InferOutput<typeof ParagraphSchema>;

export const SourceSchema = v.strictObject({
  title: NonEmpty,
  /** Place and credit line that opens the article, e.g. `BAGHDAD (Dispatches)`. */
  dateline: NonEmpty,
  /** ISO date (YYYY-MM-DD) the article reports on. */
  date: v.pipe(v.string(), v.isoDate()),
  /** Human form of the date used in cards ("July 2021"). */
  dateLabel: NonEmpty,
  /** Where the text came from. */
  origin: NonEmpty,
  /** The article body, paragraphs separated by a single `\n`. All offsets in the pack index this string. */
  text: NonEmpty,
  paragraphs: v.array(ParagraphSchema),
  sentences: v.array(SentenceSchema),
});
export type Source = v.InferOutput<typeof SourceSchema>;

export const PackSchema = v.strictObject({
  /** Bumped when the pack's shape changes. */
  schemaVersion: v.literal(1),
  id: Id,
  source: SourceSchema,
  entities: v.array(EntitySchema),
  quotes: v.array(QuoteSchema),
  statements: v.array(StatementSchema),
});
export type Pack = v.InferOutput<typeof PackSchema>;

/** Parses unknown data as a pack; throws a readable error listing every issue with its path. */
export function parsePack(data: unknown, origin = 'pack'): Pack {
  const result = v.safeParse(PackSchema, data);
  if (result.success) return result.output;
  const lines = result.issues.map((issue) => `  ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
  throw new Error(`${origin} is not a valid knowledge pack:\n${lines.join('\n')}`);
}
