/**
 * `card-ui.js`: the card view, built as an ES module and imported by the content script on the first hover, click
 * or keyboard request (see src/content/card/chunk.ts). Listed in `web_accessible_resources` so the content script may
 * import it (Chrome: through a per-session dynamic URL, so pages cannot probe for the extension with it).
 */
import packData from '@/src/knowledge/pack.json';
import { createCardChunk } from '@/src/card/page-card';
import type { Pack } from '@/src/knowledge/schema';

// Validated when the extension is built (the page pack is parsed from the same file) and by a unit test.
export default defineUnlistedScript(() => createCardChunk(packData as unknown as Pack));
