/**
 * The card chunk's side of the page card: the card view inside WXT's shadow-root UI (`<backstory-card>`, open
 * mode), with the pack's card data and the card's CSS. Only `card-ui.js` (`entrypoints/card-ui.ts`) imports this,
 * so Floating UI, the renderer and the card data stay out of the content script until a card is wanted.
 */
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Pack } from '../knowledge/schema';
import { EXTENSION_UI_TAG } from '../shared/vocabulary';
import { createCard, createPlainHost, type Card, type CardHost, type CardMount } from './card';
import cardCss from './card.css?inline';
import type { CardChunk, PageCardOptions } from '../content/card/chunk';
import { createCardData, type CardData } from './model';

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
      void ui?.then(
        (made) => made.remove(),
        () => undefined,
      );
      ui = null;
    },
  };
}

/** WXT's reset for its shadow-root UIs, repeated for the fallback host. */
const HOST_RESET = ':host { all: initial !important; }\n';

/**
 * A host made in an inert document (no custom-element registry, so no page constructor runs), then moved into the
 * page. For pages that define their own `backstory-card` element: WXT's `createShadowRootUi` makes its host with the
 * page document's `createElement`, which runs the page's constructor; one that attaches its own shadow root leaves
 * no room for ours. Moved into the page, our host may still be upgraded, but its shadow root is already ours (the
 * page constructor's `attachShadow` throws, in the page).
 */
function inertHost(ctx: ContentScriptContext, doc: Document): CardHost {
  const inert = doc.implementation.createHTMLDocument('');
  const host = createPlainHost(inert, HOST_RESET + cardCss, () => doc.body ?? doc.documentElement);
  ctx.onInvalidated(() => host.remove());
  return host;
}

/** WXT's host, or the inert-document host when the page does not let WXT's mount. */
function resilientHost(ctx: ContentScriptContext, doc: Document): CardHost {
  const primary = wxtHost(ctx, doc);
  let fallback: CardHost | null = null;
  return {
    async mount() {
      if (fallback) return fallback.mount();
      try {
        return await primary.mount();
      } catch {
        primary.remove();
        fallback = inertHost(ctx, doc);
        return fallback.mount();
      }
    },
    remove() {
      primary.remove();
      fallback?.remove();
    },
  };
}

/** The chunk's export: cards over `pack`'s card data (built once, on the first card). */
export function createCardChunk(pack: Pack): CardChunk {
  let data: CardData | null = null;
  return {
    packId: pack.id,
    createCard(options: PageCardOptions): Card {
      const { ctx, ...cardOptions } = options;
      data ??= createCardData(pack);
      return createCard({ ...cardOptions, data, host: resilientHost(ctx, options.doc) });
    },
  };
}
