/**
 * The words around a mention, as the namesake rules (`namesakes.ts`) read them in one scanned text: the word just
 * before or after (one space away), its shape (capitalised, a name's shape, capitals), whether its line is Title
 * Case, and the word that decides after up to two modifiers. Lines are found once, by binary search.
 */
import { isUpperUnit, isWordAt } from './chars';
import { LOWER_CASE_ORGANISATION_WORDS, NAME_MODIFIERS, ORGANISATION_WORDS } from './context-words';
import type { Normalized } from './normalize';

/** A word of the normalised text, `[start, end)`, in folded form. */
export interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Share of capitalised long words from which a line counts as Title Case, and the least number of such words. */
const TITLE_CASE_SHARE = 0.8;
const TITLE_CASE_MIN_WORDS = 4;
const TITLE_CASE_MIN_LENGTH = 4;

/** What the rules read of a text; see {@link readWords}. */
export interface WordReader {
  /** The word ending one space before `at`, or null (a comma, a full stop, a line start between). */
  wordBefore(at: number): Word | null;
  /** The word starting one space after `at`, or null. */
  wordAfter(at: number): Word | null;
  /** Its first letter is a capital. */
  capitalised(w: Word): boolean;
  /** Capitalised with a lower-case letter after (`Ivanka`), not an acronym or a word in capitals. */
  nameShaped(w: Word): boolean;
  /** `[start, end)` has no lower-case letter. */
  inCapitals(start: number, end: number): boolean;
  /** The line of `[skipStart, skipEnd)` is Title Case without those words (most long words capitalised). */
  titleCase(skipStart: number, skipEnd: number): boolean;
  /** The word after `end` past up to two capitalised modifiers (`International`, `National`). */
  decidingWordAfter(end: number): Word | null;
  /** An organisation word (`FC`, `University`; `club` in lower case too). */
  isOrganisationWord(w: Word): boolean;
}

/** The word reader of one normalised text. */
export function readWords(norm: Normalized): WordReader {
  const { folded, cased } = norm;
  /** Offsets of the text's line breaks, found once on first need (a scan may hold a megabyte on one line). */
  let breaks: number[] | null = null;
  /** The line `[start, end)` holding offset `at`, by binary search over the breaks. */
  const lineAround = (at: number): [number, number] => {
    if (!breaks) {
      breaks = [];
      for (let i = folded.indexOf('\n'); i >= 0; i = folded.indexOf('\n', i + 1)) breaks.push(i);
    }
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) < at) lo = mid + 1;
      else hi = mid;
    }
    return [lo > 0 ? (breaks[lo - 1] as number) + 1 : 0, lo < breaks.length ? (breaks[lo] as number) : folded.length];
  };
  /** Per line start: its long words and how many of them are capitalised. */
  const lineCounts = new Map<number, { long: number; upper: number }>();

  const wordBefore = (at: number): Word | null => {
    if (folded.charCodeAt(at - 1) !== 32 || !isWordAt(folded, at - 2)) return null;
    let s = at - 2;
    while (isWordAt(folded, s - 1)) s--;
    return { start: s, end: at - 1, text: folded.slice(s, at - 1) };
  };
  const wordAfter = (at: number): Word | null => {
    if (folded.charCodeAt(at) !== 32 || !isWordAt(folded, at + 1)) return null;
    let e = at + 1;
    while (isWordAt(folded, e)) e++;
    return { start: at + 1, end: e, text: folded.slice(at + 1, e) };
  };
  const capitalised = (w: Word): boolean => isUpperUnit(cased.charCodeAt(w.start));
  /** Capitalised with lower case after (`Ivanka`), not an acronym or a word in capitals. */
  const nameShaped = (w: Word): boolean => {
    const rest = cased.slice(w.start + 1, w.end);
    return w.end - w.start >= 2 && capitalised(w) && rest !== rest.toUpperCase();
  };
  /** Long words of `[from, to)` and how many are capitalised. */
  const countWords = (from: number, to: number): { long: number; upper: number } => {
    let long = 0;
    let upper = 0;
    for (let i = from; i < to;) {
      if (!isWordAt(folded, i)) {
        i++;
        continue;
      }
      let j = i;
      while (isWordAt(folded, j)) j++;
      if (j - i >= TITLE_CASE_MIN_LENGTH) {
        long++;
        if (isUpperUnit(cased.charCodeAt(i))) upper++;
      }
      i = j;
    }
    return { long, upper };
  };
  /**
   * Whether the line around `[skipStart, skipEnd)` (the mention and its neighbour, on word boundaries) is Title Case
   * without them: most of its long words capitalised. Counted once per line.
   */
  const titleCase = (skipStart: number, skipEnd: number): boolean => {
    const [lineStart, lineEnd] = lineAround(skipStart);
    let line = lineCounts.get(lineStart);
    if (!line) {
      line = countWords(lineStart, lineEnd);
      lineCounts.set(lineStart, line);
    }
    const skipped = countWords(skipStart, skipEnd);
    const long = line.long - skipped.long;
    return long >= TITLE_CASE_MIN_WORDS && line.upper - skipped.upper >= TITLE_CASE_SHARE * long;
  };
  /** Whether the text is in capitals around the mention (a headline in capitals): no capital tells anything. */
  const inCapitals = (start: number, end: number): boolean => {
    const text = cased.slice(start, end);
    return text === text.toUpperCase();
  };

  /** The words after `end`: up to two modifiers, then the word that decides; null when there is none. */
  const decidingWordAfter = (end: number): Word | null => {
    let w = wordAfter(end);
    for (let k = 0; k < 2 && w && NAME_MODIFIERS.has(w.text) && capitalised(w); k++) {
      const next = wordAfter(w.end);
      if (!next) break;
      w = next;
    }
    return w;
  };
  const isOrganisationWord = (w: Word): boolean =>
    ORGANISATION_WORDS.has(w.text) && (capitalised(w) || LOWER_CASE_ORGANISATION_WORDS.has(w.text));

  return {
    wordBefore,
    wordAfter,
    capitalised,
    nameShaped,
    inCapitals,
    titleCase,
    decidingWordAfter,
    isOrganisationWord,
  };
}
