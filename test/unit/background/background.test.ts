/**
 * The background's wiring (src/background/start.ts `startBackground`) with `fakeBrowser`: the badge
 * follows each tab's `page-state`, and a keyboard command, a context-menu click and a `run-action` message all run
 * the same action. The browser's own shortcut and menu UI cannot be driven headless in the e2e tests, which send
 * `run-action`; here the `commands.onCommand` and `contextMenus.onClicked` listeners themselves are fired, as the
 * browser would. `fakeBrowser` does not mock `commands` or `contextMenus`, so both are small fakes below; the tab's
 * content script is a fake `tabs.sendMessage`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Message, PageSummary } from '../../../src/messaging/contract';
import { MENU_IDS } from '../../../src/background/menus';
import { startBackground } from '../../../src/background/start';
import { loadSettings, resetSettingsItemsForTests, saveSettings } from '../../../src/settings/storage';

const TAB = 5;
const URL_ = 'https://edition.cnn.com/world/iraq';

type Listener = (...args: never[]) => unknown;
/** A browser event: add/remove listeners, and fire it as the browser would. */
function fakeEvent<L extends Listener>() {
  const listeners = new Set<L>();
  return {
    addListener: (listener: L) => void listeners.add(listener),
    removeListener: (listener: L) => void listeners.delete(listener),
    hasListeners: () => listeners.size > 0,
    fire: (...args: Parameters<L>) => {
      for (const listener of listeners) listener(...args);
    },
  };
}

type CommandListener = (command: string, tab?: { id?: number }) => void;
type MenuListener = (info: { menuItemId: string | number }, tab?: { id?: number }) => void;

let controller: AbortController;
let commands: ReturnType<typeof fakeEvent<CommandListener>>;
let clicks: ReturnType<typeof fakeEvent<MenuListener>>;
/** Menu items as created and updated: id → properties. */
let menuItems: Map<string, Record<string, unknown>>;
/** What the background sent to tabs. */
let sent: { tabId: number; message: Message }[];

function summary(): PageSummary {
  return { url: URL_, site: { host: 'edition.cnn.com', label: 'edition.cnn.com' }, enabled: true, items: [] };
}

/** A message from the tab's content script (top frame unless `frameId` says otherwise). */
function fromTab(message: Message, frameId = 0, tabId = TAB) {
  return fakeBrowser.runtime.onMessage.trigger(
    message,
    { tab: { id: tabId }, frameId } as Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1],
    () => undefined,
  );
}

const badge = (tabId = TAB) => fakeBrowser.action.getBadgeText({ tabId });

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemsForTests();
  commands = fakeEvent<CommandListener>();
  clicks = fakeEvent<MenuListener>();
  menuItems = new Map();
  sent = [];
  const api = fakeBrowser as unknown as Record<string, unknown>;
  api.commands = { onCommand: commands };
  api.contextMenus = {
    removeAll: () => {
      menuItems.clear();
      return Promise.resolve();
    },
    create: (properties: { id: string }) => {
      menuItems.set(properties.id, { ...properties });
      return properties.id;
    },
    update: (id: string, properties: Record<string, unknown>) => {
      const item = menuItems.get(id);
      if (!item) return Promise.reject(new Error(`no menu item ${id}`));
      Object.assign(item, properties);
      return Promise.resolve();
    },
    onClicked: clicks,
  };
  fakeBrowser.tabs.sendMessage = ((tabId: number, message: Message) => {
    sent.push({ tabId, message });
    if (message.type === 'page-summary') return Promise.resolve(summary());
    return Promise.resolve(true);
  }) as unknown as typeof fakeBrowser.tabs.sendMessage;
  fakeBrowser.tabs.query = (() =>
    Promise.resolve([{ id: TAB, active: true }])) as unknown as typeof fakeBrowser.tabs.query;
  controller = new AbortController();
  startBackground(controller.signal);
});

afterEach(() => controller.abort());

