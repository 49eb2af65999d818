// @vitest-environment happy-dom
/**
 * The options page factory (src/pages/options/options.ts) on the real skeleton of entrypoints/options/index.html, with
 * the real settings storage over `fakeBrowser`'s sync storage.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MARK_KINDS } from '../../../../src/shared/vocabulary';
import { createOptionsPage, type OptionsPage } from '../../../../src/pages/options/options';
import { exportFileName } from '../../../../src/pages/options/transfer';
import { DEFAULT_SETTINGS, exportSettings, type Settings } from '../../../../src/settings/schema';
import {
  loadSettings,
  resetSettings,
  resetSettingsItemsForTests,
  saveSettings,
  watchSettings,
} from '../../../../src/settings/storage';

const SKELETON = (() => {
  const html = readFileSync(path.resolve('entrypoints/options/index.html'), 'utf8');
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0];
  if (!main) throw new Error('entrypoints/options/index.html has no <main>');
  return main;
})();

let page: OptionsPage | undefined;

async function mount() {
  // Parsed, not assigned to innerHTML: the same markup the extension page ships.
  const parsed = new DOMParser().parseFromString(SKELETON, 'text/html').body;
  document.body.replaceChildren(...Array.from(parsed.childNodes, (node) => document.importNode(node, true)));
  const root = document.getElementById('bs-options');
  if (!root) throw new Error('no #bs-options');
  const download = vi.fn<(fileName: string, text: string) => void>();
  page = createOptionsPage(root, { loadSettings, saveSettings, resetSettings, watchSettings, download });
  await page.ready;
  return { root, page, download };
}

const $ = <T extends Element>(selector: string) => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};
const change = (element: Element) => element.dispatchEvent(new Event('change', { bubbles: true }));
const checkedValue = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
const hosts = () =>
  Array.from(document.querySelectorAll<HTMLElement>('#bs-site-list li[data-host]')).map((li) => li.dataset.host);
const addSite = (text: string, subdomains = true) => {
  $<HTMLInputElement>('#bs-site-input').value = text;
  $<HTMLInputElement>('#bs-site-subdomains').checked = subdomains;
  $<HTMLFormElement>('#bs-site-form').requestSubmit();
};
/** What the page shows for every setting. */
function shown(): Settings {
  return {
    enabled: $<HTMLInputElement>('#bs-enabled').checked,
    siteMode: checkedValue('siteMode') as Settings['siteMode'],
    sites: Array.from(document.querySelectorAll<HTMLElement>('#bs-site-list li[data-host]')).map((li) => ({
      host: li.dataset.host ?? '',
      subdomains: li.querySelector('.bs-site-scope')?.textContent === 'and its subdomains',
    })),
    kinds: Array.from(document.querySelectorAll<HTMLInputElement>('input[name="kinds"]:checked')).map(
      (input) => input.value as Settings['kinds'][number],
    ),
    mentions: checkedValue('mentions') as Settings['mentions'],
    scope: checkedValue('scope') as Settings['scope'],
    markStyle: $<HTMLSelectElement>('#bs-markStyle').value as Settings['markStyle'],
    hoverDelay: Number($<HTMLInputElement>('#bs-hoverDelay').value),
    theme: $<HTMLSelectElement>('#bs-theme').value as Settings['theme'],
  };
}

const CUSTOM: Settings = {
  enabled: false,
  siteMode: 'only',
  sites: [
    { host: 'cnn.com', subdomains: true },
    { host: 'bbc.co.uk', subdomains: false },
  ],
  kinds: ['person', 'place', 'quote'],
  mentions: 'all',
  scope: 'page',
  markStyle: 'dotted',
  hoverDelay: 650,
  theme: 'dark',
};

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemsForTests();
});

afterEach(() => {
  page?.dispose();
  page = undefined;
  document.body.replaceChildren();
  delete document.documentElement.dataset.theme;
});

