/**
 * `extract-article` in the content script: imports the extraction chunk (`extract-ui.js`, with Readability) on the
 * first request only, so ordinary page loads never parse it, and reads the page's article with it.
 */
import type { ExtractedArticle } from '../messaging/contract';

/** The default export of `extract-ui.js`. */
export interface ExtractChunk {
  extractArticle(doc: Document, win: Window): ExtractedArticle;
}

/** Checks a module namespace from `import('extract-ui.js')`; throws a readable error for anything else. */
export function asExtractChunk(namespace: unknown): ExtractChunk {
  const chunk: unknown =
    typeof namespace === 'object' && namespace !== null ? (namespace as { default?: unknown }).default : undefined;
  const extract = (chunk as { extractArticle?: unknown } | undefined)?.extractArticle;
  if (typeof extract !== 'function') throw new Error('The extraction chunk does not export extractArticle');
  return chunk as ExtractChunk;
}

/** Makes the extractor: loads the chunk once (again after a failure), then reads the article on each call. */
export function createArticleExtractor(
  load: () => Promise<unknown>,
  doc: Document,
  win: Window,
): () => Promise<ExtractedArticle> {
  let chunk: Promise<ExtractChunk> | null = null;
  return async () => {
    chunk ??= load().then(asExtractChunk);
    chunk.catch(() => (chunk = null));
    return (await chunk).extractArticle(doc, win);
  };
}
