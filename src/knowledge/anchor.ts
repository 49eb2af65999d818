/**
 * Anchors the annotated aliases to character offsets in the source article. Pure.
 */
import type { EntityAnnotation } from './annotations';

/** An alias (or demonym) found in the source text. */
export interface Anchor {
  entity: string;
  alias: string;
  start: number;
  end: number;
  /** `alias` for names, `demonym` for adjectives such as "Iraqi". */
  type: 'alias' | 'demonym';
}

interface Pattern {
  text: string;
  entity: string;
  alias: string;
  type: Anchor['type'] | 'not';
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Apostrophes and quotes of every style compare equal; nothing else changes, so offsets stay exact. */
function fold(text: string): string {
  return text.replace(/[’‘`´ʼ]/g, "'");
}

/** The alias as written, or in capitals where the text is in capitals (a headline or dateline: `BAGHDAD`). */
function spelledAt(text: string, alias: string, position: number): boolean {
  if (text.startsWith(alias, position)) return true;
  const segment = text.slice(position, position + alias.length);
  return segment === alias.toUpperCase() && segment !== segment.toLowerCase();
}

/**
 * Finds every alias, demonym and `notWhen` phrase of the entities in `text`, leftmost-longest and on word
 * boundaries, exactly as spelled (the source is the pack's own article, so its spellings are the annotations').
 * A `notWhen` phrase consumes its span without producing an anchor.
 */
export function anchorAliases(text: string, entities: readonly EntityAnnotation[]): Anchor[] {
  const patterns: Pattern[] = [];
  for (const entity of entities) {
    for (const alias of entity.aliases) patterns.push({ text: fold(alias), entity: entity.id, alias, type: 'alias' });
    for (const demonym of entity.demonyms) {
      patterns.push({ text: fold(demonym), entity: entity.id, alias: demonym, type: 'demonym' });
    }
    for (const phrase of entity.notWhen)
      patterns.push({ text: fold(phrase), entity: entity.id, alias: phrase, type: 'not' });
  }
  // Longest first, so the first pattern that fits at a position is the longest one.
  // At equal length a name beats a `notWhen` phrase: "Sadr City" is a place even though it is not Muqtada al-Sadr.
  patterns.sort(
    (a, b) =>
      b.text.length - a.text.length ||
      Number(a.type === 'not') - Number(b.type === 'not') ||
      a.text.localeCompare(b.text),
  );

  const folded = fold(text);
  const anchors: Anchor[] = [];
  let position = 0;
  while (position < folded.length) {
    const atWordStart = position === 0 || !WORD_CHAR.test(folded[position - 1] ?? '');
    const hit = atWordStart
      ? patterns.find(
          (pattern) =>
            spelledAt(folded, pattern.text, position) &&
            !(
              WORD_CHAR.test(pattern.text.at(-1) ?? '') && WORD_CHAR.test(folded[position + pattern.text.length] ?? '')
            ),
        )
      : undefined;
    if (!hit) {
      position++;
      continue;
    }
    const end = position + hit.text.length;
    if (hit.type !== 'not')
      anchors.push({ entity: hit.entity, alias: hit.alias, start: position, end, type: hit.type });
    position = end;
  }
  return anchors;
}
