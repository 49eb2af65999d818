/**
 * The builder page's source: which tab it is about (`builder.html?tab=<id>`), that tab's article as its content
 * script read it (`extract-article`, checked against the contract's schema: the page is untrusted), and the article
 * input the drafter reads, from the article or from the reader's selection.
 */
import { parseExtractedArticle, sendToTab, type ExtractedArticle, type MessagingApi } from '../../messaging/contract';

/** The tab id given as `?tab=<id>`, or undefined. Pure. */
export function tabFromSearch(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tab');
  if (value === null || !/^\d{1,10}$/.test(value)) return undefined;
  return Number(value);
}

export type SourceResult = { ok: true; extracted: ExtractedArticle } | { ok: false; error: string };

/** Asks the tab's content script for its article. */
export async function requestArticle(api: Pick<MessagingApi, 'tabs'>, tabId: number): Promise<SourceResult> {
  const raw = await sendToTab(api, tabId, { type: 'extract-article' });
  if (raw === undefined) {
    return {
      ok: false,
      error:
        'Backstory cannot read that tab: it may be closed, still loading, or a page extensions may not read ' +
        '(a browser page, a web store, a PDF). Open the article in a normal tab and try again.',
    };
  }
  const extracted = parseExtractedArticle(raw);
  if (!extracted) return { ok: false, error: 'The page’s answer was not an article Backstory can read.' };
  return { ok: true, extracted };
}

/** What the drafter reads: the article's metadata and its paragraphs. */
export interface ArticleInput {
  readonly title: string;
  readonly byline: string;
  readonly site: string;
  /** ISO date, or '' when the page gives none. */
  readonly published: string;
  readonly url: string;
  readonly paragraphs: readonly string[];
}

/** The article to draft from: Readability's article, or the selection (titled by its first words). */
export function articleInput(extracted: ExtractedArticle, from: 'article' | 'selection'): ArticleInput | null {
  const { article, url } = extracted;
  if (from === 'article') {
    if (!article) return null;
    return { ...article, url };
  }
  const [first, ...rest] = extracted.selection;
  if (!first) return null;
  // A selection's first line is its headline when it reads like one (short, no final full stop).
  const headline = first.length <= 140 && !/[.!?”"]$/.test(first) && rest.length > 0;
  return {
    title: headline ? first : (article?.title ?? titleFrom(first)),
    byline: article?.byline ?? '',
    site: article?.site ?? hostOf(url),
    published: article?.published ?? '',
    url,
    paragraphs: headline ? rest : extracted.selection,
  };
}

function titleFrom(text: string): string {
  const words = text.split(/\s+/).slice(0, 10).join(' ');
  return words.length < text.length ? `${words}…` : words;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
