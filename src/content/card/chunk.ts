/**
 * The card chunk's interface. The card view (render, placement with Floating UI, the shadow-root host and its CSS,
 * the card data of the pack) is a module of its own, `card-ui.js` (`entrypoints/card-ui.ts`), that the content
 * script imports on the first hover, click or keyboard request. Most pages never open a card, so they never parse
 * it; the content script that runs on every page stays small.
 *
 * This module only holds types and the check of what the import returned: no DOM, no `browser`.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Card, CardOptions } from '../../card/card';

/** What the page gives the chunk's card (everything but the data and the host, which the chunk owns). */
export interface PageCardOptions extends Omit<CardOptions, 'data' | 'host'> {
  /** The content script's context: the host element's lifetime is tied to it. */
  readonly ctx: ContentScriptContext;
}

/** The default export of `card-ui.js`. */
export interface CardChunk {
  /** The id of the pack the chunk's card data comes from; must equal the content script's page pack id. */
  readonly packId: string;
  createCard(options: PageCardOptions): Card;
}

/** Checks a module namespace from `import('card-ui.js')`; throws a readable error for anything else. */
export function asCardChunk(namespace: unknown, packId: string): CardChunk {
  const chunk: unknown =
    typeof namespace === 'object' && namespace !== null ? (namespace as { default?: unknown }).default : undefined;
  if (typeof chunk !== 'object' || chunk === null) throw new Error('The card chunk has no default export');
  const { packId: chunkPack, createCard } = chunk as Partial<Record<keyof CardChunk, unknown>>;
  if (typeof createCard !== 'function') throw new Error('The card chunk does not export createCard');
  if (chunkPack !== packId) {
    throw new Error(`The card chunk was built from pack ${String(chunkPack)}, the page uses pack ${packId}`);
  }
  return chunk as CardChunk;
}
