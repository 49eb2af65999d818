/** The toolbar popup in the extension: the factory over the popup's skeleton, the extension API and the settings. */
import { browser } from 'wxt/browser';
import type { MessagingApi } from '../../messaging/contract';
import { loadSettings, saveSettings, watchSettings } from '../../settings/storage';
import { wireAddArticle } from './add-article';
import { createPopup, tabFromQuery, type Popup } from './popup';

/** Starts the popup in `doc` (entrypoints/popup/index.html); undefined without its skeleton. */
export function startPopup(doc: Document, search: string): Popup | undefined {
  const root = doc.getElementById('bs-popup');
  if (!root) return undefined;
  const targetTab = async () => {
    const fromQuery = tabFromQuery(search);
    if (fromQuery !== undefined) return fromQuery;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  };
  const add = doc.getElementById('bs-add-article');
  if (add instanceof HTMLButtonElement) {
    wireAddArticle(
      add,
      {
        targetTab,
        // The builder page is built with this entrypoint; its path is not in WXT's generated list until built.
        openTab: (path) => browser.tabs.create({ url: (browser.runtime.getURL as (p: string) => string)(path) }),
        close: () => doc.defaultView?.close(),
      },
      new AbortController().signal,
    );
  }
  return createPopup(root, {
    runtime: browser.runtime as unknown as MessagingApi['runtime'],
    tabs: browser.tabs as unknown as MessagingApi['tabs'],
    // `?tab=<id>` lets tests open the popup as a page about another tab; the toolbar popup uses the active tab.
    targetTab,
    loadSettings,
    saveSettings,
    watchSettings,
    openOptions: () => void browser.runtime.openOptionsPage(),
  });
}
