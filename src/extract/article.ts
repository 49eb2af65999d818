/**
 * Reads the article of the page the reader asked to add: `@mozilla/readability` on a clone of the document (the
 * live page is never changed), the page's metadata for the date, and the article's paragraphs as plain text. Runs
 * in the page, inside the extraction chunk (`entrypoints/extract-ui.ts`) that the content script imports only when
 * the reader asks; nothing here runs on ordinary page loads.
 *
 * The page is untrusted: everything read is plain text, capped in length, and checked again by the builder page.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { ExtractedArticle } from '../messaging/contract';
import { articleDate } from './metadata';
import { paragraphsOf, selectionParagraphs, MAX_PARAGRAPHS, MAX_TEXT } from './paragraphs';

/** Elements Readability may walk before it gives up (a huge page gets the selection option instead). */
const MAX_ELEMENTS = 20_000;

/** The page's article (or null when Readability finds none), whether it looks like one, and the selection. */
export function extractArticle(doc: Document, win: Window): ExtractedArticle {
  const url = win.location.href;
  const selection = selectionParagraphs(win.getSelection()?.toString() ?? '');
  const readerable = attempt(() => isProbablyReaderable(doc), false);
  const clone = doc.cloneNode(true) as Document;
  const parsed = attempt(
    () => new Readability<Node>(clone, { maxElemsToParse: MAX_ELEMENTS, serializer: (node) => node }).parse(),
    null,
  );
  const paragraphs = withoutCredits(parsed?.content ? paragraphsOf(parsed.content) : [], clean(parsed?.byline));
  const article =
    parsed && paragraphs.length > 0
      ? {
          title: clean(parsed.title) || clean(doc.title) || 'Untitled article',
          byline: clean(parsed.byline),
          site: clean(parsed.siteName) || siteName(url),
          published: articleDate(doc, parsed.publishedTime ?? null),
          paragraphs,
        }
      : null;
  return { url: url.slice(0, 8192), readerable: readerable && article !== null, article, selection };
}

/** The article's paragraphs without the credit line Readability may leave at the top (`By Dana Okafor · May 14`). */
function withoutCredits(paragraphs: string[], byline: string): string[] {
  const isCredit = (text: string) =>
    text.length <= 160 && ((byline !== '' && text.includes(byline)) || /^by\s+\p{Lu}/iu.test(text));
  let skip = 0;
  while (skip < Math.min(3, paragraphs.length - 1) && isCredit(paragraphs[skip] ?? '')) skip++;
  return paragraphs.slice(skip);
}

/** `work()`, or `fallback` when it throws (Readability gives up on some pages by throwing). */
function attempt<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
}

function siteName(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

export { MAX_PARAGRAPHS, MAX_TEXT };
