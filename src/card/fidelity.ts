/**
 * Quote fidelity as the quote card and the popup show it: pure data, no DOM. The matcher says how a page's version
 * of a quote compares with the source's (`QuoteFidelity`, offsets into the page and the quote); `fidelityFacts`
 * keeps what can be shown anywhere (the words themselves, no page offsets) and is what crosses to the popup;
 * `fidelityView` turns those facts into labels and lines. "Words changed" leads everything: a reader cares most when
 * a quote was altered.
 */
import type { QuoteFidelity, QuoteFidelityState, QuoteWordChange } from '../match/types';

/** Most word changes and most elisions kept in the facts (a run tolerates few edits; the rest is noise). */
export const MAX_FIDELITY_ITEMS = 8;
/** Longest text of one word change, elided stretch or quoted part kept in the facts. */
export const MAX_FIDELITY_CHARS = 300;

/** The states, most telling first. */
export const FIDELITY_STATES = [
  'changed',
  'elided',
  'shortened',
  'verbatim',
] as const satisfies readonly QuoteFidelityState[];

/** What each state is called, as text (the state is never told by colour alone). */
export const FIDELITY_LABEL: Readonly<Record<QuoteFidelityState, string>> = {
  changed: 'Words changed',
  elided: 'Elided',
  shortened: 'Shortened',
  verbatim: 'Verbatim',
};

/** How a page's version of a quote compares with the source, in words only: what the card and the popup show. */
export interface FidelityFacts {
  readonly state: QuoteFidelityState;
  /** Every word that differs, page order: the page's word and the source's (either may be empty). */
  readonly changed: readonly {
    readonly kind: QuoteWordChange['kind'];
    readonly page: string;
    readonly source: string;
  }[];
  /** Every ellipsis that stands for source words: those words and how many. */
  readonly elided: readonly { readonly source: string; readonly words: number }[];
  /** The stretch of the source quote the page quotes, when not all of it: word positions (0-based) and its text. */
  readonly shortened: {
    readonly firstWord: number;
    readonly lastWord: number;
    readonly totalWords: number;
    readonly text: string;
  } | null;
}

/** A word change as shown: the page's word next to the source's, quoted, or "(no word)" where one side has none. */
export interface WordChangeView {
  readonly kind: QuoteWordChange['kind'];
  readonly page: string;
  readonly source: string;
}

/** An ellipsis as shown: the source words it stands for, quoted. */
export interface ElisionView {
  readonly source: string;
  readonly words: number;
}

/** Everything the card and the popup show of a quote's fidelity. */
export interface FidelityView {
  readonly state: QuoteFidelityState;
  /** "Words changed", "Elided", "Shortened", "Verbatim". */
  readonly label: string;
  /** One sentence on what the state means here: "1 word differs from the source." */
  readonly note: string;
  /** Word changes, page order. */
  readonly changes: readonly WordChangeView[];
  /** Elisions, page order. */
  readonly elisions: readonly ElisionView[];
  /** The part of the source quote the page quotes, quoted, when not all of it. */
  readonly excerpt: string | null;
  /** One line for a list (the popup): the changes, else the elisions, else the quoted part; empty for verbatim. */
  readonly line: string;
}

/** Shown where one side of a change has no word. */
export const NO_WORD = '(no word)';

const cut = (text: string): string =>
  text.length > MAX_FIDELITY_CHARS ? `${text.slice(0, MAX_FIDELITY_CHARS - 1).trimEnd()}…` : text;

/** The facts of a matcher's fidelity of the quote `quoteText` (its source offsets index that text). Pure. */
export function fidelityFacts(fidelity: QuoteFidelity, quoteText: string): FidelityFacts {
  const part = fidelity.shortened;
  return {
    state: fidelity.state,
    changed: fidelity.changed
      .slice(0, MAX_FIDELITY_ITEMS)
      .map((change) => ({ kind: change.kind, page: cut(change.page), source: cut(change.source) })),
    elided: fidelity.elided
      .slice(0, MAX_FIDELITY_ITEMS)
      .map((elision) => ({ source: cut(elision.source), words: elision.words })),
    shortened: part
      ? {
          firstWord: part.firstWord,
          lastWord: part.lastWord,
          totalWords: part.totalWords,
          text: cut(quoteText.slice(part.sourceStart, part.sourceEnd)),
        }
      : null,
  };
}

/** Of several fidelities of one quote (its marks on a page), the most telling; the first of equals. Null if none. */
export function mostTelling<T extends { readonly state: QuoteFidelityState }>(fidelities: readonly T[]): T | null {
  let best: T | null = null;
  for (const fidelity of fidelities) {
    if (!best || FIDELITY_STATES.indexOf(fidelity.state) < FIDELITY_STATES.indexOf(best.state)) best = fidelity;
  }
  return best;
}

const quoted = (text: string): string => (text ? `“${text}”` : NO_WORD);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function noteOf(facts: FidelityFacts): string {
  const part = facts.shortened;
  switch (facts.state) {
    case 'changed': {
      const n = facts.changed.length;
      return `${plural(n, 'word differs', 'words differ')} from the source.`;
    }
    case 'elided': {
      const words = facts.elided.reduce((sum, elision) => sum + elision.words, 0);
      const marks = facts.elided.length;
      return `${marks === 1 ? 'An ellipsis stands' : `${marks} ellipses stand`} for ${plural(words, 'word', 'words')} of the source.`;
    }
    case 'shortened':
      return part
        ? `Part of the quote: words ${part.firstWord + 1}–${part.lastWord + 1} of ${part.totalWords}.`
        : 'Part of the quote.';
    case 'verbatim':
      return 'The whole quote, word for word.';
  }
}

/** A change in one phrase: "“by” for “at”", "“really” added", "“the” left out". */
function changeLine(change: WordChangeView): string {
  if (change.kind === 'added') return `${change.page} added`;
  if (change.kind === 'dropped') return `${change.source} left out`;
  return `${change.page} for ${change.source}`;
}

/** What the card and the popup show of `facts`. Pure. */
export function fidelityView(facts: FidelityFacts): FidelityView {
  const changes = facts.changed.map((change) => ({
    kind: change.kind,
    page: quoted(change.page),
    source: quoted(change.source),
  }));
  const elisions = facts.elided.map((elision) => ({ source: quoted(elision.source), words: elision.words }));
  const excerpt = facts.shortened ? quoted(facts.shortened.text) : null;
  let line = '';
  if (changes.length) line = changes.map(changeLine).join('; ');
  else if (elisions.length) line = elisions.map((elision) => `… for ${elision.source}`).join('; ');
  else if (excerpt && facts.state === 'shortened') line = `Quotes ${excerpt}`;
  return {
    state: facts.state,
    label: FIDELITY_LABEL[facts.state],
    note: noteOf(facts),
    changes,
    elisions,
    excerpt,
    line,
  };
}
