/**
 * `extract-ui.js`: the article extraction (Readability and the page's metadata), built as an ES module and imported
 * by the content script only when the reader asks to add the page to Backstory (the builder page's
 * `extract-article`). Listed in `web_accessible_resources` so the content script may import it (Chrome: through a
 * per-session dynamic URL).
 */
import { extractArticle } from '@/src/extract/article';

export default defineUnlistedScript(() => ({ extractArticle }));
