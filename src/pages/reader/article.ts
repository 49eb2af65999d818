/**
 * The source article as DOM for the reader page: headline, dateline and date, and paragraphs in which every
 * sentence is an element with id `s-<n>` and every direct quote one with id `q-<n>` (the pack's ids), so
 * `reader.html#q-3` and `#s-12` land on them. Text only through `textContent`. The document is a parameter.
 */
import type { Pack } from '../../knowledge/schema';
import { formatDate, sentenceAnchor } from '../../card/model';
import { h } from '../../shared/dom';

interface Piece {
  readonly start: number;
  readonly end: number;
  /** The quote this piece belongs to, if any. */
  readonly quote: string | null;
}

/** Cuts `[start, end)` at the edges of the quotes that overlap it. Pure. */
export function piecesOf(
  start: number,
  end: number,
  quotes: readonly { readonly id: string; readonly start: number; readonly end: number }[],
): Piece[] {
  const pieces: Piece[] = [];
  let at = start;
  for (const quote of quotes) {
    const from = Math.max(quote.start, start);
    const to = Math.min(quote.end, end);
    if (to <= from || from < at) continue;
    if (from > at) pieces.push({ start: at, end: from, quote: null });
    pieces.push({ start: from, end: to, quote: quote.id });
    at = to;
  }
  if (at < end) pieces.push({ start: at, end, quote: null });
  return pieces;
}

/** Builds the article element (`<article class="rd-article">`). */
export function renderArticle(doc: Document, pack: Pack): HTMLElement {
  const { source } = pack;
  const text = source.text;
  const article = h(doc, 'article', 'rd-article');
  const time = h(doc, 'time', '', formatDate(source.date));
  time.dateTime = source.date;
  const dateline = h(doc, 'p', 'rd-dateline');
  dateline.append(h(doc, 'span', '', source.dateline), doc.createTextNode(' · '), time);
  const header = h(doc, 'header');
  header.append(h(doc, 'h1', 'rd-title', source.title), dateline);
  article.append(header);

  const quotes = [...pack.quotes].sort((a, b) => a.start - b.start);
  const seenQuotes = new Set<string>();
  for (const paragraph of source.paragraphs) {
    const p = h(doc, 'p', 'rd-paragraph');
    p.id = paragraph.id;
    let at = paragraph.start;
    const sentences = source.sentences.filter((s) => s.start >= paragraph.start && s.end <= paragraph.end);
    for (const sentence of sentences) {
      if (sentence.start > at) p.append(doc.createTextNode(text.slice(at, sentence.start)));
      const span = h(doc, 'span', 'rd-sentence');
      span.id = sentenceAnchor(sentence.id);
      span.tabIndex = -1;
      for (const piece of piecesOf(sentence.start, sentence.end, quotes)) {
        const words = text.slice(piece.start, piece.end);
        if (!piece.quote) {
          span.append(doc.createTextNode(words));
          continue;
        }
        const quote = h(doc, 'span', 'rd-quote', words);
        quote.dataset.quote = piece.quote;
        // A quote that runs over two sentences is split; its first piece carries the anchor.
        if (!seenQuotes.has(piece.quote)) {
          seenQuotes.add(piece.quote);
          quote.id = piece.quote;
          quote.tabIndex = -1;
        }
        span.append(quote);
      }
      p.append(span);
      at = sentence.end;
    }
    if (at < paragraph.end) p.append(doc.createTextNode(text.slice(at, paragraph.end)));
    article.append(p);
  }
  return article;
}