describe('the options page', () => {
  it('shows every setting: the defaults on a fresh install, and stored values', async () => {
    const { root } = await mount();
    expect(root.dataset.ready).toBe('true');
    expect(shown()).toEqual(DEFAULT_SETTINGS);
    expect(document.querySelectorAll('input[name="kinds"]')).toHaveLength(MARK_KINDS.length);
    expect($('#bs-site-list').textContent).toBe('No sites yet.');
    page?.dispose();

    await saveSettings(CUSTOM);
    await mount();
    expect(shown()).toEqual(CUSTOM);
    expect($('#bs-site-caption').textContent).toBe('Backstory runs only on these sites:');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('saves each control at once', async () => {
    await mount();
    const radio = (name: string, value: string) => {
      const input = $<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
      input.checked = true;
      change(input);
    };
    $<HTMLInputElement>('#bs-enabled').checked = false;
    change($('#bs-enabled'));
    radio('siteMode', 'only');
    radio('mentions', 'all');
    radio('scope', 'page');
    const quote = $<HTMLInputElement>('input[name="kinds"][value="quote"]');
    quote.checked = false;
    change(quote);
    $<HTMLSelectElement>('#bs-markStyle').value = 'background';
    change($('#bs-markStyle'));
    $<HTMLInputElement>('#bs-hoverDelay').value = '900';
    change($('#bs-hoverDelay'));
    $<HTMLSelectElement>('#bs-theme').value = 'light';
    change($('#bs-theme'));
    await vi.waitFor(async () =>
      expect(await loadSettings()).toEqual({
        ...DEFAULT_SETTINGS,
        enabled: false,
        siteMode: 'only',
        mentions: 'all',
        scope: 'page',
        kinds: MARK_KINDS.filter((kind) => kind !== 'quote'),
        markStyle: 'background',
        hoverDelay: 900,
        theme: 'light',
      }),
    );
    await vi.waitFor(() => expect($('#bs-status').textContent).toBe('Saved.'));
  });

  it('refuses an out-of-range hover delay with a message and keeps the stored one', async () => {
    await mount();
    $<HTMLInputElement>('#bs-hoverDelay').value = '99999';
    change($('#bs-hoverDelay'));
    expect($('#bs-status').textContent).toBe('The hover delay is between 0 and 2000 ms.');
    expect($('#bs-status').getAttribute('role')).toBe('alert');
    expect((await loadSettings()).hoverDelay).toBe(DEFAULT_SETTINGS.hoverDelay);
  });

  it('adds sites (normalised), refuses a bad one, searches and removes', async () => {
    await mount();
    // One at a time, as a user would: each add waits for the previous save.
    addSite('https://www.Example.com/news');
    await vi.waitFor(() => expect(hosts()).toEqual(['example.com']));
    addSite('bücher.de', false);
    await vi.waitFor(() => expect(hosts()).toEqual(['example.com', 'xn--bcher-kva.de']));
    addSite('cnn.com');
    await vi.waitFor(() => expect(hosts()).toEqual(['example.com', 'xn--bcher-kva.de', 'cnn.com']));
    expect((await loadSettings()).sites).toEqual([
      { host: 'example.com', subdomains: true },
      { host: 'xn--bcher-kva.de', subdomains: false },
      { host: 'cnn.com', subdomains: true },
    ]);
    expect($<HTMLInputElement>('#bs-site-input').value).toBe('');

    addSite('not a site!');
    expect($('#bs-site-error').textContent).toBe('“not a site!” is not a site name (try cnn.com).');
    expect((await loadSettings()).sites).toHaveLength(3);

    const search = $<HTMLInputElement>('#bs-site-search');
    search.value = 'CNN';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    expect(hosts()).toEqual(['cnn.com']);
    search.value = 'nowhere';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    expect(hosts()).toEqual([]);
    expect($('#bs-site-list').textContent).toBe('No site matches the search.');
    search.value = '';
    search.dispatchEvent(new Event('input', { bubbles: true }));

    const remove = $<HTMLButtonElement>('#bs-site-list li[data-host="example.com"] button');
    expect(remove.getAttribute('aria-label')).toBe('Remove example.com');
    remove.click();
    await vi.waitFor(() => expect(hosts()).toEqual(['xn--bcher-kva.de', 'cnn.com']));
    expect((await loadSettings()).sites.map((rule) => rule.host)).toEqual(['xn--bcher-kva.de', 'cnn.com']);
  });

  it('resets every setting to its default', async () => {
    await saveSettings(CUSTOM);
    await mount();
    expect(shown()).toEqual(CUSTOM);
    $<HTMLButtonElement>('#bs-reset').click();
    await vi.waitFor(() => expect($('#bs-status').textContent).toBe('All settings are back to their defaults.'));
    expect(shown()).toEqual(DEFAULT_SETTINGS);
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    // Only @wxt-dev/storage's version markers (`<key>$`) may remain.
    const left = Object.keys(await fakeBrowser.storage.sync.get(null));
    expect(left.filter((key) => !key.endsWith('$'))).toEqual([]);
  });

  it('exports the settings as a JSON file', async () => {
    await saveSettings(CUSTOM);
    const { download } = await mount();
    $<HTMLButtonElement>('#bs-export').click();
    expect(download).toHaveBeenCalledOnce();
    const [fileName, text] = download.mock.calls[0] ?? [];
    expect(fileName).toBe(exportFileName(new Date()));
    expect(fileName).toMatch(/^backstory-settings-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(text ?? '')).toEqual({ format: 'backstory-settings', version: 1, settings: CUSTOM });
  });

  it('imports a good file and shows it', async () => {
    const { page: options } = await mount();
    const result = await options.importText(exportSettings(CUSTOM));
    expect(result).toEqual({ ok: true, message: 'Imported 9 settings.' });
    expect(shown()).toEqual(CUSTOM);
    expect(await loadSettings()).toEqual(CUSTOM);
  });

  const BAD_FILES: [string, string, RegExp][] = [
    ['not JSON', '{"format": "backstory-settings",', /not valid JSON/],
    ['a foreign file', JSON.stringify({ name: 'other-extension', settings: {} }), /not a Backstory settings file/],
    [
      'a future version',
      JSON.stringify({ format: 'backstory-settings', version: 9, settings: {} }),
      /Unsupported settings file version 9/,
    ],
    [
      'an unknown setting',
      JSON.stringify({ format: 'backstory-settings', version: 1, settings: { mentions: 'all', colour: 'red' } }),
      /Unknown setting "colour"/,
    ],
    [
      'one invalid value among valid ones',
      JSON.stringify({ format: 'backstory-settings', version: 1, settings: { theme: 'light', hoverDelay: -5 } }),
      /The value of "hoverDelay" is not valid/,
    ],
    ['a huge file', 'x'.repeat(300_000), /too large/],
  ];
  for (const [what, text, reason] of BAD_FILES) {
    it(`refuses ${what} with a clear message and changes nothing`, async () => {
      await saveSettings({ mentions: 'first', theme: 'dark', sites: [{ host: 'cnn.com', subdomains: true }] });
      const before = await fakeBrowser.storage.sync.get(null);
      const { page: options } = await mount();
      const shownBefore = shown();
      const result = await options.importText(text);
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/^Import refused, nothing was changed: /);
      expect(result.message).toMatch(reason);
      const status = $<HTMLElement>('#bs-status');
      expect(status.textContent).toBe(result.message);
      expect(status.getAttribute('role')).toBe('alert');
      expect(status.dataset.kind).toBe('error');
      expect(await fakeBrowser.storage.sync.get(null)).toEqual(before);
      expect(shown()).toEqual(shownBefore);
    });
  }

  it('refuses a bad file chosen in the file input the same way', async () => {
    const before = await fakeBrowser.storage.sync.get(null);
    await mount();
    const input = $<HTMLInputElement>('#bs-import');
    const file = new File(['{"format":"nope"}'], 'settings.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    change(input);
    await vi.waitFor(() => expect($('#bs-status').textContent).toMatch(/^Import refused, nothing was changed: /));
    expect(await fakeBrowser.storage.sync.get(null)).toEqual(before);
  });

  it('follows changes made elsewhere (the popup, another tab) live', async () => {
    await mount();
    await saveSettings({ sites: [{ host: 'nytimes.com', subdomains: true }], mentions: 'all' });
    await vi.waitFor(() => expect(hosts()).toEqual(['nytimes.com']));
    expect(checkedValue('mentions')).toBe('all');
  });
});
