/**
 * Spelling variants, generated at pack build time from the transliteration table (`transliteration.ts`): each
 * romanised name of an entity is split into words, each name word gets its other spellings (given-name forms, letter
 * rules, the article's writings), and the words are combined, at most {@link MAX_RULES} rule applications per
 * spelling. Words that are English (`Prime`, `Minister`, `movement`) and acronyms are left as written. Pure and
 * deterministic; matching stays exact against the pack: the page never sees a rule, only the spellings.
 */
import {
  ARTICLE_RULES,
  DOUBLE_RULE,
  GIVEN_NAME_FORMS,
  LETTER_RULES,
  SUN_LETTERS,
  type SourceLanguage,
  type TransliterationRule,
} from './transliteration';

/**
 * Rule applications a generated spelling may combine, over all its words; and of them, rules that rewrite letters
 * or the article (the other kind is a given name's whole form). `Mostafa al-Kazemi` from the hand-written `Mustafa
 * al-Kazemi` takes a given name's form; `Mostafa Kazemi` a form and the article left out; two rewrites of letters
 * (`Mustafa el-Kadimi`) make spellings nobody writes.
 */
export const MAX_RULES = 2;
export const MAX_LETTER_RULES = 1;
const RULES_PER_WORD = 1;

/** A generated spelling, with the hand-written alias it comes from and the rules applied, in word order. */
export interface GeneratedVariant {
  readonly alias: string;
  readonly from: string;
  readonly rules: readonly string[];
}

/** Whether a rule id rewrites letters of a word or its article (not a given name's whole form). */
const isLetterRule = (id: string): boolean => !id.startsWith('given-');

/**
 * The consonant skeleton of an alias (no article, vowels or doubled letters): hand-written aliases that share one
 * (`Moustafa al-Kadhimi` beside `Mustafa al-Kadhimi`) are spellings of the same words, so only the first is varied.
 */
