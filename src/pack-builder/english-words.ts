/**
 * Common English words, from the lexicon of compromise (the NLP library the coverage check already uses): the
 * generated spellings must not be one (`Hash` from `Hashd`), and words of a name that are English (`Prime`,
 * `Minister`, `movement`) get no variants. Names in the lexicon (first names, places, organisations) are not common
 * words. Pure: compromise runs without a DOM.
 */
import nlp from 'compromise';
import { CALENDAR, DESCRIPTORS, NAME_MODIFIERS, ORGANISATION_WORDS, PLACE_WORDS, TITLES } from '../match/context-words';

/**
 * English nouns of institutions that stand in names (`Popular Mobilization Forces`, `Imam Ali Division`, `Nujaba
 * movement`, `Al-Ahad television`) and that compromise's lexicon lacks: words of a name that get no variants.
 */
const INSTITUTION_WORDS = new Set(
  (
    'movement division forces force units unit committee group brigade brigades battalion battalions army party ' +
    'front council popular mobilization mobilisation television channel network news agency governorate province ' +
    'market ministry office republic kingdom emirate caliphate levant state islamic resistance revolutionary guard ' +
    'guards corps militia militias coalition alliance bloc'
  ).split(' '),
);

/** Lexicon tags of common words: parts of speech, not names. */
const COMMON_TAGS = new Set([
  'Noun',
  'Singular',
  'Plural',
  'Uncountable',
  'Verb',
  'Infinitive',
  'PresentTense',
  'PastTense',
  'Gerund',
  'Participle',
  'PhrasalVerb',
  'Modal',
  'Copula',
  'Adjective',
  'Comparative',
  'Superlative',
  'Adverb',
  'Preposition',
  'Conjunction',
  'Determiner',
  'Pronoun',
  'Possessive',
  'QuestionWord',
  'Negative',
  'Expression',
  'Cardinal',
  'Ordinal',
  'TextValue',
  'Unit',
  'Actor',
  'Honorific',
]);

let words: ReadonlySet<string> | null = null;

/** The lower-case single words of compromise's lexicon whose tags are all parts of speech. */
function englishWords(): ReadonlySet<string> {
  if (words) return words;
  const lexicon = (
    nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } }
  ).world().model.one.lexicon;
  const set = new Set<string>();
  for (const [word, tags] of Object.entries(lexicon)) {
    if (word.includes(' ')) continue;
    const list = Array.isArray(tags) ? tags : [tags];
    if (list.every((tag) => COMMON_TAGS.has(tag))) set.add(word);
  }
  words = set;
  return set;
}

/** Whether `word` (any case) is a common English word: compromise's lexicon. The collision check reads this. */
export function isEnglishWord(word: string): boolean {
  return englishWords().has(word.toLowerCase());
}

/**
 * Whether `word` is English in a name, so it keeps its spelling: a common word, a title, a place or organisation
 * word the matcher knows (`context-words.ts`) or an institution's noun.
 */
export function isEnglishInName(word: string): boolean {
  const w = word.toLowerCase();
  return (
    isEnglishWord(w) ||
    INSTITUTION_WORDS.has(w) ||
    TITLES.has(w) ||
    PLACE_WORDS.has(w) ||
    ORGANISATION_WORDS.has(w) ||
    NAME_MODIFIERS.has(w) ||
    DESCRIPTORS.has(w) ||
    CALENDAR.has(w)
  );
}
