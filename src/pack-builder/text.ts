/**
 * Splits the source article into headline, body, paragraphs and sentences. Pure.
 *
 * The seed file is one headline line followed by one paragraph per line, except that a line may be wrapped in the
 * middle of a sentence (the seed wraps "Abu Mahdi" / "al-Muhandis"): a line that does not end a sentence continues
 * on the next line, joined with one space.
 */
import type { Paragraph, Sentence } from '../knowledge/schema';

export interface SplitArticle {
  title: string;
  /** Body paragraphs joined with `\n`. Every offset in the pack indexes this string. */
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

/** A line ending in one of these (optionally followed by closing quotes or brackets) ends its paragraph. */
const PARAGRAPH_END = /[.!?:]["”’)\]]*\s*$|["”]\s*$/;

/** Abbreviations after which a full stop does not end a sentence even before a capital letter. */
const ABBREVIATIONS = new Set([
  'u.s.',
  'u.k.',
  'u.n.',
  'd.c.',
  'p.m.',
  'a.m.',
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'gen.',
  'lt.',
  'col.',
  'sgt.',
  'capt.',
  'st.',
  'jr.',
  'sr.',
  'no.',
  'vs.',
  'e.g.',
  'i.e.',
  'etc.',
]);

/** Splits raw article text: the first non-empty line is the headline, the rest the body. */
export function splitArticle(raw: string): SplitArticle {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim());
  const first = lines.findIndex((line) => line.length > 0);
  if (first < 0) throw new Error('the source article is empty');
  const title = lines[first] ?? '';

  const paragraphTexts: string[] = [];
  let pending = '';
  for (const line of lines.slice(first + 1)) {
    if (line.length === 0) {
      if (pending) paragraphTexts.push(pending);
      pending = '';
      continue;
    }
    pending = pending ? `${pending} ${line}` : line;
    if (PARAGRAPH_END.test(line)) {
      paragraphTexts.push(pending);
      pending = '';
    }
  }
  if (pending) paragraphTexts.push(pending);

  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  let offset = 0;
  paragraphTexts.forEach((paragraphText, index) => {
    const id = `p${index + 1}`;
    paragraphs.push({ id, start: offset, end: offset + paragraphText.length });
    for (const [start, end] of splitSentences(paragraphText)) {
      sentences.push({ id: `s${sentences.length + 1}`, paragraph: id, start: offset + start, end: offset + end });
    }
    offset += paragraphText.length + 1;
  });
  return { title, text: paragraphTexts.join('\n'), paragraphs, sentences };
}

/**
 * Sentence spans `[start, end)` in one paragraph. A sentence ends at `.`, `!` or `?` (plus closing quotes) followed
 * by a space and a capital letter or an opening quote, unless the full stop belongs to a known abbreviation. A
 * full stop inside a quotation does not end the sentence when the quotation goes on ("…,” he said.").
 */
export function splitSentences(paragraph: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const boundary = /[.!?]+["”’)]*(?=\s+["“‘(]?[\p{Lu}\d])/gu;
  let start = 0;
  for (const match of paragraph.matchAll(boundary)) {
    const end = match.index + match[0].length;
    const wordStart = paragraph.lastIndexOf(' ', match.index) + 1;
    const word = paragraph.slice(wordStart, match.index + 1).toLowerCase();
    if (ABBREVIATIONS.has(word.replace(/^["“‘(]+/, ''))) continue;
    spans.push([start, end]);
    start = end;
    while (paragraph[start] === ' ') start++;
  }
  if (start < paragraph.length) spans.push([start, paragraph.length]);
  return spans;
}
