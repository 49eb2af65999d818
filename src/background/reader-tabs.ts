/**
 * Extension pages in tabs of their own: the source reader ("Read in source" on a card sends `open-reader` with the
 * anchor) and the pack builder ("Add this article to Backstory" in the page's context menu).
 */
import type { browser } from 'wxt/browser';
import { builderPath } from '../shared/vocabulary';

/**
 * The reader's path for an anchor: `q-3` → `/reader.html#q-3` (the bundled pack), `<packId>:q-3` →
 * `/reader.html?pack=<packId>#q-3` (an imported pack's article).
 */
export function readerPath(anchor: string): string {
  const split = anchor.lastIndexOf(':');
  if (split < 0) return `/reader.html#${anchor}`;
  return `/reader.html?pack=${encodeURIComponent(anchor.slice(0, split))}#${anchor.slice(split + 1)}`;
}

/** Opens the reader at `anchor` (`q-3`, `s-12`, or `<packId>:q-3` for an imported pack) in a new tab. */
export async function openReaderTab(
  runtime: Pick<typeof browser.runtime, 'getURL'>,
  tabs: Pick<typeof browser.tabs, 'create'>,
  anchor: string,
): Promise<true> {
  // The reader page is the card's (entrypoints/reader/); its path is not in WXT's generated list until built.
  const getURL = runtime.getURL as (path: string) => string;
  await tabs.create({ url: getURL(readerPath(anchor)) });
  return true;
}

/** Opens the pack builder for `tabId` in a new tab next to it. */
export async function openBuilderTab(
  runtime: Pick<typeof browser.runtime, 'getURL'>,
  tabs: Pick<typeof browser.tabs, 'create'>,
  tabId: number,
): Promise<void> {
  const getURL = runtime.getURL as (path: string) => string;
  await tabs.create({ url: getURL(builderPath(tabId)), openerTabId: tabId });
}
