/**
 * The card on a web page: the card controller over the session's highlighter and a card whose view (WXT's
 * shadow-root UI `<backstory-card>`, Floating UI, card data) is the card chunk, imported on first use, and follows
 * the settings (theme, hover delay) live. The runtime's site session (src/content/site-session.ts) calls it once per
 * "on" period and tears it down when the site is turned off.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageNames } from '../../knowledge/page-pack';
import type { Matcher } from '../../match';
import type { PageSession, PageUi } from '../page-session';
import { asCardChunk } from './chunk';
import { createCardController } from './controller';
import { createLazyCard } from './lazy';
import { createMentionCounter } from './mentions';

export interface PageCardOptions {
  readonly ctx: ContentScriptContext;
  readonly session: PageSession;
  readonly pack: PageNames;
  readonly matcher: Matcher;
  /** Imports the card chunk (`card-ui.js`) and resolves to its module namespace; checked before use. */
  readonly importCardChunk: () => Promise<unknown>;
  /** Opens the source reader at `anchor` (`q-3`, `s-12`): a message to the background. */
  readonly openReader: (anchor: string) => void;
  readonly doc?: Document;
  readonly win?: Window & typeof globalThis;
  readonly onError?: (error: unknown) => void;
}

/** Creates the page's card UI for a session (the `attachUi` of the content runtime, src/content/start.ts). */
export function createPageCardUi(options: PageCardOptions): PageUi {
  const doc = options.doc ?? document;
  const win = options.win ?? window;
  const { session } = options;
  const settings = session.settings();
  const counter = createMentionCounter({
    doc,
    matcher: options.matcher,
    highlighter: session.highlighter,
    wholePage: () => session.settings().scope === 'page',
  });
  let controller: ReturnType<typeof createCardController> | null = null;
  const card = createLazyCard({
    theme: settings.theme,
    onError: options.onError,
    load: async () => {
      const chunk = asCardChunk(await options.importCardChunk(), options.pack.id);
      return (theme) =>
        chunk.createCard({
          ctx: options.ctx,
          doc,
          theme,
          openReader: options.openReader,
          mentionsOf: counter,
          onPointerInside: (inside) => controller?.pointerInside(inside),
          onHide: () => controller?.closed(),
          onError: options.onError,
        });
    },
  });
  controller = createCardController({
    doc,
    win,
    highlighter: session.highlighter,
    card,
    signal: session.signal,
    hoverDelay: settings.hoverDelay,
    onError: options.onError,
  });
  session.onSettings((next) => {
    card.setTheme(next.theme);
    controller?.setHoverDelay(next.hoverDelay);
  });
  const live = controller;
  return {
    open: (mark) => live.open(mark),
    next: () => live.next(),
    previous: () => live.previous(),
    teardown: () => live.teardown(),
  };
}
