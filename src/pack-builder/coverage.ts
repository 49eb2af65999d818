/**
 * The coverage check: every proper name an English NLP library (compromise) finds in the article must be an alias
 * or demonym of an entity, or an explicit, commented ignore. Pure (compromise runs without a DOM).
 */
import nlp from 'compromise';
import type { Anchor } from './anchor';

/** Titles and words compromise tags as part of a name that are not names themselves. */
const NOT_NAMES = new Set([
  'president',
  'prime',
  'minister',
  'general',
  'speaker',
  'parliament',
  'senior',
  'prominent',
  'several',
  'we',
  'the',
  'a',
  'an',
]);

export interface UncoveredName {
  /** The name as written in the article. */
  name: string;
  start: number;
  end: number;
}

interface CompromiseTerm {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}

/**
 * Returns the proper-name words in `text` that no anchor covers and no ignore lists, grouped into the runs
 * compromise found them in.
 */
export function findUncoveredNames(
  text: string,
  anchors: readonly Anchor[],
  ignored: readonly string[],
): UncoveredName[] {
  const ignoredWords = new Set(ignored.flatMap((name) => name.toLowerCase().split(/\s+/)));
  const covered = (start: number, end: number) => anchors.some((anchor) => anchor.start <= start && end <= anchor.end);
  const doc = nlp(text);
  const phrases = [doc.match('#ProperNoun+'), doc.people(), doc.places(), doc.organizations()].flatMap(
    (view) => view.json({ offset: true, terms: { offset: true } }) as Array<{ terms: CompromiseTerm[] }>,
  );
  const uncovered = new Map<number, UncoveredName>();
  for (const phrase of phrases) {
    let run: UncoveredName | null = null;
    for (const term of phrase.terms) {
      const word = term.text.replace(/['’]s$/, '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '');
      const start = term.offset.start + term.text.indexOf(word);
      const end = start + word.length;
      const isName =
        /^\p{Lu}/u.test(word) &&
        !NOT_NAMES.has(word.toLowerCase()) &&
        !ignoredWords.has(word.toLowerCase()) &&
        !covered(start, end);
      if (isName && !uncovered.has(start)) {
        if (run && start - run.end <= 1) {
          run.end = end;
          run.name = text.slice(run.start, end);
        } else {
          run = { name: word, start, end };
        }
        uncovered.set(start, run);
      } else {
        run = null;
      }
    }
  }
  const unique = new Map<string, UncoveredName>();
  for (const name of uncovered.values()) unique.set(`${name.start}:${name.end}`, name);
  return [...unique.values()].sort((a, b) => a.start - b.start);
}
