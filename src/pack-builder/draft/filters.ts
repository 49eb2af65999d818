/**
 * Rules that keep capitalised words that name nothing out of a draft: headings in capitals, compound adjectives
 * (`Iranian-backed`), common nouns that open a sentence or close a caption (`Tensions`, `Image`), and a place run
 * together with the name after it (`Iran Brian Hook`). Pure.
 */
import { isEnglishWord } from '../english-words';
import { bare, type Token } from './tokens';
import { DESCRIPTORS } from '../../match/context-words';
import { PAGE_FURNITURE } from './words';
import { GROUP_HEADS, MEDIA_HEADS, ORGANISATION_HEADS, PLACE_ACRONYMS, PLACE_HEADS } from './words';

/** Tags of a word in its sentence (by offset) and alone (the lexicon's). */
export interface Tags {
  at(start: number): ReadonlySet<string>;
  alone(word: string): ReadonlySet<string>;
  /** The word stands in a name of two or more capitalised words elsewhere in the article (`Teodora Marek`). */
  named(word: string): boolean;
  /** The article also writes the word in lower case (`government`): a common word, whatever compromise guesses. */
  lowerCase(word: string): boolean;
}

/** The share of capitals above which a paragraph is a heading or a shouted line (`NATURAL RIGHT`). */
const SHOUTING = 0.6;

/** Whether the paragraph around `offset` is written in capitals. */
export function inCapitals(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset) + 1;
  const end = text.indexOf('\n', offset);
  const letters = text.slice(start, end < 0 ? text.length : end).replace(/[^\p{L}]/gu, '');
  if (letters.length < 6) return false;
  return letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > SHOUTING;
}

function isHead(word: string): boolean {
  const w = bare(word);
  return ORGANISATION_HEADS.has(w) || GROUP_HEADS.has(w) || PLACE_HEADS.has(w) || MEDIA_HEADS.has(w);
}

const NAME_TAGS = ['Person', 'Place', 'Organization', 'FirstName', 'LastName', 'Country', 'City', 'Region'];

/** Whether compromise takes the word for a name, alone or where it stands (a capital alone does not count). */
export function isProper(token: Token, tags: Tags): boolean {
  if (tags.named(token.word)) return true;
  const alone = tags.alone(token.word);
  if (alone.has('Demonym')) return false;
  if (alone.has('ProperNoun') || NAME_TAGS.some((t) => alone.has(t))) return true;
  if (alone.has('Plural')) return false;
  const here = tags.at(token.start);
  return NAME_TAGS.some((t) => here.has(t));
}

/**
 * A common noun in capitals (`Tensions`, `Image` opening a caption), a demonym (`Canadian`), or an English word shouted
 * (`FACT`). A word compromise does not know stays a name (`Kerman`).
 */
function isCommonNoun(token: Token, tags: Tags): boolean {
  if (isHead(token.word)) return false;
  if (PAGE_FURNITURE.has(token.word.toLowerCase())) return true;
  if (/^[\p{Lu}.]{2,}$/u.test(token.word)) {
    return token.word.length >= 4 && (isEnglishWord(token.word.toLowerCase()) || token.label);
  }
  const alone = tags.alone(token.word);
  if (alone.has('Demonym')) return true;
  if (isProper(token, tags)) return false;
  return isEnglishWord(token.word) || token.sentenceStart;
}

/** Whether compromise knows the whole phrase as a place or an organisation (`Middle East`). */
function knownPhrase(tokens: readonly Token[], tags: Tags): boolean {
  const phrase = tags.alone(tokens.map((token) => token.word).join(' '));
  return phrase.has('Place') || phrase.has('Organization') || phrase.has('Country');
}

/** Drops common nouns at the end of a run (`Anadolu Agency Image`) and a lone common noun (`Tensions`, `Slideshow`). */
export function trimCommonNouns(tokens: Token[], tags: Tags): Token[] {
  const furniture = (token: Token | undefined) => PAGE_FURNITURE.has(token?.word.toLowerCase() ?? '');
  if (tokens.length > 1 && !furniture(tokens.at(-1)) && knownPhrase(tokens, tags)) return tokens;
  let end = tokens.length;
  // `Council of Representatives`: the word after `of` belongs to the name.
  while (end > 1 && tokens[end - 2]?.word !== 'of' && isCommonNoun(tokens[end - 1] as Token, tags)) end--;
  while (
    end > 1 &&
    !/^\p{Lu}/u.test(tokens[end - 1]?.word ?? '') &&
    !/^\p{Ll}+-\p{Lu}/u.test(tokens[end - 1]?.word ?? '')
  )
    end--;
  const kept = tokens.slice(0, end);
  if (kept.length === 1 && isCommonNoun(kept[0] as Token, tags)) return [];
  // `Joint Chiefs` cut to `Joint`: an English word left alone by the trim qualified the words cut.
  const alone = kept.length === 1 ? kept[0] : undefined;
  if (alone && end < tokens.length && tags.lowerCase(alone.word) && isLowerCaseWord(alone.word, tags)) return [];
  return kept;
}

/** Whether the word written in lower case is a common word to compromise (`joint`), not a name (`iraq`). */
function isLowerCaseWord(word: string, tags: Tags): boolean {
  const lower = tags.alone(word.toLowerCase());
  return (lower.has('Adjective') || lower.has('Noun')) && !NAME_TAGS.some((tag) => lower.has(tag));
}

/** Whether a word names a country or a city on its own (`Iran`, `U.S.`). */
export function isPlaceWord(token: Token, tags: Tags): boolean {
  if (PLACE_ACRONYMS.has(bare(token.word).replace(/\.$/, ''))) return true;
  const alone = tags.alone(token.word);
  return alone.has('Country') || alone.has('City');
}

/**
 * Splits a place off the name it runs into (`Iran Brian Hook` → `Iran`, `Brian Hook`; `U.S. Joint Chiefs of Staff`
 * → `U.S.`, `Joint Chiefs of Staff`), unless the rest is a place word (`Baghdad International Airport`).
 */
export function splitLeadingPlace(tokens: Token[], tags: Tags): Token[][] {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last || tokens.length < 2 || !isPlaceWord(first, tags) || PLACE_HEADS.has(bare(last.word))) {
    return [tokens];
  }
  const rest = tokens.slice(1);
  // `Iran Brian Hook`: a given name after the place; `U.S. Joint Chiefs…`: an institution's words.
  const second = rest[0] as Token;
  const personAfter = tags.at(second.start).has('FirstName') || tags.alone(second.word).has('FirstName');
  const institution = rest.length > 1 && rest.some((token) => isHead(token.word) || /^(?:of|for)$/.test(token.word));
  const adjectives = rest.every((token) => DESCRIPTORS.has(bare(token.word)));
  if (!personAfter && !institution && !adjectives) return [tokens];
  return [[first], rest];
}
