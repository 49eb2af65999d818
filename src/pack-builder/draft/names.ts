/**
 * The default name finder: capitalised runs of the article (`tokens.ts`) cut at titles, days and sentence-initial
 * common words, each given a kind by word lists (`words.ts`) and, where they say nothing, by compromise's tags.
 * Pure: compromise runs without a DOM.
 */
import type nlpType from 'compromise';
import type { EntityKind } from '../../knowledge/schema';
import { CALENDAR, DESCRIPTORS, SENTENCE_STARTERS } from '../../match/context-words';
import { isEnglishWord } from '../english-words';
import { inCapitals, isPlaceWord, isProper, splitLeadingPlace, trimCommonNouns, type Tags } from './filters';
import { lowerCaseInstitutions } from './lower-names';
import { namesAnAge, ordinalBefore, SHARE_BUTTONS, shoutedInQuote } from './name-shapes';
import { bare, capitalisedRuns, tokenize, type Token } from './tokens';
import type { NameFinder, NameSpan } from './types';
import {
  GROUP_HEADS,
  MEDIA_HEADS,
  MEDIA_NAMES,
  NAME_PARTICLES,
  NAME_TITLES,
  NOT_NAMES,
  ORGANISATION_HEADS,
  PLACE_ACRONYMS,
  PLACE_HEADS,
  PLACE_PREPOSITIONS,
  TITLE_PREFIXES,
} from './words';

type Nlp = typeof nlpType;

/** A word without its glued article (`al-Qaeda` → `qaeda`), lower case. */
export function stem(word: string): string {
  return bare(word).replace(/^(?:al|el|as|ash|ad|ar|an|at|az)-/, '');
}

function isTitle(token: Token): boolean {
  const word = bare(token.word);
  return NAME_TITLES.has(word) || word.split('-').every((part) => NAME_TITLES.has(part));
}

