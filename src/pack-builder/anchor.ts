/**
 * Anchors the annotated aliases to character offsets in the source article, with the matching engine itself, so the
 * builder and the extension agree on what a mention is (case rules, `notWhen` phrases, confirmations). Pure.
 */
import { findMentions } from '../match';
import type { EntityAnnotation } from './annotations';

/** An alias (or demonym) found in the source text. */
export interface Anchor {
  entity: string;
  /** The alias or demonym as written in the annotations. */
  alias: string;
  start: number;
  end: number;
  /** `alias` for names, `demonym` for adjectives such as "Iraqi". */
  type: 'alias' | 'demonym';
}

/** Every mention of the entities in `text`, and every demonym, leftmost-longest, in reading order. */
export function anchorAliases(text: string, entities: readonly EntityAnnotation[]): Anchor[] {
  return findMentions(entities, text, { mentions: 'all', demonyms: true }).map((match) => ({
    entity: match.id,
    alias: match.alias,
    start: match.start,
    end: match.end,
    type: match.how === 'demonym' ? 'demonym' : 'alias',
  }));
}