describe('the badge', () => {
  it('shows the number of entities and quotes the tab reports, and is empty when the page is off', async () => {
    await fromTab({ type: 'page-state', url: URL_, enabled: true, count: 19, site: 'edition.cnn.com' });
    await vi.waitFor(async () => expect(await badge()).toBe('19'));
    // Another tab has its own badge.
    await fromTab({ type: 'page-state', url: 'https://a.org/', enabled: true, count: 3, site: 'a.org' }, 0, 9);
    await vi.waitFor(async () => expect(await badge(9)).toBe('3'));
    expect(await badge()).toBe('19');

    await fromTab({ type: 'page-state', url: URL_, enabled: false, count: 0, site: 'edition.cnn.com' });
    await vi.waitFor(async () => expect(await badge()).toBe(''));
    await fromTab({ type: 'page-state', url: URL_, enabled: true, count: 19, site: 'edition.cnn.com' });
    await vi.waitFor(async () => expect(await badge()).toBe('19'));
  });

  it("ignores a subframe's state and a malformed message", async () => {
    await fromTab({ type: 'page-state', url: URL_, enabled: true, count: 4, site: 'edition.cnn.com' });
    await vi.waitFor(async () => expect(await badge()).toBe('4'));
    await fromTab({ type: 'page-state', url: URL_, enabled: true, count: 40, site: 'edition.cnn.com' }, 3);
    await fromTab({ type: 'page-state', url: URL_, enabled: true, count: -1, site: null } as Message);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await badge()).toBe('4');
  });
});

