// @vitest-environment happy-dom
/**
 * The popup factory (src/pages/popup/popup.ts) on the real skeleton of entrypoints/popup/index.html, with `fakeBrowser`
 * for runtime messaging and sync storage, and a faked `tabs.sendMessage` that answers `page-summary` for the tab.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Message, PageItem, PageSummary } from '../../../../src/messaging/contract';
import { createPopup, tabFromQuery, type Popup, type PopupApi } from '../../../../src/pages/popup/popup';
import {
  loadSettings,
  resetSettingsItemsForTests,
  saveSettings,
  watchSettings,
} from '../../../../src/settings/storage';

const TAB = 7;

/** The `<main>` of the popup page, without its script. */
const SKELETON = (() => {
  const html = readFileSync(path.resolve('entrypoints/popup/index.html'), 'utf8');
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0];
  if (!main) throw new Error('entrypoints/popup/index.html has no <main>');
  return main;
})();

const SUMMARY: PageSummary = {
  url: 'https://edition.cnn.com/world/iraq-talks',
  site: { host: 'edition.cnn.com', label: 'edition.cnn.com' },
  enabled: true,
  items: [
    { target: 'mustafa-al-kadhimi', kind: 'person', name: 'Mustafa al-Kadhimi', count: 3 },
    { target: 'baghdad', kind: 'place', name: 'Baghdad', count: 2 },
    { target: 'q-kadhimi-1', kind: 'quote', name: 'Mustafa al-Kadhimi', detail: 'We will not', count: 1 },
    { target: 'joe-biden', kind: 'person', name: 'Joe Biden', count: 1 },
  ],
};

let popup: Popup | undefined;

/** `summary` is the tab's answer to page-summary; null: the tab has no content script (no answer). */
function mount(summary: PageSummary | null = SUMMARY) {
  // Parsed, not assigned to innerHTML: the same markup the extension page ships.
  const parsed = new DOMParser().parseFromString(SKELETON, 'text/html').body;
  document.body.replaceChildren(...Array.from(parsed.childNodes, (node) => document.importNode(node, true)));
  const root = document.getElementById('bs-popup');
  if (!root) throw new Error('no #bs-popup');
  const toTab: { tabId: number; message: Message }[] = [];
  const toBackground: Message[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    toBackground.push(message as Message);
    if ((message as Message).type === 'run-action') return Promise.resolve({ ok: true, enabled: false });
    return undefined;
  });
  const openOptions = vi.fn();
  const api: PopupApi = {
    runtime: fakeBrowser.runtime as unknown as PopupApi['runtime'],
    tabs: {
      sendMessage: (tabId: number, message: unknown) => {
        toTab.push({ tabId, message: message as Message });
        const type = (message as Message).type;
        if (type === 'page-summary') return Promise.resolve(summary ?? undefined);
        if (type === 'reveal') return Promise.resolve(true);
        return Promise.reject(new Error('Could not establish connection'));
      },
    },
    targetTab: () => Promise.resolve(TAB),
    loadSettings,
    saveSettings,
    watchSettings,
    openOptions,
  };
  popup = createPopup(root, api);
  return { root, api, toTab, toBackground, openOptions, ready: popup.ready };
}

const $ = <T extends Element>(selector: string) => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemsForTests();
});

afterEach(() => {
  popup?.dispose();
  popup = undefined;
  document.body.replaceChildren();
  delete document.documentElement.dataset.theme;
});

describe('tabFromQuery', () => {
  it('reads ?tab=<id> and ignores anything else', () => {
    expect(tabFromQuery('?tab=42')).toBe(42);
    expect(tabFromQuery('?tab=-1')).toBeUndefined();
    expect(tabFromQuery('?tab=4x')).toBeUndefined();
    expect(tabFromQuery('')).toBeUndefined();
  });
});

