/** The source reader in a tab of its own: "Read in source" on a card sends `open-reader` with the anchor. */
import type { browser } from 'wxt/browser';

/** Opens `reader.html#<anchor>` (`#q-3`, `#s-12`) in a new tab. */
export async function openReaderTab(
  runtime: Pick<typeof browser.runtime, 'getURL'>,
  tabs: Pick<typeof browser.tabs, 'create'>,
  anchor: string,
): Promise<true> {
  // The reader page is the card's (entrypoints/reader/); its path is not in WXT's generated list until built.
  const getURL = runtime.getURL as (path: string) => string;
  await tabs.create({ url: getURL(`/reader.html#${anchor}`) });
  return true;
}
