/**
 * The alignment of a page's words with one quote's words, from a seed outwards: matched words, the few word edits a
 * run tolerates, and ellipses that skip quote words. `walk` counts; given an `edits` list it also records each edit
 * and elision, which is how a chosen run learns its fidelity (`fidelity.ts`).
 */
import type { UintArray } from './packed';
import type { WordStream } from './quote-words';

/** How far past an ellipsis the quote is searched for the page's next word. */
const MAX_ELLIPSIS_SKIP = 60;

/** Values of `contentAt`: a function word (or single letter), a content word, a content word inside a pack name. */
export const NOT_CONTENT = 0;
export const CONTENT = 1;
export const NAME_CONTENT = 2;

/** Kinds of {@link Edit}. */
export const REPLACED = 0;
export const ADDED = 1;
export const DROPPED = 2;
export const ELIDED = 3;

/**
 * One departure from the quote, in word positions: page word `p` and quote word `q`.
 * - {@link REPLACED}: page word `p` stands for quote word `q`;
 * - {@link ADDED}: page word `p` is extra; `q` is the quote word after it in reading order;
 * - {@link DROPPED}: quote word `q` is missing; `p` is the page word after the gap in reading order;
 * - {@link ELIDED}: the ellipsis just before page word `p` stands for quote words `q … qLast`.
 */
export interface Edit {
  readonly kind: number;
  readonly p: number;
  readonly q: number;
  readonly qLast: number;
}

/** The result of one {@link walk}. */
export interface Walk {
  /** Page and quote positions of the last word matched (the start position minus `dir` when none). */
  lastP: number;
  lastQ: number;
  matched: number;
  /** Matched content words (see `QuoteTables.contentAt`), and those of them outside the pack's names. */
  content: number;
  beyondNames: number;
  edits: number;
}

/** One quote as a walk reads it: its words as vocabulary ids, and what each position counts as ({@link CONTENT}…). */
export interface WalkQuote {
  readonly words: UintArray;
  readonly contentAt: UintArray;
}

/**
 * Extends an alignment from page word `p` / quote word `q` in direction `dir` (±1) as far as it goes, spending at
 * most `budget` edits. An edit is taken only when the two words after it match, so a run never ends on an edit
 * and two unrelated sentences do not chain together through edits. Pages words before `minP` or outside block
 * `blockNo` are never read. With `edits`, every edit and elision is pushed there, in walking order.
 */
export function walk(
  page: WordStream,
  quote: WalkQuote,
  p: number,
  q: number,
  dir: 1 | -1,
  budget: number,
  minP: number,
  blockNo: number,
  edits: Edit[] | null = null,
): Walk {
  const { words, contentAt } = quote;
  const result: Walk = { lastP: p - dir, lastQ: q - dir, matched: 0, content: 0, beyondNames: 0, edits: 0 };
  const pageOk = (pp: number): boolean => pp >= minP && pp < page.count && page.block[pp] === blockNo;
  const eq = (pp: number, qq: number): boolean =>
    pageOk(pp) && qq >= 0 && qq < words.length && page.id[pp] === words[qq] && (words[qq] as number) >= 0;
  /** Records an edit in reading order terms: positions after a gap are taken on the far side in a backward walk. */
  const record = (kind: number, pp: number, qq: number, qLast = qq): void => {
    edits?.push({ kind, p: pp, q: qq, qLast });
  };
  while (pageOk(p) && q >= 0 && q < words.length) {
    if (page.id[p] === words[q]) {
      result.matched++;
      const c = contentAt[q] as number;
      if (c !== NOT_CONTENT) result.content++;
      if (c === CONTENT) result.beyondNames++;
      result.lastP = p;
      result.lastQ = q;
      p += dir;
      q += dir;
      continue;
    }
    // An ellipsis in the gap between the last matched page word and this one: the page skipped quote words.
    const gapEllipsis = dir > 0 ? page.ellipsis[p] === 1 : page.ellipsis[p + 1] === 1;
    if (gapEllipsis && p === result.lastP + dir) {
      let found = -1;
      for (let k = 1; k <= MAX_ELLIPSIS_SKIP; k++) {
        const qq = q + dir * k;
        if (qq < 0 || qq >= words.length) break;
        if (eq(p, qq) && eq(p + dir, qq + dir)) {
          found = qq;
          break;
        }
      }
      if (found >= 0) {
        if (dir > 0) record(ELIDED, p, q, found - 1);
        else record(ELIDED, p + 1, found + 1, q);
        q = found;
        continue;
      }
    }
    if (result.edits < budget) {
      const d = dir;
      if (eq(p + d, q + d) && eq(p + 2 * d, q + 2 * d)) {
        // One word changed: `by the end of the year` for `at the end of the year`.
        record(REPLACED, p, q);
        p += d;
        q += d;
        result.edits++;
        continue;
      }
      if (eq(p + d, q) && eq(p + 2 * d, q + d)) {
        // An extra word on the page.
        record(ADDED, p, dir > 0 ? q : q + 1);
        p += d;
        result.edits++;
        continue;
      }
      if (eq(p, q + d) && eq(p + d, q + 2 * d)) {
        // A quote word missing on the page.
        record(DROPPED, dir > 0 ? p : p + 1, q);
        q += d;
        result.edits++;
        continue;
      }
    }
    break;
  }
  return result;
}
