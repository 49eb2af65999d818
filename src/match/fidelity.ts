/**
 * Quote fidelity: how a page's version of a quote compares with the source's, built from the alignment that found
 * the run (`quote-walk.ts`): which stretch of the source it quotes, which words differ, which ellipses stand for
 * source words. Pure data, offsets into the scanned text and into the source quote's text.
 */
import { normalize, toOriginal, type Normalized } from './normalize';
import { ADDED, DROPPED, ELIDED, REPLACED, type Edit } from './quote-walk';
import { tokenize, type WordStream } from './quote-words';
import type { QuoteElision, QuoteFidelity, QuoteFidelityState, QuoteWordChange } from './types';

/** A source quote's words as offsets into its text. */
export interface SourceWords {
  readonly text: string;
  readonly start: readonly number[];
  readonly end: readonly number[];
}

/** The words of a source quote, tokenised exactly as the quote index was (so positions agree), mapped to `text`. */
export function sourceWords(text: string): SourceWords {
  const norm = normalize(text);
  const stream = tokenize(norm.folded, () => 0);
  const start: number[] = [];
  const end: number[] = [];
  for (let k = 0; k < stream.count; k++) {
    const span = toOriginal(norm, stream.start[k] as number, stream.end[k] as number);
    start.push(span.start);
    end.push(span.end);
  }
  return { text, start, end };
}

/** The run a fidelity describes: its quote positions and its recorded edits. */
export interface AlignedRun {
  readonly firstQ: number;
  readonly lastQ: number;
  readonly edits: readonly Edit[];
}

/** Offsets in `norm.source` of the ellipsis in the gap before page word `p` (the dots, `…` included). */
function ellipsisBefore(norm: Normalized, page: WordStream, p: number): { start: number; end: number } {
  const from = p > 0 ? (page.end[p - 1] as number) : 0;
  const to = page.start[p] as number;
  const first = norm.folded.indexOf('...', from);
  if (first < 0 || first >= to) return toOriginal(norm, from, to);
  let last = first;
  while (last < to && norm.folded.charCodeAt(last) === 0x2e /* . */) last++;
  return toOriginal(norm, first, last);
}

/** Builds the fidelity of a run of `source` found on the page `norm` / `page`. */
export function quoteFidelity(norm: Normalized, page: WordStream, source: SourceWords, run: AlignedRun): QuoteFidelity {
  const total = source.start.length;
  const pageWord = (p: number): { start: number; end: number; text: string } => {
    const span = toOriginal(norm, page.start[p] as number, page.end[p] as number);
    return { ...span, text: norm.source.slice(span.start, span.end) };
  };
  const sourceText = (from: number, to: number): string => source.text.slice(from, to);
  const changed: QuoteWordChange[] = [];
  const elided: QuoteElision[] = [];
  const ordered = [...run.edits].sort((a, b) => a.p - b.p || a.q - b.q);
  for (const edit of ordered) {
    if (edit.kind === ELIDED) {
      const dots = ellipsisBefore(norm, page, edit.p);
      const sourceStart = source.start[edit.q] as number;
      const sourceEnd = source.end[edit.qLast] as number;
      elided.push({
        pageStart: dots.start,
        pageEnd: dots.end,
        source: sourceText(sourceStart, sourceEnd),
        sourceStart,
        sourceEnd,
        words: edit.qLast - edit.q + 1,
      });
      continue;
    }
    if (edit.kind === REPLACED) {
      const w = pageWord(edit.p);
      const s = source.start[edit.q] as number;
      const e = source.end[edit.q] as number;
      changed.push({ kind: 'replaced', page: w.text, pageStart: w.start, pageEnd: w.end, ...sourcePart(s, e) });
    } else if (edit.kind === ADDED) {
      const w = pageWord(edit.p);
      const at = edit.q > 0 ? (source.end[edit.q - 1] as number) : (source.start[edit.q] as number);
      changed.push({ kind: 'added', page: w.text, pageStart: w.start, pageEnd: w.end, ...sourcePart(at, at) });
    } else if (edit.kind === DROPPED) {
      const at = pageWord(edit.p - 1).end;
      const s = source.start[edit.q] as number;
      const e = source.end[edit.q] as number;
      changed.push({ kind: 'dropped', page: '', pageStart: at, pageEnd: at, ...sourcePart(s, e) });
    }
  }
  const whole = run.firstQ === 0 && run.lastQ === total - 1;
  const state: QuoteFidelityState =
    changed.length > 0 ? 'changed' : elided.length > 0 ? 'elided' : whole ? 'verbatim' : 'shortened';
  return {
    state,
    verbatim: state === 'verbatim',
    shortened: whole
      ? null
      : {
          firstWord: run.firstQ,
          lastWord: run.lastQ,
          totalWords: total,
          sourceStart: source.start[run.firstQ] as number,
          sourceEnd: source.end[run.lastQ] as number,
        },
    changed,
    elided,
  };

  function sourcePart(s: number, e: number): { source: string; sourceStart: number; sourceEnd: number } {
    return { source: sourceText(s, e), sourceStart: s, sourceEnd: e };
  }
}
