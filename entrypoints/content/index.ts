import './style.css';
import builtIn from '@/src/knowledge/pack.json?page';
import { createLiveKnowledge } from '@/src/content/pack-knowledge';
import { startContent } from '@/src/content/start';
import { createPageCardUi } from '@/src/content/card/page-ui';
import { sendToBackground } from '@/src/messaging/contract';
import { CONTENT_MATCHES } from '@/src/shared/vocabulary';

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    // The page knowledge (names, and the matcher compiled at build time) is validated when the extension is built;
    // card data comes with the card chunk, loaded on first use.
    // The runtime (src/content/) owns the highlighter's life: it starts it when Backstory is on for this page and
    // disposes it (and the UI returned by `attachUi`: the card, with `open`/`next`/`previous`/`teardown`) when off.
    // Decoded from the precompiled tables by the highlighter's first pass (well under 1 ms), not at start-up.
    // The reader's packs (compiled by the background into storage.local) replace it when present, live.
    const knowledge = createLiveKnowledge(builtIn, browser);
    const { matcher, names: pack } = knowledge;
    const content = startContent({
      doc: document,
      win: window,
      signal: ctx.signal,
      pack,
      matcher,
      knowledge,
      // The builder page's article extraction (Readability), imported only when the reader asks to add the page.
      importExtractChunk: () => import(/* @vite-ignore */ browser.runtime.getURL('/extract-ui.js')),
      attachUi: (session) =>
        createPageCardUi({
          ctx,
          session,
          pack,
          matcher,
          // The card view, imported on first use (web-accessible; Chrome serves it under a per-session URL).
          importCardChunk: () => import(/* @vite-ignore */ browser.runtime.getURL('/card-ui.js')),
          // With the packs' record, the card merges the imported packs' card data, which the background holds.
          loadCardPacks: knowledge.fromRecord() ? () => sendToBackground(browser, { type: 'card-data' }) : undefined,
          // "Read in source": the background opens reader.html#<anchor> in a tab (sendToBackground never throws).
          openReader: (anchor) => void sendToBackground(browser, { type: 'open-reader', anchor }),
        }),
      onError: (error) => {
        if (import.meta.env.DEV) console.debug('[backstory]', error);
      },
    });
    // SPA navigation is followed once the runtime's listeners are in, after the first pass has begun (WXT's watcher
    // cost up to ~1.7 ms of start-up, its first use of the Navigation API); a navigation in between is caught up with
    // by comparing the URL.
    const startUrl = location.href;
    void content.ready.then(() => {
      ctx.addEventListener(window, 'wxt:locationchange', () => content.locationChanged());
      if (location.href !== startUrl) content.locationChanged();
    });
  },
});
