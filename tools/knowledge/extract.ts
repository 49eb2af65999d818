/**
 * Reads a saved news page the way the builder page reads a tab: Readability over the page's document (here a
 * happy-dom window in Node), then the article's paragraphs as text, in reading order. Node only (tools).
 */
import { Readability } from '@mozilla/readability';
import { Window } from 'happy-dom';
import type { ArticleInput } from '../../src/pack-builder/draft';

/** Block elements whose text is one paragraph of the article. */
const BLOCKS = 'p, h2, h3, h4, li, blockquote';

/** The article of a saved page: headline, outlet, date and paragraphs, or null when Readability finds none. */
export function extractArticle(html: string, url: string): ArticleInput | null {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  try {
    const document = new window.DOMParser().parseFromString(html, 'text/html');
    const parsed = new Readability(document as unknown as Document).parse();
    if (!parsed?.content) return null;
    const body = new window.DOMParser().parseFromString(parsed.content, 'text/html');
    const paragraphs = [...body.querySelectorAll(BLOCKS)]
      // A block inside another block (a `p` in a `blockquote`) is read with its parent.
      .filter((element) => !element.parentElement?.closest(BLOCKS))
      .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((text) => text.length > 0);
    const title = (parsed.title ?? '').trim() || (document.title ?? '').trim();
    return {
      title,
      byline: parsed.byline ?? '',
      site: parsed.siteName ?? '',
      published: parsed.publishedTime ?? '',
      url,
      paragraphs: paragraphs[0] === title ? paragraphs.slice(1) : paragraphs,
    };
  } finally {
    void window.happyDOM.close();
  }
}
