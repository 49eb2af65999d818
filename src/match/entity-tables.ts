/**
 * The entity side of a matcher, compiled: every alias, demonym and `notWhen` phrase of a pack normalised into one
 * automaton pattern, each pattern with its payloads (entity, type, the pack's string, case rule), and the entities'
 * confirmers. Flat tables, so a pack compiled at build time loads in the page without recomputation.
 */
import type { EntityKind } from '../knowledge/schema';
import { compileAutomaton, type AutomatonTables } from './automaton';
import { APOSTROPHE, isUpperUnit, isWordAt } from './chars';
import { normalize, type Normalized } from './normalize';
import { narrow, type UintArray } from './packed';
import { FUNCTION_WORDS } from './quote-tables';
import type { MatchableEntity } from './types';

/** Payload types, as stored in {@link EntityTables.payType}. */
export const ALIAS = 0;
export const AMBIGUOUS = 1;
export const DEMONYM = 2;
export const NOT_WHEN = 3;

/** Payload flags: the alias is a single name (`Trump`, `al-Sadr`, `Iraq`), for the namesake rules. */
export const SINGLE_NAME = 1;
/**
 * The alias is an acronym that spells an English word (`US`, `WHO`): it names the entity only where the text around
 * is not in capitals (`the US and Iran`, not `THEY ATTACKED US`).
 */
export const WORD_ACRONYM = 2;

/** The compiled entities. Payloads of pattern `k` are `payStart[k] .. payStart[k + 1] - 1`, in pack order. */
export interface EntityTables {
  /** Entity ids and kinds, by entity index. */
  readonly ids: readonly string[];
  readonly kinds: readonly EntityKind[];
  /** The pack's strings (aliases, demonyms, phrases) as written, by text index. */
  readonly texts: readonly string[];
  readonly automaton: AutomatonTables;
  /** Per pattern (plus one): its first payload. */
  readonly payStart: UintArray;
  /** Per payload: entity index, type ({@link ALIAS} …), text index. */
  readonly payEntity: UintArray;
  readonly payType: UintArray;
  readonly payText: UintArray;
  /** Per payload (plus one): its first case-rule position; positions are offsets in the pattern. */
  readonly upStart: UintArray;
  readonly upPos: UintArray;
  /** Per entity (plus one): its first confirmer; confirmers are entity indices, the entity itself first. */
  readonly confStart: UintArray;
  readonly confList: UintArray;
  /** Per payload: {@link SINGLE_NAME} and {@link WORD_ACRONYM} bits. */
  readonly payFlags: UintArray;
  /** Per entity: the folded words of its aliases, space-separated (its own given names and titles). */
  readonly ownWords: readonly string[];
  /** The folded words of every demonym of the pack, space-separated. */
  readonly demonymWords: string;
}

interface Payload {
  readonly entity: number;
  readonly type: number;
  readonly text: string;
  readonly flags: number;
  /** Offsets inside the pattern whose text character must be upper case; null when the alias has no capitals. */
  readonly upper: readonly number[] | null;
}

/**
 * The case rule of an alias, as positions that must be upper case in the text:
 * - a word written in capitals (`PMF`, `ISIS`, the `U` and `S` of `U.S.`) is an acronym: all its letters;
 * - a capitalised word (`Kadhimi`, `Sadr`) is a name: its first letter, so a surname that is also a common word
 *   never matches in lower case;
 * - lower-case words and the article `al` (`al-Kadhimi` / `Al-Kadhimi`) may be either case.
 * ALL-CAPS headlines satisfy every rule, so they still match names.
 */
function caseRule(cased: string, folded: string): number[] | null {
  const positions: number[] = [];
  for (const [i, j] of wordSpans(folded)) {
    const word = cased.slice(i, j);
    const isArticle = folded.slice(i, j) === 'al';
    const hasLower = word !== word.toUpperCase();
    const first = cased.charCodeAt(i);
    if (!isArticle && isUpperUnit(first)) {
      if (!hasLower) for (let k = i; k < j; k++) positions.push(k);
      else positions.push(i);
    }
  }
  return positions.length === 0 ? null : positions;
}

/** Articles that join a name (`al-Sadr`): a single name keeps them. */
const ARTICLES = new Set(['al', 'el', 'ul']);

/** Where the words of a folded string (runs of letters and digits) start and end. */
function wordSpans(folded: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  while (i < folded.length) {
    if (!isWordAt(folded, i)) {
      i++;
      continue;
    }
    let j = i;
    while (isWordAt(folded, j)) j++;
    spans.push([i, j]);
    i = j;
  }
  return spans;
}

/** The words of a folded string (runs of letters and digits). */
function wordsOf(folded: string): string[] {
  return wordSpans(folded).map(([start, end]) => folded.slice(start, end));
}

/** Whether a folded alias is one name, with or without its article (`sadr`, `al-sadr`). */
function isSingleName(folded: string): boolean {
  const words = wordsOf(folded);
  return words.length === 1 || (words.length === 2 && ARTICLES.has(words[0] as string));
}

