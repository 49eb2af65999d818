/**
 * The background's part of site control: the badge (entities + quotes found in the tab, empty when off), the
 * keyboard commands, the page and selection context menus, `open-reader`, and `run-action`. Shortcuts, menu items
 * and `run-action` messages all end in `runAction`, one code path.
 *
 * Needs no `tabs` permission: a tab's URL comes from its content script (`page-summary`, `page-state`).
 */
import { browser } from 'wxt/browser';
import {
  ACTIONS,
  listen,
  sendToTab,
  type Action,
  type ActionOutcome,
  type Message,
  type MessagingApi,
} from '../messaging/contract';
import { MENU_PATTERNS } from '../shared/vocabulary';
import { isEnabledFor, siteOf, withSiteEnabled } from '../settings/site-rules';
import { loadSettings, saveSettings, watchSettings } from '../settings/storage';

/** Menu item ids. */
export const MENU_IDS = { toggleSite: 'backstory-toggle-site', showEntity: 'backstory-show-entity' } as const;
const BADGE_COLOR = '#3b5bdb';

/** Whether a message comes from one of our own pages (popup, options, reader) rather than a content script. */
function isExtensionPage(sender: { url?: string }): boolean {
  const origin = browser.runtime.getURL('/');
  return typeof sender.url === 'string' && sender.url.startsWith(origin);
}

/** The menu title of the per-site item. Pure. */
export function toggleSiteTitle(site: string | null, on: boolean, everythingOff: boolean): string {
  if (everythingOff) return 'Backstory is off everywhere';
  const where = site ?? 'this site';
  return on ? `Turn Backstory off on ${where}` : `Turn Backstory on for ${where}`;
}

/** The badge text for a page state. Pure. */
export function badgeText(state: { enabled: boolean; count: number } | undefined): string {
  if (!state || !state.enabled || state.count <= 0) return '';
  return state.count > 999 ? '999+' : String(state.count);
}

