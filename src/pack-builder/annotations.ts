/**
 * The curated annotation file (data/annotations.yaml): its schema and the checks that make a malformed file fail
 * the build with a message naming the file, the entity or quote, and the field. Pure.
 */
import * as v from 'valibot';
import { EntityKindSchema, RelationTypeSchema } from '../knowledge/schema';
import { SOURCE_LANGUAGES } from './transliteration';

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)'));
const Text = v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'));
const TextList = v.optional(v.array(Text), []);

const EntityAnnotationSchema = v.strictObject({
  id: Id,
  kind: EntityKindSchema,
  name: Text,
  aliases: v.pipe(v.array(Text), v.minLength(1, 'needs at least one alias')),
  ambiguous: TextList,
  confirmedBy: v.optional(v.array(Id), []),
  notWhen: TextList,
  demonyms: TextList,
  description: Text,
  role: Text,
  relations: v.optional(v.array(v.strictObject({ type: RelationTypeSchema, target: Id })), []),
  wikipedia: v.optional(v.boolean(), true),
  /** The language its names are romanised from: the builder generates their other spellings (`variants.ts`). */
  romanisedFrom: v.optional(v.picklist(SOURCE_LANGUAGES, `must be one of ${SOURCE_LANGUAGES.join(', ')}`)),
  /** Generated spellings a person rejected, each with the reason (see docs/variants.md). */
  vetoVariants: v.optional(v.array(v.strictObject({ variant: Text, why: Text })), []),
  /** A key naming the same entity in other packs (a Wikidata id such as `Q6279`): such entities merge. */
  sameAs: v.optional(v.pipe(v.string(), v.regex(/^[\w:.-]{1,100}$/, 'must be 1-100 letters, digits, _ : . -'))),
});
export type EntityAnnotation = v.InferOutput<typeof EntityAnnotationSchema>;

const QuoteOverrideSchema = v.strictObject({
  /** The start of the quoted words, enough to pick one quote. */
  quote: Text,
  speaker: Id,
  why: Text,
});
export type QuoteOverride = v.InferOutput<typeof QuoteOverrideSchema>;

const AnnotationsSchema = v.strictObject({
  /** The pack's id, unique among the packs a reader holds (the bundled pack's is `iraq-july-2021`). */
  id: v.optional(Id),
  source: v.strictObject({
    title: Text,
    dateline: Text,
    date: v.pipe(v.string(), v.isoDate('must be an ISO date (YYYY-MM-DD)')),
    dateLabel: Text,
    origin: Text,
  }),
  entities: v.pipe(v.array(EntityAnnotationSchema), v.minLength(1, 'needs at least one entity')),
  /** An alias two entities share is allowed only with an owner named here. */
  sharedAliases: v.optional(v.array(v.strictObject({ alias: Text, owner: Id, why: Text })), []),
  quoteOverrides: v.optional(v.array(QuoteOverrideSchema), []),
  ignore: v.optional(v.array(v.strictObject({ name: Text, why: Text })), []),
});
export type Annotations = v.InferOutput<typeof AnnotationsSchema>;

/** A build error that names where the problem is. */
export class AnnotationError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid annotations\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AnnotationError';
  }
}

/** Describes a schema issue's path with entity ids instead of bare indexes where it can. */
function describePath(issue: v.BaseIssue<unknown>, data: unknown): string {
  const parts: string[] = [];
  let node: unknown = data;
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    const next = (node as Record<string | number, unknown> | undefined)?.[key];
    if (typeof key === 'number') {
      const id = (next as { id?: unknown; quote?: unknown } | undefined)?.id;
      const quote = (next as { quote?: unknown } | undefined)?.quote;
      if (typeof id === 'string') parts.push(`[id=${id}]`);
      else if (typeof quote === 'string') parts.push(`[quote="${quote}"]`);
      else parts.push(`[${key}]`);
    } else {
      parts.push(parts.length ? `.${key}` : key);
    }
    node = next;
  }
  return parts.join('') || '(root)';
}

/** Validates parsed YAML/JSON and checks cross-references. Throws {@link AnnotationError} listing every problem. */
export function parseAnnotations(data: unknown, file: string): Annotations {
  const result = v.safeParse(AnnotationsSchema, data);
  if (!result.success) {
    throw new AnnotationError(
      file,
      result.issues.map((issue) => `${describePath(issue, data)}: ${issue.message}`),
    );
  }
  const annotations = result.output;
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const entity of annotations.entities) {
    if (ids.has(entity.id)) problems.push(`entities[id=${entity.id}].id: duplicate id "${entity.id}"`);
    ids.add(entity.id);
  }

  const owners = new Map(annotations.sharedAliases.map((shared) => [aliasKey(shared.alias), shared]));
  const aliasHolders = new Map<string, string[]>();
  for (const entity of annotations.entities) {
    const where = `entities[id=${entity.id}]`;
    const aliases = new Set(entity.aliases.map(aliasKey));
    for (const alias of new Set(entity.aliases.map(aliasKey))) {
      aliasHolders.set(alias, [...(aliasHolders.get(alias) ?? []), entity.id]);
    }
    for (const alias of entity.ambiguous) {
      if (!aliases.has(aliasKey(alias))) problems.push(`${where}.ambiguous: "${alias}" is not one of its aliases`);
    }
    for (const target of entity.confirmedBy) {
      if (!ids.has(target)) problems.push(`${where}.confirmedBy: no entity has id "${target}"`);
      if (target === entity.id) problems.push(`${where}.confirmedBy: an entity cannot confirm itself`);
    }
    entity.relations.forEach((relation, index) => {
      if (!ids.has(relation.target)) {
        problems.push(`${where}.relations[${index}].target: no entity has id "${relation.target}"`);
      }
    });
  }
  for (const [alias, holders] of aliasHolders) {
    if (holders.length < 2) continue;
    const shared = owners.get(alias);
    if (!shared) {
      problems.push(
        `entities[id=${holders.join('], entities[id=')}].aliases: alias "${alias}" is on ${holders.length} entities; ` +
          'name its owner under sharedAliases',
      );
    } else if (!holders.includes(shared.owner)) {
      problems.push(`sharedAliases[alias="${shared.alias}"].owner: "${shared.owner}" does not have this alias`);
    }
  }
  annotations.sharedAliases.forEach((shared) => {
    if (!ids.has(shared.owner))
      problems.push(`sharedAliases[alias="${shared.alias}"].owner: no entity has id "${shared.owner}"`);
  });
  annotations.quoteOverrides.forEach((override) => {
    if (!ids.has(override.speaker)) {
      problems.push(`quoteOverrides[quote="${override.quote}"].speaker: no entity has id "${override.speaker}"`);
    }
  });
  if (problems.length) throw new AnnotationError(file, problems);
  return annotations;
}

/** Aliases compare by their words, ignoring apostrophe style and letter case. */
export function aliasKey(alias: string): string {
  return alias
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
