/**
 * Namesake rules: general rules, for any pack, that tell a mention of a pack entity from another person, place or
 * organisation that shares its name, by the words right next to the mention. They complement the pack's own
 * `notWhen` phrases (which list known namesakes) and, like them, make a span name nothing: the span is held, so no
 * shorter alias matches inside it, and it confirms nobody.
 *
 * 1. Given name or family title before a surname: a person alias (`Trump`, `al-Sadr`, and full names too: Arabic
 *    names chain a father's name, `Uday Saddam Hussein`) right after a capitalised word that is not one of the
 *    entity's own alias words, a title, a sentence starter, a day or month, a descriptor (`Iranian`, `Republican`)
 *    or another pack name is another person (`Ivanka Trump`, `Zeinab Soleimani`); a family title (`Mrs`, `Lady`)
 *    too, unless the entity's aliases use it.
 * 2. Person as a place or an organisation: a person alias followed by a place word (`Sadr City`, `Soleimani Square`,
 *    `Saddam International Airport`), an organisation word (`Trump University`) or a generational suffix (`Trump
 *    Jr.`), or used after `the city of`, is not the person.
 * 3. Organisation as another organisation: an organisation, outlet or group followed by an organisation word (`Al
 *    Ahad FC`, `the Al-Ahad club`) or preceded by a club prefix (`FC`) is another organisation; an outlet after a
 *    preposition of place or `the town of` is a place (`fighting in al-Mayadeen`, the Syrian town).
 * 4. Place as a person's given name: a single-word place alias followed by a capitalised word that does not continue
 *    a place (`Jordan Peterson`, `Israel Katz`; not `Iraq War`, `Baghdad Airport`, `Iraq Friday`) is not the place; a
 *    place followed by an organisation word (`Washington Institute`) neither.
 *
 * Rules 1 and 4 read capitals, so they stand aside in a Title Case line (`What Is Really Unprecedented Is Trump’s…`,
 * where a verb is capitalised too) and in ALL-CAPS text; the word lists are data (`context-words.ts`).
 */
import type { EntityKind } from '../knowledge/schema';
import {
  CALENDAR,
  DESCRIPTORS,
  FAMILY_TITLES,
  GENERATION_SUFFIXES,
  NAME_MODIFIERS,
  ORGANISATION_WORDS,
  OUTLET_WORDS,
  PLACE_CONTINUATIONS,
  PLACE_OF_WORDS,
  PLACE_PREPOSITIONS,
  PLACE_WORDS,
  SENTENCE_STARTERS,
  TITLES,
} from './context-words';
import type { Normalized } from './normalize';
import { readWords } from './word-reader';

/** Prefixes that make the next name a sports club (`FC Barcelona` style), compared in folded form. */
const CLUB_PREFIXES: ReadonlySet<string> = new Set(['fc', 'sc', 'ac', 'cf', 'afc']);

/** The Arabic article in its romanisations: `Iraq Al-…` starts another name, it is not a surname. */
const ARTICLES: ReadonlySet<string> = new Set(['al', 'el']);

/** What the rules know of the pack, compiled once per matcher. */
export interface NamesakeData {
  /** An entity's folded words of its own aliases (given names, titles it is known by), as a set made on first use. */
  readonly ownWords: (entity: number) => ReadonlySet<string> | undefined;
  /** The folded words of every demonym of the pack (`iraqi`): descriptors like {@link DESCRIPTORS}. */
  readonly demonyms: ReadonlySet<string>;
}

/** The entity a rule is asked about. */
export interface Candidate {
  readonly entity: number;
  readonly kind: EntityKind;
  /** The alias is a single name (one word, with or without an article: `Trump`, `al-Sadr`, `Iraq`). */
  readonly singleName: boolean;
}

/**
 * The namesake rules over one scanned text. `spanStarts` / `spanEnds` are the offsets of every span the scan
 * selected (pack names next to a mention are never another person's given name or surname).
 */