function skeleton(alias: string): string {
  return alias
    .toLowerCase()
    .replace(/['’]/gu, '')
    .replace(/(^|\s)(?:al|el)[-‐‑\s]/gu, '$1')
    .replace(/[aeiouy]/gu, '')
    .replace(/(\p{L})\1+/gu, '$1');
}

/** A spelling of one word and the rules that made it. */
interface WordSpelling {
  readonly text: string;
  readonly rules: readonly string[];
}

/** Vowel letters; `y` is a consonant here (`Yunus`, `Kurayti`). */
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
const isConsonant = (c: string | undefined): boolean => isLetter(c) && !VOWELS.has(c as string);

/** Whether `rule` may rewrite `word` (lower case) at `at`. */
function fits(rule: TransliterationRule, word: string, at: number): boolean {
  if (!word.startsWith(rule.from, at)) return false;
  const end = at + rule.from.length;
  switch (rule.place) {
    case 'anywhere':
      return true;
    case 'word-final':
      return end === word.length;
    case 'between-consonants':
      return isConsonant(word[at - 1]) && isConsonant(word[end]);
  }
}

/** Writes `lower` with the capitals of `model` kept where the two agree in length up to the first letter. */
function recase(lower: string, model: string): string {
  return model[0] !== undefined && model[0] !== model[0].toLowerCase()
    ? lower[0]?.toUpperCase() + lower.slice(1)
    : lower;
}

/** One place where a rule may rewrite a word: letters `[at, at + length)` become `to`. */
interface Site {
  readonly at: number;
  readonly length: number;
  readonly to: string;
  readonly rule: string;
}

/** Every place in `word` (lower case) where a letter rule or the doubled-letter rule applies. */
function sites(word: string, language: SourceLanguage): Site[] {
  const out: Site[] = [];
  for (const rule of LETTER_RULES) {
    if (!rule.languages.includes(language)) continue;
    for (let at = 0; at < word.length; at++) {
      if (fits(rule, word, at)) for (const to of rule.to) out.push({ at, length: rule.from.length, to, rule: rule.id });
    }
  }
  for (let at = 1; at < word.length; at++) {
    const letter = word[at];
    if (letter === word[at - 1] && (isConsonant(letter) || letter === 'a')) {
      out.push({ at, length: 1, to: '', rule: DOUBLE_RULE.id });
    }
  }
  return out;
}

/**
 * The spellings of a name word with 1 to {@link RULES_PER_WORD} rules, each at its own place in the word as
 * written (rules never rewrite what another rule wrote: no `Moostafa` from `Mustafa`).
 */
function letterSpellings(word: string, language: SourceLanguage): WordSpelling[] {
  const lower = word.toLowerCase();
  const all = sites(lower, language);
  const out = new Map<string, readonly string[]>();
  const apply = (chosen: readonly Site[]): void => {
    let text = lower;
    for (const site of [...chosen].sort((x, y) => y.at - x.at)) {
      text = text.slice(0, site.at) + site.to + text.slice(site.at + site.length);
    }
    if (text !== lower && !out.has(text))
      out.set(
        text,
        chosen.map((site) => site.rule),
      );
  };
  const extend = (chosen: readonly Site[], from: number): void => {
    if (chosen.length > 0) apply(chosen);
    if (chosen.length === RULES_PER_WORD) return;
    for (let k = from; k < all.length; k++) {
      const site = all[k] as Site;
      const clash = chosen.some(
        (c) => site.at < c.at + Math.max(c.length, 1) && c.at < site.at + Math.max(site.length, 1),
      );
      if (!clash) extend([...chosen, site], k + 1);
    }
  };
  extend([], 0);
  return [...out].map(([text, rules]) => ({ text: recase(text, word), rules }));
}

/** The other forms of a given name, when it is one of {@link GIVEN_NAME_FORMS}. */
function givenNameSpellings(word: string, language: SourceLanguage): WordSpelling[] {
  const lower = word.toLowerCase();
  const group = GIVEN_NAME_FORMS.find((g) => [...g.forms, ...(g.persian ?? [])].some((f) => f.toLowerCase() === lower));
  if (!group) return [];
  const forms = language === 'persian' ? [...group.forms, ...(group.persian ?? [])] : group.forms;
  return forms
    .filter((form) => form.toLowerCase() !== lower && !form.includes(' '))
    .map((form) => ({ text: form, rules: [`given-${group.id}`] }));
}

/** A word of a name: an optional article joined by a hyphen (`al-Kadhimi`) and the word itself. */
interface NameWord {
  readonly article: string | null;
  readonly stem: string;
  /** Whether the stem is a name (not English, not an acronym): only names get other spellings. */
  readonly isName: boolean;
}

const ARTICLE = /^(al|Al|AL|el|El)[-‐‑]/u;

function splitName(alias: string, isEnglish: (word: string) => boolean): NameWord[] {
  return alias.split(/\s+/u).map((token) => {
    const article = ARTICLE.exec(token)?.[1] ?? null;
    const stem = article === null ? token : token.slice(article.length + 1);
    const letters = stem.replace(/['’]/gu, '');
    const acronym = letters.length > 1 && letters === letters.toUpperCase();
    const isName = /^\p{L}+$/u.test(letters) && !acronym && !isEnglish(letters.toLowerCase());
    return { article, stem, isName };
  });
}

/** The spellings of one name word, the word as written first (no rule), each with its rules. */
function wordSpellings(word: NameWord, language: SourceLanguage): WordSpelling[] {
  const articles: WordSpelling[] = [{ text: word.article === null ? '' : `${word.article}-`, rules: [] }];
  if (word.article !== null && word.isName) {
    const lower = word.stem.toLowerCase();
    const sun = SUN_LETTERS.find((letter) => lower.startsWith(letter));
    const capital = word.article[0] === 'A' || word.article[0] === 'E';
    articles.push({ text: capital ? 'El-' : 'el-', rules: [ARTICLE_RULES.el.id] });
    if (sun) articles.push({ text: `${capital ? 'A' : 'a'}${sun}-`, rules: [ARTICLE_RULES.sun.id] });
    articles.push({ text: '', rules: [ARTICLE_RULES.drop.id] });
  }
  const stems: WordSpelling[] = [{ text: word.stem, rules: [] }];
  if (word.isName) {
    // A given name of the table has its established forms only: letter rules would make `Mohammid` of `Mohammed`.
    const given = givenNameSpellings(word.stem, language);
    stems.push(...(given.length > 0 ? given : letterSpellings(word.stem, language)));
  }
  const out: WordSpelling[] = [];
  for (const article of articles) {
    for (const stem of stems) out.push({ text: article.text + stem.text, rules: [...article.rules, ...stem.rules] });
  }
  return out;
}

/**
 * The generated spellings of `aliases` (an entity's hand-written names, the display name first), for names
 * romanised from `language`: every combination of word spellings with 1 to {@link MAX_RULES} rules, in a stable
 * order (fewer rules first, then alias order, then alphabetical). Spellings equal to one of `aliases` (in `key`
 * form) are left out.
 */
export function generateVariants(
  aliases: readonly string[],
  language: SourceLanguage,
  isEnglish: (word: string) => boolean,
  key: (alias: string) => string,
): GeneratedVariant[] {
  const known = new Set(aliases.map(key));
  const found = new Map<string, GeneratedVariant & { order: number }>();
  const skeletons = new Set<string>();
  aliases.forEach((alias, order) => {
    const words = splitName(alias, isEnglish);
    if (!words.some((w) => w.isName) || skeletons.has(skeleton(alias))) return;
    skeletons.add(skeleton(alias));
    let partial: WordSpelling[] = [{ text: '', rules: [] }];
    for (const word of words) {
      const next: WordSpelling[] = [];
      for (const head of partial) {
        for (const spelling of wordSpellings(word, language)) {
          const rules = [...head.rules, ...spelling.rules];
          if (rules.length > MAX_RULES || rules.filter(isLetterRule).length > MAX_LETTER_RULES) continue;
          next.push({ text: head.text === '' ? spelling.text : `${head.text} ${spelling.text}`, rules });
        }
      }
      partial = next;
    }
    for (const spelling of partial) {
      const text = spelling.text.trim();
      if (spelling.rules.length === 0 || text === '' || known.has(key(text))) continue;
      const k = key(text);
      const previous = found.get(k);
      if (previous && previous.rules.length <= spelling.rules.length) continue;
      found.set(k, { alias: text, from: alias, rules: spelling.rules, order });
    }
  });
  return [...found.values()]
    .sort(
      (a, b) =>
        a.rules.length - b.rules.length || a.order - b.order || (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0),
    )
    .map(({ alias, from, rules }) => ({ alias, from, rules }));
}
