/**
 * The card on a web page: builds the card inside WXT's shadow-root UI (`<backstory-card>`, open mode) and its
 * controller over the session's highlighter, and follows the settings (theme, hover delay) live. Site control calls
 * it once per "on" period and tears it down when the site is turned off.
 */
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Pack } from '../knowledge/schema';
import type { Matcher } from '../match';
import { EXTENSION_UI_TAG } from '../page/skip';
import type { PageSession, PageUi } from '../settings/content-bridge';
import { createCard, type CardHost, type CardMount } from './card';
import cardCss from './card.css?inline';
import { createCardController } from './controller';
import { createMentionCounter } from './mentions';
import { createCardData } from './model';

export interface PageCardOptions {
  readonly ctx: ContentScriptContext;
  readonly session: PageSession;
  readonly pack: Pack;
  readonly matcher: Matcher;
  /** Opens the source reader at `anchor` (`q-3`, `s-12`): a message to the background. */
  readonly openReader: (anchor: string) => void;
  readonly doc?: Document;
  readonly win?: Window & typeof globalThis;
  readonly onError?: (error: unknown) => void;
}

/** The host from WXT's `createShadowRootUi`, made on the first show (pages where no card opens get no element). */
function wxtHost(ctx: ContentScriptContext, doc: Document): CardHost {
  let ui: Promise<ShadowRootContentScriptUi<CardMount>> | null = null;
  return {
    async mount() {
      ui ??= createShadowRootUi(ctx, {
        name: EXTENSION_UI_TAG,
        mode: 'open',
        position: 'inline',
        anchor: () => doc.body ?? doc.documentElement,
        append: 'last',
        css: cardCss,
        onMount: (container, shadow, host) => ({ container, shadow, host }),
      });
      const made = await ui;
      // Re-mounted when the page replaced its body (SPAs) or removed our host.
      if (!made.shadowHost.isConnected || !made.mounted) made.mount();
      const mounted = made.mounted;
      if (!mounted) throw new Error('The card host did not mount');
      return mounted;
    },
    remove() {
      void ui?.then((made) => made.remove());
      ui = null;
    },
  };
}

/** Creates the page's card UI for a session (the `attachUi` of site control). */
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
  const card = createCard({
    doc,
    data: createCardData(options.pack),
    host: wxtHost(options.ctx, doc),
    theme: settings.theme,
    openReader: options.openReader,
    mentionsOf: counter,
    onPointerInside: (inside) => controller?.pointerInside(inside),
    onHide: () => controller?.closed(),
    onError: options.onError,
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
