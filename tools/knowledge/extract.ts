/**
 * Reads a saved news page the way the builder page reads a tab, with the same code: `src/extract/article.ts`
 * (Readability on a clone of the document, the metadata date, the article's paragraphs), here over a happy-dom window
 * in Node that runs no script of the page. Node only (tools).
 */
import { Window as HappyWindow } from 'happy-dom';
import { extractArticle as extractFromDocument } from '../../src/extract/article';
import type { ArticleInput } from '../../src/pack-builder/draft';

/** The article of a saved page: headline, outlet, date and paragraphs, or null when Readability finds none. */
export function extractArticle(html: string, url: string): ArticleInput | null {
  const window = new HappyWindow({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  try {
    const document = new window.DOMParser().parseFromString(html, 'text/html');
    const { article } = extractFromDocument(document as unknown as Document, window as unknown as Window);
    if (!article) return null;
    return { ...article, url, paragraphs: [...article.paragraphs] };
  } finally {
    void window.happyDOM.close();
  }
}
