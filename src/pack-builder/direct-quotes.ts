/**
 * Finds the direct quotes of the source article (curly or straight double quotes, single ones where a paragraph has
 * none), paragraph by paragraph. Pure.
 */
import type { Paragraph, Sentence } from '../knowledge/schema';

export interface RawQuote {
  /** Span of the quoted words (inside the marks). */
  start: number;
  end: number;
  /** Span including the quotation marks. */
  outerStart: number;
  outerEnd: number;
  paragraph: Paragraph;
}

/** Finds direct quotes (curly or straight double quotes) paragraph by paragraph. */
export function findQuotes(text: string, paragraphs: readonly Paragraph[]): RawQuote[] {
  const quotes: RawQuote[] = [];
  for (const paragraph of paragraphs) {
    let open = -1;
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const char = text[i];
      const opens = char === '“' || (char === '"' && open < 0);
      const closes = char === '”' || (char === '"' && open >= 0);
      if (open < 0 && opens) open = i;
      else if (open >= 0 && closes) {
        quotes.push(trimQuote(text, open, i + 1, paragraph));
        open = -1;
      }
    }
    // News style leaves a quote open when the next paragraph goes on quoting: it ends with the paragraph.
    if (open >= 0) quotes.push(trimQuote(text, open, paragraph.end, paragraph));
    if (!/[“”"]/.test(text.slice(paragraph.start, paragraph.end))) quotes.push(...singleQuotes(text, paragraph));
  }
  return quotes.filter((quote) => quote.end > quote.start);
}

/**
 * `'It is time to recognise Jerusalem,' says Trump`: headlines and captions quote in single marks. Only in a paragraph
 * with no double quotes; the words open with a capital, and an apostrophe inside a word (`don't`) closes nothing.
 */
const SINGLE_QUOTE =
  /(?<=^|[\s(:–—-])['‘](\p{Lu}(?:[^'‘’"“”\n]|(?<=\p{L})['’](?=\p{L})){8,300}?[.,!?]?)['’](?=[\s,.;:!?)–—-]|$)/gu;

function singleQuotes(text: string, paragraph: Paragraph): RawQuote[] {
  const body = text.slice(paragraph.start, paragraph.end);
  return [...body.matchAll(SINGLE_QUOTE)]
    .filter((match) => (match[1] ?? '').trim().split(/\s+/).length >= 3)
    .map((match) =>
      trimQuote(text, paragraph.start + match.index, paragraph.start + match.index + match[0].length, paragraph),
    );
}

function trimQuote(text: string, outerStart: number, outerEnd: number, paragraph: Paragraph): RawQuote {
  let start = outerStart + 1;
  const closing = /['‘]/.test(text[outerStart] ?? '') ? /['’]/ : /[”"]/;
  let end = closing.test(text[outerEnd - 1] ?? '') ? outerEnd - 1 : outerEnd;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  // The comma before a closing quote belongs to the attribution, not to the speaker's words.
  while (end > start && /[\s,;]/.test(text[end - 1] ?? '')) end--;
  return { start, end, outerStart, outerEnd, paragraph };
}

/** The sentence with quoted words (marks included) blanked out, same length, so offsets still line up. */
export function maskQuotes(text: string, sentence: Sentence, quotes: readonly RawQuote[]): string {
  let masked = text.slice(sentence.start, sentence.end);
  for (const quote of quotes) {
    const start = Math.max(quote.outerStart, sentence.start) - sentence.start;
    const end = Math.min(quote.outerEnd, sentence.end) - sentence.start;
    if (end <= start) continue;
    masked =
      masked.slice(0, start) +
      '“' +
      ' '.repeat(Math.max(0, end - start - 2)) +
      '”'.slice(0, end - start - 1) +
      masked.slice(end);
  }
  return masked;
}
