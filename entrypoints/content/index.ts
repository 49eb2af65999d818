import './style.css';
import knowledge from '@/src/knowledge/pack.json?page';
import { loadLazyMatcher } from '@/src/match';
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
    const matcher = loadLazyMatcher(knowledge.tables);
    const pack = knowledge.names;
    const content = startContent({
      doc: document,
      win: window,
      signal: ctx.signal,
      pack,
      matcher,
      attachUi: (session) =>
        createPageCardUi({
          ctx,
          session,
          pack,
          matcher,
          // The card view, imported on first use (web-accessible; Chrome serves it under a per-session URL).
          importCardChunk: () => import(/* @vite-ignore */ browser.runtime.getURL('/card-ui.js')),
          // "Read in source": the background opens reader.html#<anchor> in a tab (sendToBackground never throws).
          openReader: (anchor) => void sendToBackground(browser, { type: 'open-reader', anchor }),
        }),
      onError: (error) => {
        if (import.meta.env.DEV) console.debug('[backstory]', error);
      },
    });
    ctx.addEventListener(window, 'wxt:locationchange', () => content.locationChanged());
  },
});