export function namesakeRules(
  data: NamesakeData,
  norm: Normalized,
  spanStarts: ReadonlySet<number>,
  spanEnds: ReadonlySet<number>,
): (candidate: Candidate, start: number, end: number) => boolean {
  const {
    wordBefore,
    wordAfter,
    capitalised,
    nameShaped,
    inCapitals,
    titleCase,
    decidingWordAfter,
    isOrganisationWord,
  } = readWords(norm);

  /** Rule 1: a given name or a family title before a person alias. */
  const givenNameBefore = (entity: number, start: number, end: number): boolean => {
    const w = wordBefore(start);
    if (!w || !capitalised(w) || data.ownWords(entity)?.has(w.text)) return false;
    if (FAMILY_TITLES.has(w.text)) return true;
    if (!nameShaped(w) || inCapitals(w.start, end)) return false;
    if (TITLES.has(w.text) || SENTENCE_STARTERS.has(w.text) || CALENDAR.has(w.text)) return false;
    if (DESCRIPTORS.has(w.text) || data.demonyms.has(w.text) || spanEnds.has(w.end)) return false;
    return !titleCase(w.start, end);
  };

  /** `the city of <name>`: the name is used as a place. */
  const afterPlaceOf = (start: number): boolean => {
    const of = wordBefore(start);
    if (!of || of.text !== 'of' || capitalised(of)) return false;
    const place = wordBefore(of.start);
    return place !== null && PLACE_OF_WORDS.has(place.text) && !capitalised(place);
  };

  /** Rule 2: a person's name made into a place or an organisation, or used as a place. */
  const personAsPlace = (start: number, end: number): boolean => {
    const next = wordAfter(end);
    if (next && GENERATION_SUFFIXES.has(next.text) && capitalised(next)) return true;
    const w = decidingWordAfter(end);
    if (w && ((PLACE_WORDS.has(w.text) && capitalised(w)) || isOrganisationWord(w))) return true;
    return afterPlaceOf(start);
  };

  /** Rule 3 for outlets: an outlet's name used as a place (`in al-Mayadeen`, `the town of al-Mayadeen`). */
  const outletAsPlace = (start: number): boolean => {
    const before = wordBefore(start);
    if (before && PLACE_PREPOSITIONS.has(before.text) && !capitalised(before)) return true;
    return afterPlaceOf(start);
  };

  /** Rule 3: an organisation's name made into another organisation. */
  const anotherOrganisation = (start: number, end: number): boolean => {
    const w = decidingWordAfter(end);
    if (w && isOrganisationWord(w)) return true;
    const before = wordBefore(start);
    return before !== null && CLUB_PREFIXES.has(before.text) && capitalised(before);
  };

  /** `The Times of <place>`, `University of <place>`: the place names an outlet or an institution. */
  const institutionOf = (start: number): boolean => {
    const of = wordBefore(start);
    if (!of || of.text !== 'of' || capitalised(of)) return false;
    const head = wordBefore(of.start);
    return head !== null && capitalised(head) && (OUTLET_WORDS.has(head.text) || ORGANISATION_WORDS.has(head.text));
  };

  /** Rule 4: a place name as a person's given name, or made into an organisation. */
  const placeAsName = (singleName: boolean, start: number, end: number): boolean => {
    const w = decidingWordAfter(end);
    if ((w && isOrganisationWord(w)) || institutionOf(start)) return true;
    if (!singleName) return false;
    const next = wordAfter(end);
    if (!next || !nameShaped(next) || spanStarts.has(next.start) || inCapitals(start, next.end)) return false;
    const t = next.text;
    if (PLACE_CONTINUATIONS.has(t) || CALENDAR.has(t) || DESCRIPTORS.has(t) || data.demonyms.has(t)) return false;
    if (NAME_MODIFIERS.has(t) || SENTENCE_STARTERS.has(t) || TITLES.has(t) || ARTICLES.has(t)) return false;
    return !titleCase(start, next.end);
  };

  return (candidate, start, end) => {
    switch (candidate.kind) {
      case 'person':
        return givenNameBefore(candidate.entity, start, end) || personAsPlace(start, end);
      case 'media':
        return anotherOrganisation(start, end) || outletAsPlace(start);
      case 'organization':
      case 'group':
        return anotherOrganisation(start, end);
      case 'place':
        return placeAsName(candidate.singleName, start, end);
      default:
        return false;
    }
  };
}