describe('the popup', () => {
  it('labels the site switch with the site and shows both switches on by default', async () => {
    const { root, ready } = mount();
    await ready;
    expect(root.dataset.ready).toBe('true');
    expect($('#bs-site-label').textContent).toBe('edition.cnn.com');
    const site = $<HTMLInputElement>('#bs-site-switch');
    expect(site.checked).toBe(true);
    expect(site.disabled).toBe(false);
    // The switch's accessible name is its wrapping label: the site's name.
    expect(site.closest('label')?.textContent?.trim()).toBe('edition.cnn.com');
    expect(site.getAttribute('role')).toBe('switch');
    const everything = $<HTMLInputElement>('#bs-global-switch');
    expect(everything.checked).toBe(true);
    expect(everything.closest('label')?.textContent?.trim()).toBe('Everything');
  });

  it('shows the site switch off for a listed site, and disabled when everything is off', async () => {
    await saveSettings({ sites: [{ host: 'cnn.com', subdomains: true }] });
    let view = mount();
    await view.ready;
    expect($<HTMLInputElement>('#bs-site-switch').checked).toBe(false);
    popup?.dispose();

    await saveSettings({ enabled: false });
    view = mount({ ...SUMMARY, enabled: false, items: [] });
    await view.ready;
    expect($<HTMLInputElement>('#bs-global-switch').checked).toBe(false);
    expect($<HTMLInputElement>('#bs-site-switch').disabled).toBe(true);
    expect($('#bs-status').textContent).toBe('Backstory is off on this page.');
    expect(document.querySelectorAll('.bs-item')).toHaveLength(0);
  });

  it('lists "On this page" grouped by kind, in kind order, with counts from page-summary', async () => {
    const { ready, toTab } = mount();
    await ready;
    expect(toTab[0]).toEqual({ tabId: TAB, message: { type: 'page-summary' } });
    expect($('#bs-status').textContent).toBe('4 found, 7 marks.');
    const groups = Array.from(document.querySelectorAll<HTMLElement>('#bs-page-list .bs-group')).map((group) => ({
      title: group.querySelector('.bs-group-title')?.textContent,
      items: Array.from(group.querySelectorAll<HTMLButtonElement>('.bs-item')).map((button) => [
        button.querySelector('.bs-item-name')?.textContent,
        Number(button.querySelector('.bs-item-count')?.textContent),
        button.dataset.kind,
      ]),
    }));
    expect(groups).toEqual([
      {
        title: 'People',
        items: [
          ['Mustafa al-Kadhimi', 3, 'person'],
          ['Joe Biden', 1, 'person'],
        ],
      },
      { title: 'Places', items: [['Baghdad', 2, 'place']] },
      { title: 'Quotes', items: [['Mustafa al-Kadhimi', 1, 'quote']] },
    ]);
    expect(document.querySelector('.bs-group-quote .bs-item-detail')?.textContent).toBe('“We will not”');
    expect(document.querySelector('.bs-item-count')?.getAttribute('aria-label')).toBe('3 marks');
    expect(document.querySelectorAll('.bs-item-count')[1]?.getAttribute('aria-label')).toBe('1 mark');
  });

  it('renders names as text, never as markup', async () => {
    const { ready } = mount({
      ...SUMMARY,
      items: [{ target: 'x', kind: 'person', name: '<img src=x onerror=alert(1)>', count: 1 }],
    });
    await ready;
    expect(document.querySelector('#bs-page-list img')).toBeNull();
    expect($('.bs-item-name').textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('says so when the tab has no content script or nothing was found', async () => {
    let view = mount(null);
    await view.ready;
    expect($('#bs-status').textContent).toBe('Backstory cannot read this page.');
    expect($('#bs-site-label').textContent).toBe('Backstory does not run on this page');
    expect($<HTMLInputElement>('#bs-site-switch').disabled).toBe(true);
    popup?.dispose();
    view = mount({ ...SUMMARY, items: [] });
    await view.ready;
    expect($('#bs-status').textContent).toBe('Nothing from the knowledge pack on this page.');
  });

  it('keeps every control keyboard-reachable: native focusable elements, no negative tabindex, named', async () => {
    const { ready } = mount();
    await ready;
    const controls = Array.from(
      document.querySelectorAll<HTMLElement>('#bs-popup input, #bs-popup button, #bs-popup a[href]'),
    );
    // Everything, the site switch, four items, the Settings link and "Add this article to Backstory".
    expect(controls).toHaveLength(8);
    for (const control of controls) {
      expect(control.getAttribute('tabindex')).toBeNull();
      expect((control as HTMLInputElement).disabled ?? false).toBe(false);
      const name = control.closest('label')?.textContent ?? control.textContent ?? '';
      expect(name.trim()).not.toBe('');
      control.focus();
      expect(document.activeElement).toBe(control);
    }
    for (const button of document.querySelectorAll<HTMLButtonElement>('.bs-item')) expect(button.type).toBe('button');
  });

  it('clicking an item sends reveal for its target to the tab', async () => {
    const { ready, toTab } = mount();
    await ready;
    const baghdad = Array.from(document.querySelectorAll<HTMLButtonElement>('.bs-item')).find(
      (button) => button.dataset.target === 'baghdad',
    );
    baghdad?.focus();
    baghdad?.click();
    await vi.waitFor(() =>
      expect(toTab.at(-1)).toEqual({ tabId: TAB, message: { type: 'reveal', target: 'baghdad' } }),
    );
  });

  it('the site switch sends run-action toggle-site; the everything switch saves the setting', async () => {
    const { ready, toBackground } = mount();
    await ready;
    $<HTMLInputElement>('#bs-site-switch').click();
    await vi.waitFor(() =>
      expect(toBackground).toContainEqual({ type: 'run-action', action: 'toggle-site', tabId: TAB }),
    );
    $<HTMLInputElement>('#bs-global-switch').click();
    await vi.waitFor(async () => expect((await loadSettings()).enabled).toBe(false));
  });

  it('refreshes the list when its tab reports a new page-state, and follows settings live', async () => {
    let summary: PageSummary = { ...SUMMARY, items: [] };
    const view = mount();
    view.api.tabs.sendMessage = (_tabId: number, message: unknown) =>
      Promise.resolve((message as Message).type === 'page-summary' ? summary : true);
    await view.ready;
    summary = SUMMARY;
    // As the tab's content script would send it (fakeBrowser's own sendMessage has no sender tab).
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'page-state', url: SUMMARY.url, enabled: true, count: 7, site: 'edition.cnn.com' },
      { tab: { id: TAB } } as Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1],
      () => undefined,
    );
    await vi.waitFor(() => expect(document.querySelectorAll('.bs-item')).toHaveLength(4));

    await saveSettings({ theme: 'dark' });
    await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });

  it('opens the options page from the Settings link', async () => {
    const { ready, openOptions } = mount();
    await ready;
    $<HTMLAnchorElement>('#bs-open-options').click();
    expect(openOptions).toHaveBeenCalledOnce();
  });
});

