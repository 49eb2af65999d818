import './style.css';
import packData from '@/src/knowledge/pack.json';
import type { Pack } from '@/src/knowledge/schema';
import { createMatcher } from '@/src/match';
import { createHighlighter, DEFAULT_HIGHLIGHT_SETTINGS } from '@/src/page/highlighter';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  runAt: 'document_idle',
  main(ctx) {
    // The pack is validated when it is built and by a unit test; the content script does not re-parse it.
    const pack = packData as unknown as Pack;
    const highlighter = createHighlighter({
      doc: document,
      win: window,
      matcher: createMatcher(pack),
      settings: DEFAULT_HIGHLIGHT_SETTINGS,
      signal: ctx.signal,
      onError: (error) => {
        if (import.meta.env.DEV) console.debug('[backstory]', error);
      },
    });
    void highlighter.refresh();
    ctx.addEventListener(window, 'wxt:locationchange', () => void highlighter.refresh());
  },
});