/** Removes apostrophes inside words (`Sha'abi` → `Shaabi`): a second spelling of the same alias. */
function withoutInnerApostrophes(folded: string, cased: string): { folded: string; cased: string } | null {
  let f = '';
  let c = '';
  let changed = false;
  for (let i = 0; i < folded.length; i++) {
    if (folded.charCodeAt(i) === APOSTROPHE && isWordAt(folded, i - 1) && isWordAt(folded, i + 1)) {
      changed = true;
      continue;
    }
    f += folded[i];
    c += cased[i];
  }
  return changed ? { folded: f, cased: c } : null;
}

/** Compiles the pack's entities. Cost is linear in the total length of aliases. */
export function compileEntityTables(entities: readonly MatchableEntity[]): EntityTables {
  const patternIds = new Map<string, number>();
  const patterns: string[] = [];
  const payloads: Payload[][] = [];

  /** Each distinct string is normalised once (an alias is read for its pattern, its words and its ambiguity). */
  const normalized = new Map<string, Normalized>();
  const norm = (text: string): Normalized => {
    let n = normalized.get(text);
    if (!n) normalized.set(text, (n = normalize(text)));
    return n;
  };

  const add = (folded: string, cased: string, payload: Omit<Payload, 'upper'>): void => {
    if (folded.length === 0) return;
    let id = patternIds.get(folded);
    if (id === undefined) {
      id = patterns.length;
      patternIds.set(folded, id);
      patterns.push(folded);
      payloads.push([]);
    }
    const list = payloads[id] as Payload[];
    const upper = payload.type === NOT_WHEN ? null : caseRule(cased, folded);
    const same = list.findIndex((p) => p.entity === payload.entity && p.type === payload.type);
    if (same < 0) {
      list.push({ ...payload, upper });
      return;
    }
    // Two spellings of one entity that differ only in case (`U.S. Air Force`, `U.S. air force`): the pack accepts
    // both, so only the capitals both require remain required.
    const previous = list[same] as Payload;
    const kept = previous.upper && upper ? previous.upper.filter((k) => upper.includes(k)) : null;
    list[same] = { ...previous, upper: kept && kept.length > 0 ? kept : null };
  };

  const addString = (text: string, entity: number, type: number): void => {
    const normal = norm(text);
    // Trim in normalised space so `cased` and `folded` stay aligned.
    const lead = normal.folded.length - normal.folded.trimStart().length;
    const folded = normal.folded.trim();
    const cased = normal.cased.slice(lead, lead + folded.length);
    const wordAcronym = FUNCTION_WORDS.has(folded) && cased === cased.toUpperCase() && cased !== folded;
    const flags = (isSingleName(folded) ? SINGLE_NAME : 0) | (wordAcronym ? WORD_ACRONYM : 0);
    add(folded, cased, { entity, type, text, flags });
    const variant = withoutInnerApostrophes(folded, cased);
    if (variant) add(variant.folded, variant.cased, { entity, type, text, flags });
  };

  const ids = new Map(entities.map((e, i) => [e.id, i]));
  const confStart = [0];
  const confList: number[] = [];
  const ownWords: string[] = [];
  const demonymWords = new Set<string>();
  entities.forEach((entity, index) => {
    ownWords.push([...new Set(entity.aliases.flatMap((alias) => wordsOf(norm(alias).folded)))].join(' '));
    for (const demonym of entity.demonyms) for (const word of wordsOf(norm(demonym).folded)) demonymWords.add(word);
    const ambiguous = new Set(entity.ambiguous.map((a) => norm(a).folded.trim()));
    for (const alias of entity.aliases) {
      addString(alias, index, ambiguous.has(norm(alias).folded.trim()) ? AMBIGUOUS : ALIAS);
    }
    for (const demonym of entity.demonyms) addString(demonym, index, DEMONYM);
    for (const phrase of entity.notWhen) addString(phrase, index, NOT_WHEN);
    const list = [index];
    for (const id of entity.confirmedBy) {
      const other = ids.get(id);
      if (other !== undefined && !list.includes(other)) list.push(other);
    }
    confList.push(...list);
    confStart.push(confList.length);
  });

  const texts: string[] = [];
  const textIds = new Map<string, number>();
  const flat = payloads.flat();
  const payStart = [0];
  for (const list of payloads) payStart.push((payStart[payStart.length - 1] as number) + list.length);
  const upStart = [0];
  const upPos: number[] = [];
  for (const p of flat) {
    upPos.push(...(p.upper ?? []));
    upStart.push(upPos.length);
  }
  const textOf = (text: string): number => {
    let id = textIds.get(text);
    if (id === undefined) textIds.set(text, (id = texts.push(text) - 1));
    return id;
  };
  return {
    ids: entities.map((e) => e.id),
    kinds: entities.map((e) => e.kind),
    texts,
    automaton: compileAutomaton(patterns),
    payStart: narrow(payStart),
    payEntity: narrow(flat.map((p) => p.entity)),
    payType: narrow(flat.map((p) => p.type)),
    payText: narrow(flat.map((p) => textOf(p.text))),
    upStart: narrow(upStart),
    upPos: narrow(upPos),
    confStart: narrow(confStart),
    confList: narrow(confList),
    payFlags: narrow(flat.map((p) => p.flags)),
    ownWords,
    demonymWords: [...demonymWords].join(' '),
  };
}
