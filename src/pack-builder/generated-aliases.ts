/**
 * Generated aliases: the spelling variants of every entity whose names are romanised (`romanisedFrom` in the
 * annotations), with their provenance, minus the spellings a person vetoed (`vetoVariants`), checked for
 * collisions. Pure; the pack builder calls it before anchoring, so the source article is read with the same aliases
 * as pages are.
 *
 * Safety rules are those of hand-written aliases: a generated spelling that is a single name (`Kazemi`, `al-Kadimi`)
 * is ambiguous (it marks a page only beside an unambiguous mention of the entity), and so is any spelling made from
 * an ambiguous alias. The build fails on a generated spelling that equals another entity's alias, a `notWhen`
 * phrase, a spelling generated for another entity, or a common English word, until it is vetoed with a reason; and
 * on a veto that no longer matches a generated spelling.
 */
import { normalize } from '../match/normalize';
import { isEnglishInName, isEnglishWord } from './english-words';
import type { SourceLanguage } from './transliteration';
import { generateVariants, type GeneratedVariant } from './variants';

/** What the generator reads of an annotated entity. */
export interface VariantSubject {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly ambiguous: readonly string[];
  readonly notWhen: readonly string[];
  readonly romanisedFrom?: SourceLanguage | undefined;
  readonly vetoVariants: readonly { readonly variant: string; readonly why: string }[];
}

/** A vetoed spelling, for the review report. */
export interface VetoedVariant extends GeneratedVariant {
  readonly why: string;
}

/** The generated aliases of one entity. */
export interface EntityVariants {
  readonly id: string;
  readonly language: SourceLanguage | null;
  /** Kept spellings, in generation order (fewer rules first). */
  readonly generated: readonly GeneratedVariant[];
  /** The kept spellings that are ambiguous. */
  readonly ambiguous: readonly string[];
  readonly vetoed: readonly VetoedVariant[];
}

/** How spellings compare: as the matcher compares them (case, diacritics, apostrophes, `al-` / `al ` aside). */
export function spellingKey(alias: string): string {
  return normalize(alias).folded.trim().replaceAll("'", '');
}

const ARTICLE = /^(?:al|el|a[a-z]{1,2})-/u;

/** Whether a spelling is a single name, with or without its article (`Kazemi`, `as-Sadr`). */
function isSingleName(alias: string): boolean {
  const words = alias.split(/\s+/u);
  return words.length === 1;
}

/** The stem of a single name without its article, lower case (`as-Sadr` → `sadr`). */
function stemOf(alias: string): string {
  return alias.toLowerCase().replace(ARTICLE, '');
}

/**
 * Generates, vetoes and checks the variants of `entities`. `where(id)` names an entity in messages (file and
 * path); problems are returned, not thrown, so the builder reports them with its other problems.
 */
export function generatedAliases(
  entities: readonly VariantSubject[],
  where: (id: string) => string,
): { variants: EntityVariants[]; problems: string[] } {
  const problems: string[] = [];
  /** Every hand-written alias and notWhen phrase, by key: the entity it belongs to and what it is. */
  const taken = new Map<string, { id: string; what: string }>();
  for (const entity of entities) {
    for (const alias of [entity.name, ...entity.aliases])
      taken.set(spellingKey(alias), { id: entity.id, what: 'alias' });
    for (const phrase of entity.notWhen) {
      if (!taken.has(spellingKey(phrase))) taken.set(spellingKey(phrase), { id: entity.id, what: 'notWhen phrase' });
    }
  }

  const generatedBy = new Map<string, string>();
  const variants = entities.map((entity): EntityVariants => {
    const language = entity.romanisedFrom ?? null;
    const all = language
      ? generateVariants([entity.name, ...entity.aliases], language, isEnglishInName, spellingKey)
      : [];
    const vetoes = new Map(entity.vetoVariants.map((veto) => [spellingKey(veto.variant), veto]));
    const kept: GeneratedVariant[] = [];
    const vetoed: VetoedVariant[] = [];
    for (const variant of all) {
      const key = spellingKey(variant.alias);
      const veto = vetoes.get(key);
      if (veto) {
        vetoed.push({ ...variant, why: veto.why });
        vetoes.delete(key);
        continue;
      }
      const describe = `"${variant.alias}" (from "${variant.from}", ${variant.rules.join(' + ')})`;
      const owner = taken.get(key);
      const other = generatedBy.get(key);
      if (owner && owner.id !== entity.id) {
        const what = owner.what === 'alias' ? 'an alias' : 'a notWhen phrase';
        problems.push(`${where(entity.id)}: generated spelling ${describe} is ${what} of ${owner.id}; veto it`);
      } else if (owner) {
        problems.push(`${where(entity.id)}: generated spelling ${describe} is one of its notWhen phrases; veto it`);
      } else if (other !== undefined) {
        problems.push(`${where(entity.id)}: generated spelling ${describe} is also generated for ${other}; veto it`);
      } else if (isSingleName(variant.alias) && isEnglishWord(stemOf(variant.alias))) {
        problems.push(`${where(entity.id)}: generated spelling ${describe} is a common English word; veto it`);
      }
      generatedBy.set(key, entity.id);
      kept.push(variant);
    }
    for (const veto of vetoes.values()) {
      problems.push(`${where(entity.id)}.vetoVariants: "${veto.variant}" is not a generated spelling; remove it`);
    }
    const ambiguousBases = new Set(entity.ambiguous.map(spellingKey));
    const ambiguous = kept
      .filter((v) => isSingleName(v.alias) || ambiguousBases.has(spellingKey(v.from)))
      .map((v) => v.alias);
    return { id: entity.id, language, generated: kept, ambiguous, vetoed };
  });
  return { variants, problems };
}
