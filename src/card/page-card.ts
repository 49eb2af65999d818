/**
 * The card chunk's side of the page card: the card view inside WXT's shadow-root UI (`<backstory-card>`, open
 * mode), with the pack's card data and the card's CSS. Only `card-ui.js` (`entrypoints/card-ui.ts`) imports this,
 * so Floating UI, the renderer and the card data stay out of the content script until a card is wanted.
 */
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Pack } from '../knowledge/schema';
import { EXTENSION_UI_TAG } from '../page/skip';
import { createCard, type Card, type CardHost, type CardMount } from './card';
import cardCss from './card.css?inline';
import type { CardChunk, PageCardOptions } from './chunk';
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
      void ui?.then((made) => made.remove());
      ui = null;
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
      return createCard({ ...cardOptions, data, host: wxtHost(ctx, options.doc) });
    },
  };
}