function isDescriptor(token: Token): boolean {
  return DESCRIPTORS.has(bare(token.word).replace(/['’]/g, ''));
}

/** The compromise tags of each word, by start offset. */
function compromiseTags(nlp: Nlp, text: string): Map<number, Set<string>> {
  const tags = new Map<number, Set<string>>();
  const terms = (
    nlp(text).json({ offset: true, terms: { offset: true } }) as Array<{
      terms: Array<{ text: string; tags: string[]; offset: { start: number } }>;
    }>
  ).flatMap((sentence) => sentence.terms);
  for (const term of terms) {
    const lead = /^[^\p{L}\p{N}]*/u.exec(term.text)?.[0].length ?? 0;
    tags.set(term.offset.start + lead, new Set(term.tags));
  }
  return tags;
}

/** `I’m`, `We’re`, `I’d`: a pronoun and its verb, never a name (`I’m Michael Barbaro` opens with one). */
const CONTRACTION = /^(?:I|we|you|they|he|she|it|there|that|what|who|let)['’](?:m|re|d|ll|ve|s)$/i;

const HEADS = [ORGANISATION_HEADS, GROUP_HEADS, PLACE_HEADS, MEDIA_HEADS];

/** compromise reads the word as (part of) a name. */
function isProperWord(tags: ReadonlySet<string> | undefined): boolean {
  return ['ProperNoun', 'Person', 'FirstName', 'LastName', 'Place', 'Organization'].some((tag) => tags?.has(tag));
}

/** compromise takes the word for a verb (`Reducing`, `Follow`) and for nothing a name could be. */
function isVerbOnly(tags: ReadonlySet<string> | undefined): boolean {
  if (!tags || !(tags.has('Gerund') || tags.has('Infinitive') || tags.has('Imperative'))) return false;
  return !['Noun', 'ProperNoun', 'Person', 'FirstName', 'Place', 'Organization'].some((tag) => tags.has(tag));
}

/** Drops what opens a run without naming anything: sentence starters, days, a sentence's common first word. */
function trimStart(
  run: Token[],
  tags: Map<number, Set<string>>,
  alone?: (word: string) => ReadonlySet<string>,
): Token[] {
  let tokens = run;
  // `Facebook Twitter Pinterest A protester…`: share buttons glued to a caption.
  const shares = tokens.findIndex((token) => !SHARE_BUTTONS.has(token.word.toLowerCase()));
  if (shares !== 1 && shares !== 0) tokens = shares < 0 ? [] : tokens.slice(shares);
  const opens = (token: Token) =>
    CONTRACTION.test(token.word) ||
    (SENTENCE_STARTERS.has(bare(token.word)) && !/^\p{Lu}{2}/u.test(token.word)) ||
    CALENDAR.has(bare(token.word));
  while (tokens[0] && opens(tokens[0])) {
    tokens = tokens.slice(1);
  }
  const first = tokens[0];
  if (first && first.sentenceStart && tokens.length === 1 && /\p{Ll}ly$/u.test(first.word)) return [];
  // `Older U.S. administrations…`: a comparison opening the sentence qualifies the name after it.
  // (compromise may read it as a name in context: the word's own tags decide.)
  const own = first && alone ? alone(first.word) : first ? tags.get(first.start) : undefined;
  const degree = own?.has('Comparative') || own?.has('Superlative');
  if (first?.sentenceStart && tokens.length > 1 && degree && !isProperWord(own)) return tokens.slice(1);
  // `Reducing Iraq to…`, `Follow Mariya Petkova`: a verb opening the sentence is no part of the name after it.
  const firstTags = first ? tags.get(first.start) : undefined;
  // (`Transport Minister …`, `Transport Ministry`: a title or an institution's head makes the word a qualifier.)
  const qualifies = tokens
    .slice(1)
    .some((token) => isTitle(token) || HEADS.some((heads) => heads.has(stem(token.word))));
  if (first?.sentenceStart && tokens.length > 1 && isVerbOnly(firstTags) && !qualifies) return tokens.slice(1);
  if (first && first.sentenceStart && isEnglishWord(first.word)) {
    const rest = tokens.slice(1);
    if (
      rest.every(isDescriptor) ||
      tags.get(first.start)?.has('Adverb') ||
      (tags.get(first.start)?.has('Adjective') && rest.length === 1 && isDescriptor(rest[0] as Token))
    )
      return [];
  }
  return tokens;
}

/** Splits a run at days and months (`Baghdad Monday`), but not at a surname after a given name (`Theresa May`). */
function splitAtCalendar(run: Token[], tags: Map<number, Set<string>>): Token[][] {
  const parts: Token[][] = [[]];
  run.forEach((token, i) => {
    const previous = run[i - 1];
    // compromise reads both words as a person's (`Theresa May`), not the month as a date.
    const person = (at: Token) => tags.get(at.start)?.has('Person') || tags.get(at.start)?.has('FirstName');
    const surname = previous && person(previous) && person(token) && !CALENDAR.has(bare(previous.word));
    if (CALENDAR.has(bare(token.word)) && !surname) parts.push([]);
    else parts[parts.length - 1]?.push(token);
  });
  return parts.filter((part) => part.length > 0);
}

interface Piece {
  tokens: Token[];
  title: Token[];
}

/**
 * Cuts a title off the name it introduces: `U.S. Secretary of State Mike Pompeo` → `U.S.` (a name of its own) and
 * `Mike Pompeo` titled `U.S. Secretary of State`. A run whose last word makes it an institution keeps its title
 * words (`Foreign Ministry`).
 */
function splitTitle(run: Token[], isProperName: (token: Token) => boolean): Piece[] {
  const lastWord = stem(run[run.length - 1]?.word ?? '');
  if (ORGANISATION_HEADS.has(lastWord) || GROUP_HEADS.has(lastWord) || PLACE_HEADS.has(lastWord)) {
    return [{ tokens: run, title: [] }];
  }
  const k = run.findIndex((token, i) => isTitle(token) && run[i - 1]?.word !== 'of');
  if (k < 0) return [{ tokens: run, title: [] }];
  let j = k;
  while (j + 1 < run.length) {
    const next = run[j + 1];
    if (next && isTitle(next)) j++;
    else if (next && (next.word === 'of' || next.word === 'for') && run.length - (j + 3) >= 2) j += 2;
    else break;
  }
  const name = run.slice(j + 1);
  const left = run.slice(0, k);
  // `Iraqi`, `Grand`, `Army`, `Harbour`, `Transport`: words that qualify the title, not a name of their own.
  const leftIsTitle =
    left.length <= 2 &&
    left.every(
      (token) =>
        isDescriptor(token) ||
        TITLE_PREFIXES.has(bare(token.word)) ||
        GROUP_HEADS.has(bare(token.word)) ||
        ORGANISATION_HEADS.has(bare(token.word)) ||
        (isEnglishWord(token.word) && !isProperName(token)),
    );

  const title = leftIsTitle ? run.slice(0, j + 1) : run.slice(0, j + 1);
  const pieces: Piece[] = [];
  if (!leftIsTitle) pieces.push({ tokens: left, title: [] });
  if (name.length) pieces.push({ tokens: name, title });
  return pieces;
}

/** The kind of a name from its words; `sure` when a list or a title decided it. */
function kindOf(
  piece: Piece,
  tags: Map<number, Set<string>>,
  text: string,
  alone: (word: string) => ReadonlySet<string>,
): { kind: EntityKind; sure: boolean } {
  const { tokens } = piece;
  const stems = tokens.map((token) => stem(token.word));
  const first = stems[0] ?? '';
  const last = stems[stems.length - 1] ?? '';
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (stems.some((w) => MEDIA_NAMES.has(w)) || (tokens.length > 1 && MEDIA_HEADS.has(last))) {
    return { kind: 'media', sure: true };
  }
  if (stems.some((w) => GROUP_HEADS.has(w)) || stems.join(' ') === 'islamic state')
    return { kind: 'group', sure: true };
  // `Global Alliance to End Piracy`: the institution's head stands before `to`.
  const headBeforeTo = stems.some((word, i) => word === 'to' && ORGANISATION_HEADS.has(stems[i - 1] ?? ''));
  if (ORGANISATION_HEADS.has(first) || ORGANISATION_HEADS.has(last) || headBeforeTo)
    return { kind: 'organization', sure: true };
  if (PLACE_HEADS.has(last) || (tokens.length > 1 && PLACE_HEADS.has(first))) return { kind: 'place', sure: true };
  if (only && /^[\p{Lu}.]{2,6}$/u.test(only.word)) {
    return { kind: PLACE_ACRONYMS.has(bare(only.word).replace(/\.$/, '')) ? 'place' : 'organization', sure: true };
  }
  if (piece.title.length) return { kind: 'person', sure: true };
  if (only && alone(only.word).has('Place')) return { kind: 'place', sure: true };
  const tagged = (tag: string) => tokens.some((token) => tags.get(token.start)?.has(tag));
  const particle = tokens.some((t) => NAME_PARTICLES.has(t.word.toLowerCase()) || /^\p{Ll}{1,3}-\p{Lu}/u.test(t.word));
  if (particle && !tagged('Place')) return { kind: 'person', sure: tokens.length > 1 };
  if (tagged('Country') || tagged('City') || tagged('Region') || (only && tagged('Place'))) {
    return { kind: 'place', sure: true };
  }
  if (tagged('FirstName') || tagged('LastName') || tagged('Person') || tagged('Honorific')) {
    return { kind: 'person', sure: tokens.length > 1 };
  }
  if (tagged('Organization')) return { kind: 'organization', sure: true };
  if (tagged('Place')) return { kind: 'place', sure: false };
  if (only && PLACE_PREPOSITIONS.has(previousWord(text, only.start))) return { kind: 'place', sure: false };
  return { kind: tokens.length > 1 ? 'person' : 'organization', sure: false };
}

/** The lower-case word right before `at`. */
function previousWord(text: string, at: number): string {
  return /(\p{L}+)\s+$/u.exec(text.slice(Math.max(0, at - 30), at))?.[1]?.toLowerCase() ?? '';
}

/** Whether a piece names nothing: titles, demonyms and days alone, single letters, a dateline in capitals. */
function namesNothing(piece: Piece, text: string): boolean {
  const { tokens } = piece;
  if (tokens.every((t) => isTitle(t) || isDescriptor(t) || CALENDAR.has(bare(t.word)))) return true;
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (!only) return false;
  if (NOT_NAMES.has(bare(only.word)) || only.word.length < 2 || /^\p{N}/u.test(only.word) || only.word === 'I')
    return true;
  if (CONTRACTION.test(only.word)) return true;
  const atLineStart = only.start === 0 || text[only.start - 1] === '\n';
  return atLineStart && /^\p{Lu}{4,}$/u.test(only.word);
}

/** `US-Iraq relations`: two places joined by a hyphen make an adjective, not a name. */
function placePair(piece: Piece, tags: Tags): boolean {
  const only = piece.tokens.length === 1 ? piece.tokens[0] : undefined;
  const parts = only?.word.split('-') ?? [];
  if (!only || parts.length !== 2 || tags.alone(only.word).has('Country')) return false;
  return parts.every((part, i) => isPlaceWord({ ...only, word: part, start: only.start + i }, tags));
}

/**
 * `Dock workers at…`, `Government officials said…`: a lone common word (the article writes it in lower case too)
 * opening a sentence before the noun it qualifies names nothing.
 */
function modifierAtStart(piece: Piece, text: string, tags: Map<number, Set<string>>, lookup: Tags): boolean {
  const only = piece.tokens.length === 1 ? piece.tokens[0] : undefined;
  if (!only?.sentenceStart || only.possessive || isProper(only, lookup) || !lookup.lowerCase(only.word)) return false;
  const next = /^ (\p{Ll}[\p{L}-]*)/u.exec(text.slice(only.end, only.end + 30));
  if (!next) return false;
  const nextTags = tags.get(only.end + 1);
  return !!nextTags?.has('Noun') && !nextTags.has('Verb');
}

/** `Amira, a 25-year-old protester,` / `Mazin, 22,`: a name given an age is a person's. */
function givenAnAge(text: string, end: number): boolean {
  return /^,\s+(?:an?\s+)?\d{1,3}(?:-year-old\b|,)/.test(text.slice(end, end + 24));
}

/** Where the dateline that opens the article ends (`BAGHDAD (Reuters) -`): its names are credits, not actors. */
function datelineEnd(text: string): number {
  const match = /^(?:[A-Z][A-Z.'’ ,/-]{2,60}?\s*)?\([^)\n]{1,40}\)\s*(?:--|[-–—:])?\s/.exec(text);
  return match ? match[0].length : 0;
}

/**
 * Words the article writes capitalised away from a sentence's start, and that are neither English, titles, demonyms
 * nor days (`Marek` of `Teodora Marek`, `Ostrava` in `talks in Ostrava`): names, also where a sentence opens with
 * them.
 */
function wordsOfNames(runs: readonly Token[][], text: string): Set<string> {
  const named = new Set<string>();
  for (const run of runs) {
    if (inCapitals(text, run[0]?.start ?? 0)) continue;
    const aged = run.length === 1 && run[0] && givenAnAge(text, run[0].end);
    for (const token of run) {
      if (aged && !isEnglishWord(token.word)) named.add(token.word);
      if (token.sentenceStart || isTitle(token) || isDescriptor(token) || isEnglishWord(token.word)) continue;
      if (CALENDAR.has(bare(token.word)) || /^[\p{Lu}.]+$/u.test(token.word)) continue;
      if (/^\p{Lu}/u.test(token.word) && (run.length > 1 || text[token.start - 2] !== '.')) named.add(token.word);
    }
  }
  return named;
}

/** The default {@link NameFinder}, over compromise. */
export function compromiseNameFinder(nlp: Nlp): NameFinder {
  return (text: string): NameSpan[] => {
    const tags = compromiseTags(nlp, text);
    const cache = new Map<string, ReadonlySet<string>>();
    // A word's tags out of context: the lexicon's (`Lebanon` is a country even before `news network`).
    const alone = (word: string): ReadonlySet<string> => {
      const found = cache.get(word) ?? new Set(nlp(word).json()[0]?.terms?.[0]?.tags ?? []);
      cache.set(word, found);
      return found;
    };
    const none: ReadonlySet<string> = new Set();
    const runs = capitalisedRuns(text, tokenize(text));
    const namedWords = wordsOfNames(runs, text);
    const lowerWords = new Set(text.match(/(?<![\p{L}'’-])\p{Ll}[\p{L}'’-]*/gu) ?? []);
    const lookup: Tags = {
      at: (start) => tags.get(start) ?? none,
      alone,
      named: (word) => namedWords.has(word),
      lowerCase: (word) => lowerWords.has(word.toLowerCase()),
    };
    const spans: NameSpan[] = [];
    const dateline = datelineEnd(text);
    for (const run of runs) {
      if ((run[0]?.start ?? 0) < dateline) continue;
      for (const part of splitAtCalendar(trimStart(run, tags, alone), tags)) {
        for (const piece of splitTitle(part, (token) => isProper(token, lookup)).flatMap((p) =>
          splitLeadingPlace(p.tokens, lookup).map((tokens, i) => ({ tokens, title: i === 0 ? p.title : [] })),
        )) {
          if (inCapitals(text, piece.tokens[0]?.start ?? 0)) continue;
          const trimmed = { ...piece, tokens: trimCommonNouns(trimStart(piece.tokens, tags), lookup) };
          const firstToken = trimmed.tokens[0];
          const lastToken = trimmed.tokens[trimmed.tokens.length - 1];
          if (!firstToken || !lastToken || namesNothing(trimmed, text)) continue;
          if (placePair(trimmed, lookup) || modifierAtStart(trimmed, text, tags, lookup)) continue;
          if (shoutedInQuote(trimmed.tokens, text) || namesAnAge(trimmed.tokens)) continue;
          const aged = trimmed.tokens.length === 1 && givenAnAge(text, lastToken.end);
          const { kind, sure } = aged ? { kind: 'person' as const, sure: true } : kindOf(trimmed, tags, text, alone);
          const title = trimmed.title.length
            ? text.slice(trimmed.title[0]?.start ?? 0, trimmed.title[trimmed.title.length - 1]?.end ?? 0)
            : null;
          const start = ordinalBefore(text, firstToken.start, stem(lastToken.word));
          spans.push({
            text: text.slice(start, lastToken.end),
            start,
            end: lastToken.end,
            kind,
            sure,
            title,
          });
        }
      }
    }
    // `the state department`, `The Russian foreign ministry`: institutions written in lower case replace the
    // capitalised words they contain (the demonym).
    const lower = lowerCaseInstitutions(text).filter((span) => span.start >= dateline);
    const overlaps = (span: NameSpan) => lower.some((other) => span.start < other.end && other.start < span.end);
    return [...spans.filter((span) => !overlaps(span)), ...lower].sort((a, b) => a.start - b.start);
  };
}