describe('how the page quotes each quote', () => {
  const quote = (target: string, detail: string, fidelity: unknown): PageItem =>
    ({ target, kind: 'quote', name: 'Speaker', detail, count: 1, fidelity }) as PageItem;
  const FIDELITY_SUMMARY: PageSummary = {
    ...SUMMARY,
    items: [
      quote('q-verbatim', 'We are waiting', { state: 'verbatim', changed: [], elided: [], shortened: null }),
      quote('q-shortened', 'We fiercely oppose', {
        state: 'shortened',
        changed: [],
        elided: [],
        shortened: { firstWord: 18, lastWord: 29, totalWords: 33, text: 'fiercely oppose the U.S.' },
      }),
      quote('q-elided', 'We have no confidence', {
        state: 'elided',
        changed: [],
        elided: [{ source: 'and do not agree', words: 4 }],
        shortened: null,
      }),
      quote('q-changed', 'we’re not going to be', {
        state: 'changed',
        changed: [{ kind: 'replaced', page: 'by', source: 'at' }],
        elided: [],
        shortened: null,
      }),
      { target: 'q-unknown', kind: 'quote', name: 'Speaker', detail: 'no fidelity', count: 1 },
    ],
  };
  const rows = () =>
    Array.from(document.querySelectorAll<HTMLElement>('.bs-group-quote .bs-item'), (button) => ({
      target: button.dataset.target,
      state: button.querySelector<HTMLElement>('.bs-fidelity-badge')?.dataset.state,
      badge: button.querySelector('.bs-fidelity-badge')?.textContent,
      line: button.querySelector('.bs-fidelity-line')?.textContent,
    }));

  it('shows each state as a text badge with what differs; words changed listed first', async () => {
    const { ready } = mount(FIDELITY_SUMMARY);
    await ready;
    expect(rows()).toEqual([
      { target: 'q-changed', state: 'changed', badge: 'Words changed', line: '“by” for “at”' },
      { target: 'q-verbatim', state: 'verbatim', badge: 'Verbatim', line: undefined },
      { target: 'q-shortened', state: 'shortened', badge: 'Shortened', line: 'Quotes “fiercely oppose the U.S.”' },
      { target: 'q-elided', state: 'elided', badge: 'Elided', line: '… for “and do not agree”' },
      { target: 'q-unknown', state: undefined, badge: undefined, line: undefined },
    ]);
    // The badge is part of the item's text, so its accessible name says the state too.
    expect(document.querySelector('[data-target="q-changed"]')?.textContent).toContain('Words changed');
  });

  it('ignores a malformed fidelity and shows page words as text', async () => {
    const { ready } = mount({
      ...SUMMARY,
      items: [
        quote('q-bad', 'x', { state: 'altered', changed: [], elided: [], shortened: null }),
        quote('q-evil', 'y', {
          state: 'changed',
          changed: [{ kind: 'replaced', page: '<img src=x onerror=alert(1)>', source: 'at' }],
          elided: [],
          shortened: null,
        }),
      ],
    });
    await ready;
    expect(document.querySelector('[data-target="q-bad"] .bs-item-fidelity')).toBeNull();
    expect(document.querySelector('#bs-page-list img')).toBeNull();
    expect(document.querySelector('[data-target="q-evil"] .bs-fidelity-line')?.textContent).toBe(
      '“<img src=x onerror=alert(1)>” for “at”',
    );
  });
});
