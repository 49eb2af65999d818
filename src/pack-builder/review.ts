/**
 * The builder page's review of a draft, as data: which drafted entities the reader keeps, their edited name, kind,
 * aliases and description, and the speaker chosen for a quote. `reviewedAnnotations` turns draft + review into the
 * annotations the pack builder reads, and `previewPack` builds the pack from them with the same `buildPack` the
 * command line uses, so what the page shows and what it saves are one build. Pure.
 */
import type { EntityKind, Pack } from '../knowledge/schema';
import { aliasKey, AnnotationError, type Annotations, type EntityAnnotation } from './annotations';
import { buildPack, type BuildReport } from './build';

/** A draft as the builder page reviews it. */
export interface ReviewDraft {
  readonly annotations: Annotations;
  /** The article in the builder's format: headline line, then one paragraph per line. */
  readonly articleText: string;
}

/** The reader's decisions about one drafted entity. */
export interface EntityReview {
  readonly keep: boolean;
  readonly name: string;
  readonly kind: EntityKind;
  /** Aliases, one per item (the name is always an alias too). */
  readonly aliases: readonly string[];
  readonly description: string;
}

export interface Review {
  /** By drafted entity id. */
  readonly entities: ReadonlyMap<string, EntityReview>;
  /** Chosen speakers: the start of a quote's text (as `quoteOverrides` names it) → entity id. */
  readonly speakers: ReadonlyMap<string, string>;
}

/** Why a reviewed entity left the pack, for the annotations' `ignore` list. */
export const REJECTED_WHY = 'rejected in review';
const CHOSEN_WHY = 'speaker chosen in review';

/** The review that keeps the draft as it is. */
export function initialReview(draft: ReviewDraft): Review {
  return {
    entities: new Map(
      draft.annotations.entities.map((entity) => [
        entity.id,
        {
          keep: true,
          name: entity.name,
          kind: entity.kind,
          aliases: entity.aliases,
          description: entity.description,
        },
      ]),
    ),
    speakers: new Map(),
  };
}

/** The words that pick a quote in `quoteOverrides`: its first words, enough to be unique in most articles. */
export function quoteKey(text: string): string {
  return text.split(/\s+/).slice(0, 12).join(' ');
}

/** The annotations of the reviewed draft: kept entities as edited, rejected names ignored, chosen speakers. */
export function reviewedAnnotations(draft: ReviewDraft, review: Review): Annotations {
  const base = draft.annotations;
  const kept: EntityAnnotation[] = [];
  const rejected = new Set<string>();
  const ignore = [...base.ignore];
  const ignored = new Set(ignore.map((entry) => aliasKey(entry.name)));
  for (const entity of base.entities) {
    const edit = review.entities.get(entity.id);
    if (edit && !edit.keep) {
      rejected.add(entity.id);
      for (const name of [entity.name, ...entity.aliases, ...(edit.aliases ?? [])]) {
        if (!draft.articleText.includes(name) || ignored.has(aliasKey(name))) continue;
        ignored.add(aliasKey(name));
        ignore.push({ name, why: REJECTED_WHY });
      }
      continue;
    }
    kept.push(edit ? edited(entity, edit) : entity);
  }
  const alive = (id: string) => !rejected.has(id);
  const overrides = base.quoteOverrides.filter(
    (override) => alive(override.speaker) && !review.speakers.has(override.quote),
  );
  for (const [quote, speaker] of review.speakers) {
    if (alive(speaker)) overrides.push({ quote, speaker, why: CHOSEN_WHY });
  }
  return {
    ...base,
    entities: kept.map((entity) => ({
      ...entity,
      confirmedBy: entity.confirmedBy.filter(alive),
      relations: entity.relations.filter((relation) => alive(relation.target)),
    })),
    sharedAliases: base.sharedAliases.filter((shared) => alive(shared.owner)),
    quoteOverrides: overrides,
    ignore,
  };
}

function edited(entity: EntityAnnotation, edit: EntityReview): EntityAnnotation {
  const name = edit.name.trim() || entity.name;
  const aliases = uniqueTexts(edit.aliases.map((alias) => alias.trim()).filter(Boolean));
  const description = edit.description.trim() || entity.description;
  return {
    ...entity,
    name,
    kind: edit.kind,
    aliases: aliases.length > 0 ? aliases : [name],
    // An ambiguous alias the reader removed is no longer one.
    ambiguous: entity.ambiguous.filter((alias) => aliases.some((kept) => aliasKey(kept) === aliasKey(alias))),
    description,
  };
}

function uniqueTexts(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = aliasKey(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type PreviewResult =
  | { readonly ok: true; readonly pack: Pack; readonly report: BuildReport }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Builds the reviewed pack, or lists what stops it (each problem names the entity or quote and the field). */
export function previewPack(draft: ReviewDraft, review: Review, packId: string): PreviewResult {
  try {
    const { pack, report } = buildPack({
      article: draft.articleText,
      annotations: reviewedAnnotations(draft, review),
      files: { article: 'the article', annotations: 'the review' },
      id: packId,
    });
    return { ok: true, pack, report };
  } catch (error) {
    if (error instanceof AnnotationError) return { ok: false, problems: error.problems };
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
}