/** Starts the background; everything stops when `signal` aborts (tests). */
export function startBackground(signal: AbortSignal = new AbortController().signal): void {
  const api = browser as unknown as MessagingApi;
  const action = browser.action ?? browser.browserAction;
  const menus = browser.contextMenus;
  const pages = new Map<number, Message<'page-state'>>();
  const selections = new Map<number, { id: string; name: string }>();
  let activeTab: number | undefined;

  const setBadge = (tabId: number) => {
    void action?.setBadgeText({ tabId, text: badgeText(pages.get(tabId)) }).catch(() => undefined);
  };

  /** Brings the per-site menu item in line with the active tab. */
  const updateToggleItem = async (tabId: number | undefined) => {
    const page = tabId === undefined ? undefined : pages.get(tabId);
    const settings = await loadSettings();
    const on = page ? isEnabledFor(page.url, settings) : settings.enabled;
    const site = page ? (siteOf(page.url)?.label ?? null) : null;
    await menus
      ?.update(MENU_IDS.toggleSite, { title: toggleSiteTitle(site, on, !settings.enabled), enabled: settings.enabled })
      .catch(() => undefined);
  };

  const updateShowItem = (tabId: number | undefined) => {
    const entity = tabId === undefined ? undefined : selections.get(tabId);
    void menus
      ?.update(MENU_IDS.showEntity, {
        visible: !!entity,
        title: entity ? `Show backstory for ${entity.name.replace(/&/g, '&&')}` : 'Show backstory',
      })
      .catch(() => undefined);
  };

  /** What a shortcut, a menu item or a `run-action` message asks for, in tab `tabId`. */
  const runAction = async (requested: Action, tabId: number): Promise<ActionOutcome> => {
    if (requested === 'next-mark' || requested === 'previous-mark') {
      const moved = await sendToTab(api, tabId, {
        type: 'navigate',
        direction: requested === 'next-mark' ? 'next' : 'previous',
      });
      return { ok: moved === true };
    }
    const summary = await sendToTab(api, tabId, { type: 'page-summary' });
    if (!summary) return { ok: false };
    const settings = await loadSettings();
    if (!settings.enabled) return { ok: false, enabled: false };
    const on = !isEnabledFor(summary.url, settings);
    const sites = withSiteEnabled(summary.url, on, settings);
    if (!sites) return { ok: false, enabled: !on };
    await saveSettings({ sites });
    return { ok: true, enabled: on };
  };

  listen(
    api,
    {
      'open-reader': async ({ anchor }) => {
        // The reader page is the card's (entrypoints/reader/); its path is not in WXT's generated list until built.
        const getURL = browser.runtime.getURL as (path: string) => string;
        await browser.tabs.create({ url: getURL(`/reader.html#${anchor}`) });
        return true;
      },
      'page-state': (state, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined || (sender.frameId ?? 0) !== 0) return undefined;
        pages.set(tabId, state);
        setBadge(tabId);
        // Until the active tab is known (tabs.query failed at start), the tab that reports is taken for it.
        activeTab ??= tabId;
        if (tabId === activeTab) void updateToggleItem(tabId);
        return undefined;
      },
      selection: ({ entity }, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) return undefined;
        if (entity) selections.set(tabId, entity);
        else selections.delete(tabId);
        updateShowItem(tabId);
        return undefined;
      },
      'run-action': ({ action: requested, tabId }, sender) => {
        // Extension pages (popup, options) act on any tab; a content script only on its own tab.
        if (!isExtensionPage(sender) && sender.tab?.id !== tabId) return { ok: false };
        return runAction(requested, tabId);
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
      if (tabId !== undefined) await runAction(command as Action, tabId);
    })().catch(() => undefined);
  };
  browser.commands?.onCommand.addListener(onCommand);

  const onMenu = (info: { menuItemId: string | number }, tab?: { id?: number }) => {
    const tabId = tab?.id;
    if (tabId === undefined) return;
    if (info.menuItemId === MENU_IDS.toggleSite) void runAction('toggle-site', tabId);
    if (info.menuItemId === MENU_IDS.showEntity) {
      const entity = selections.get(tabId);
      if (entity) void sendToTab(api, tabId, { type: 'reveal', target: entity.id });
    }
  };
  menus?.onClicked.addListener(onMenu);

  const onActivated = ({ tabId }: { tabId: number }) => {
    activeTab = tabId;
    void updateToggleItem(tabId);
    updateShowItem(tabId);
  };
  browser.tabs.onActivated.addListener(onActivated);
  const onRemoved = (tabId: number) => {
    pages.delete(tabId);
    selections.delete(tabId);
  };
  browser.tabs.onRemoved.addListener(onRemoved);

  // Menus are created at every start (Firefox does not keep them; Chrome would complain of duplicates).
  void (async () => {
    try {
      await menus?.removeAll();
      menus?.create({
        id: MENU_IDS.toggleSite,
        title: toggleSiteTitle(null, true, false),
        contexts: ['page'],
        documentUrlPatterns: [...MENU_PATTERNS],
      });
      menus?.create({
        id: MENU_IDS.showEntity,
        title: 'Show backstory',
        contexts: ['selection'],
        documentUrlPatterns: [...MENU_PATTERNS],
        visible: false,
      });
      activeTab = await activeTabId();
      await updateToggleItem(activeTab);
    } catch {
      // A menu that cannot be made must not stop the badge and the shortcuts.
    }
  })();
  void action?.setBadgeBackgroundColor({ color: BADGE_COLOR }).catch(() => undefined);
  // A settings change (from any page) changes the menu title of the visible tab.
  watchSettings(() => void updateToggleItem(activeTab), signal);

  signal.addEventListener(
    'abort',
    () => {
      browser.commands?.onCommand.removeListener(onCommand);
      menus?.onClicked.removeListener(onMenu);
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onRemoved.removeListener(onRemoved);
    },
    { once: true },
  );
}