describe('shortcuts, menu items and run-action: one code path', () => {
  it('the toggle-site command turns the tab’s site off (with its subdomains), and on again', async () => {
    commands.fire('toggle-site', { id: TAB });
    await vi.waitFor(async () =>
      expect((await loadSettings()).sites).toEqual([{ host: 'edition.cnn.com', subdomains: true }]),
    );
    expect(sent[0]).toEqual({ tabId: TAB, message: { type: 'page-summary' } });
    commands.fire('toggle-site', { id: TAB });
    await vi.waitFor(async () => expect((await loadSettings()).sites).toEqual([]));
  });

  it('next-mark and previous-mark send navigate to the tab; unknown commands do nothing', async () => {
    commands.fire('next-mark', { id: TAB });
    commands.fire('previous-mark', { id: TAB });
    commands.fire('_execute_action', { id: TAB });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent).toEqual([
      { tabId: TAB, message: { type: 'navigate', direction: 'next' } },
      { tabId: TAB, message: { type: 'navigate', direction: 'previous' } },
    ]);
  });

  it('a command without a tab acts on the active tab', async () => {
    const query = vi.fn(() => Promise.resolve([{ id: 11, active: true }]));
    fakeBrowser.tabs.query = query as unknown as typeof fakeBrowser.tabs.query;
    commands.fire('next-mark');
    await vi.waitFor(() =>
      expect(sent).toContainEqual({ tabId: 11, message: { type: 'navigate', direction: 'next' } }),
    );
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('the page menu item is created, names the site, toggles it, and follows the settings', async () => {
    await vi.waitFor(() => expect(menuItems.get(MENU_IDS.toggleSite)).toBeDefined());
    expect(menuItems.get(MENU_IDS.toggleSite)).toMatchObject({ contexts: ['page'] });
    expect(menuItems.get(MENU_IDS.showEntity)).toMatchObject({ contexts: ['selection'], visible: false });

    await fromTab({ type: 'page-state', url: URL_, enabled: true, count: 2, site: 'edition.cnn.com' });
    await vi.waitFor(() =>
      expect(menuItems.get(MENU_IDS.toggleSite)?.title).toBe('Turn Backstory off on edition.cnn.com'),
    );

    clicks.fire({ menuItemId: MENU_IDS.toggleSite }, { id: TAB });
    await vi.waitFor(async () =>
      expect((await loadSettings()).sites).toEqual([{ host: 'edition.cnn.com', subdomains: true }]),
    );
    await vi.waitFor(() =>
      expect(menuItems.get(MENU_IDS.toggleSite)?.title).toBe('Turn Backstory on for edition.cnn.com'),
    );

    await saveSettings({ enabled: false });
    await vi.waitFor(() =>
      expect(menuItems.get(MENU_IDS.toggleSite)).toMatchObject({
        title: 'Backstory is off everywhere',
        enabled: false,
      }),
    );
  });

  it('without the active tab at start: keeps the site in the menu title, and a tabless command does nothing', async () => {
    controller.abort();
    fakeBrowser.tabs.query = (() => Promise.reject(new Error('no window'))) as unknown as typeof fakeBrowser.tabs.query;
    controller = new AbortController();
    startBackground(controller.signal);
    await vi.waitFor(() => expect(menuItems.get(MENU_IDS.toggleSite)).toBeDefined());
    // A command without a tab then finds no tab: nothing happens, and nothing is left rejected (vitest would fail).
    commands.fire('next-mark');
    await fromTab({ type: 'page-state', url: URL_, enabled: true, count: 2, site: 'edition.cnn.com' });
    await saveSettings({ sites: [{ host: 'edition.cnn.com', subdomains: true }] });
    await vi.waitFor(() =>
      expect(menuItems.get(MENU_IDS.toggleSite)?.title).toBe('Turn Backstory on for edition.cnn.com'),
    );
  });

  it('"Add this article to Backstory" opens the builder for that tab', async () => {
    await vi.waitFor(() => expect(menuItems.get(MENU_IDS.addArticle)).toBeDefined());
    expect(menuItems.get(MENU_IDS.addArticle)).toMatchObject({
      title: 'Add this article to Backstory',
      contexts: ['page', 'selection'],
    });
    const create = vi.fn(() => Promise.resolve({ id: 99 }));
    fakeBrowser.tabs.create = create as unknown as typeof fakeBrowser.tabs.create;
    clicks.fire({ menuItemId: MENU_IDS.addArticle }, { id: TAB });
    await vi.waitFor(() =>
      expect(create).toHaveBeenCalledWith({
        url: expect.stringMatching(new RegExp(`/builder\\.html\\?tab=${TAB}$`)) as unknown,
        openerTabId: TAB,
      }),
    );
  });

  it('"Show backstory for …" appears for a selected entity and reveals it in that tab', async () => {
    await vi.waitFor(() => expect(menuItems.get(MENU_IDS.showEntity)).toBeDefined());
    await fromTab({ type: 'selection', entity: { id: 'muqtada-al-sadr', name: 'Muqtada al-Sadr' } });
    await vi.waitFor(() =>
      expect(menuItems.get(MENU_IDS.showEntity)).toMatchObject({
        visible: true,
        title: 'Show backstory for Muqtada al-Sadr',
      }),
    );
    clicks.fire({ menuItemId: MENU_IDS.showEntity }, { id: TAB });
    await vi.waitFor(() =>
      expect(sent).toContainEqual({ tabId: TAB, message: { type: 'reveal', target: 'muqtada-al-sadr' } }),
    );
    await fromTab({ type: 'selection', entity: null });
    await vi.waitFor(() => expect(menuItems.get(MENU_IDS.showEntity)?.visible).toBe(false));
  });

  it('a run-action message takes the same path as the command', async () => {
    const responses: unknown[] = [];
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'run-action', action: 'toggle-site', tabId: TAB },
      // The popup: an extension page in no tab.
      { url: fakeBrowser.runtime.getURL('/popup.html') } as Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1],
      (response: unknown) => responses.push(response),
    );
    await vi.waitFor(() => expect(responses).toEqual([{ ok: true, enabled: false }]));
    expect((await loadSettings()).sites).toEqual([{ host: 'edition.cnn.com', subdomains: true }]);
  });

  it('a content script may run an action only on its own tab; extension pages on any tab', async () => {
    type Sender = Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];
    const send = async (sender: Sender) => {
      const responses: unknown[] = [];
      await fakeBrowser.runtime.onMessage.trigger(
        { type: 'run-action', action: 'toggle-site', tabId: TAB },
        sender,
        (response: unknown) => responses.push(response),
      );
      await vi.waitFor(() => expect(responses).toHaveLength(1));
      return responses[0];
    };
    const page = 'https://evil.example/page';
    expect(await send({ tab: { id: TAB + 1 }, url: page } as Sender)).toEqual({ ok: false });
    expect(await send({ url: page } as Sender)).toEqual({ ok: false });
    expect((await loadSettings()).sites).toEqual([]);
    expect(await send({ tab: { id: TAB }, url: URL_ } as Sender)).toEqual({ ok: true, enabled: false });
    const options = fakeBrowser.runtime.getURL('/options.html');
    expect(await send({ tab: { id: 99 }, url: options } as Sender)).toEqual({ ok: true, enabled: true });
  });

  it('stops listening when its signal aborts', () => {
    expect(commands.hasListeners()).toBe(true);
    expect(clicks.hasListeners()).toBe(true);
    controller.abort();
    expect(commands.hasListeners()).toBe(false);
    expect(clicks.hasListeners()).toBe(false);
  });
});
