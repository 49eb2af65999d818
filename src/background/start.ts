/**
 * The background, composed: the badge (entities + quotes found in the tab, empty when off), the keyboard commands,
 * the page and selection context menus (the pack builder's entry among them), `open-reader`, and `run-action`. Shortcuts, menu items and `run-action`
 * messages all end in `runAction`, one code path.
 *
 * Needs no `tabs` permission: a tab's URL comes from its content script (`page-summary`, `page-state`).
 */
import { browser } from 'wxt/browser';
import { ACTIONS, listen, sendToTab, type Action, type MessagingApi } from '../messaging/contract';
import { isEnabledFor, siteOf } from '../settings/site-rules';
import { loadSettings, watchSettings } from '../settings/storage';
import { isExtensionPage, runAction } from './actions';
import { createBadge } from './badge';
import { MENU_IDS, createMenus } from './menus';
import { openBuilderTab, openReaderTab } from './reader-tabs';
import { createTabState } from './tab-state';
import { createPacksService } from './packs';

/** Starts the background; everything stops when `signal` aborts (tests). */
export function startBackground(signal: AbortSignal = new AbortController().signal): void {
  const api = browser as unknown as MessagingApi;
  const badge = createBadge(browser.action ?? browser.browserAction);
  const menus = createMenus(browser.contextMenus);
  const tabs = createTabState(browser.tabs, signal, (tabId) => {
    void updateToggleItem(tabId);
    menus.showEntity(tabs.selection(tabId));
  });

  /** Brings the per-site menu item in line with a tab (the active one). */
  const updateToggleItem = async (tabId: number | undefined) => {
    const page = tabs.page(tabId);
    const settings = await loadSettings();
    const on = page ? isEnabledFor(page.url, settings) : settings.enabled;
    await menus.showSite(page ? (siteOf(page.url)?.label ?? null) : null, on, settings.enabled);
  };

  const packs = createPacksService(browser);

  listen(
    api,
    {
      'packs-changed': (_message, sender) =>
        isExtensionPage(sender, browser.runtime.getURL('/')) ? packs.publish() : { ok: false, error: 'not allowed' },
      'card-data': () => packs.cardData(),
      'open-reader': ({ anchor }) => openReaderTab(browser.runtime, browser.tabs, anchor),
      'page-state': (state, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined || (sender.frameId ?? 0) !== 0) return undefined;
        tabs.setPage(tabId, state);
        badge.show(tabId, state);
        // Until the active tab is known (tabs.query failed at start), the tab that reports is taken for it.
        if (tabs.activeTab() === undefined) tabs.setActiveTab(tabId);
        if (tabId === tabs.activeTab()) void updateToggleItem(tabId);
        return undefined;
      },
      selection: ({ entity }, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) return undefined;
        tabs.setSelection(tabId, entity);
        menus.showEntity(tabs.selection(tabId));
        return undefined;
      },
      'run-action': ({ action, tabId }, sender) => {
        // Extension pages (popup, options) act on any tab; a content script only on its own tab.
        if (!isExtensionPage(sender, browser.runtime.getURL('/')) && sender.tab?.id !== tabId) return { ok: false };
        return runAction(api, action, tabId);
      },
    },
    signal,
  );

  const activeTabId = async (): Promise<number | undefined> => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  };

  const onCommand = (command: string, tab?: { id?: number }) => {
    if (!(ACTIONS as readonly string[]).includes(command)) return;
    void (async () => {
      const tabId = tab?.id ?? (await activeTabId());
      if (tabId !== undefined) await runAction(api, command as Action, tabId);
    })().catch(() => undefined);
  };
  browser.commands?.onCommand.addListener(onCommand);

  const onMenu = (info: { menuItemId: string | number }, tab?: { id?: number }) => {
    const tabId = tab?.id;
    if (tabId === undefined) return;
    if (info.menuItemId === MENU_IDS.toggleSite) void runAction(api, 'toggle-site', tabId);
    if (info.menuItemId === MENU_IDS.addArticle) void openBuilderTab(browser.runtime, browser.tabs, tabId);
    if (info.menuItemId === MENU_IDS.showEntity) {
      const entity = tabs.selection(tabId);
      if (entity) void sendToTab(api, tabId, { type: 'reveal', target: entity.id });
    }
  };
  const contextMenus = browser.contextMenus;
  contextMenus?.onClicked.addListener(onMenu);

  void (async () => {
    try {
      await menus.create();
      tabs.setActiveTab(await activeTabId());
      await updateToggleItem(tabs.activeTab());
    } catch {
      // A menu that cannot be made must not stop the badge and the shortcuts.
    }
  })();
  // A settings change (from any page) changes the menu title of the visible tab.
  watchSettings(() => void updateToggleItem(tabs.activeTab()), signal);

  signal.addEventListener(
    'abort',
    () => {
      browser.commands?.onCommand.removeListener(onCommand);
      contextMenus?.onClicked.removeListener(onMenu);
    },
    { once: true },
  );
}
