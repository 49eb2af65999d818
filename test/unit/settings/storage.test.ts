import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  exportSettings,
  MAX_SITE_RULES,
  parseSetting,
  parseSettingsImport,
  SETTING_NAMES,
  settingsFrom,
} from '../../../src/settings/schema';
import {
  loadSettings,
  migrateSitesV1toV2,
  resetSettings,
  resetSettingsItemsForTests,
  saveSettings,
  settingsItems,
  watchSettings,
} from '../../../src/settings/storage';

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemsForTests();
});

describe('settings schema', () => {
  it('names every setting once, each with a schema that accepts its default', () => {
    expect([...SETTING_NAMES].sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    for (const name of SETTING_NAMES)
      expect(parseSetting(name, DEFAULT_SETTINGS[name])).toEqual(DEFAULT_SETTINGS[name]);
  });
});

describe('settings storage', () => {
  it('reads defaults on a fresh install', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves, reloads and resets', async () => {
    await saveSettings({ mentions: 'all', hoverDelay: 800, sites: [{ host: 'cnn.com', subdomains: true }] });
    resetSettingsItemsForTests();
    const loaded = await loadSettings();
    expect(loaded).toMatchObject({ mentions: 'all', hoverDelay: 800, sites: [{ host: 'cnn.com', subdomains: true }] });
    expect(loaded.theme).toBe('auto');
    await resetSettings();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses to save an invalid value and writes nothing', async () => {
    await expect(saveSettings({ hoverDelay: -1 })).rejects.toThrow(/hoverDelay/);
    expect(await fakeBrowser.storage.sync.get('hoverDelay')).toEqual({});
  });

  it('falls back per setting for corrupted or foreign values, without throwing', async () => {
    await fakeBrowser.storage.sync.set({
      enabled: 'yes',
      siteMode: 'only',
      sites: [{ host: 'cnn.com', subdomains: true, extra: 1 }],
      kinds: ['person', 'spaceship'],
      mentions: 'all',
      scope: 42,
      markStyle: null,
      hoverDelay: 1e9,
      theme: { evil: true },
      sites$: { v: 2 },
    });
    const loaded = await loadSettings();
    expect(loaded).toEqual({ ...DEFAULT_SETTINGS, siteMode: 'only', mentions: 'all' });
  });

  it('treats a huge site list as corrupted', async () => {
    const sites = Array.from({ length: MAX_SITE_RULES + 1 }, (_, i) => ({ host: `s${i}.com`, subdomains: true }));
    await fakeBrowser.storage.sync.set({ sites, sites$: { v: 2 } });
    expect((await loadSettings()).sites).toEqual([]);
  });

  it('migrates a v1 site list (strings) to v2 rules when the item is first used', async () => {
    await fakeBrowser.storage.sync.set({ sites: ['https://www.CNN.com/world', 'bbc.co.uk', 42, 'cnn.com', 'no way'] });
    const loaded = await loadSettings();
    expect(loaded.sites).toEqual([
      { host: 'cnn.com', subdomains: true },
      { host: 'bbc.co.uk', subdomains: true },
    ]);
    expect(await fakeBrowser.storage.sync.get('sites$')).toEqual({ sites$: { v: 2 } });
    expect(await settingsItems().sites.getMeta()).toEqual({ v: 2 });
  });

  it('migration never throws and keeps v2 rules written without a version', () => {
    expect(migrateSitesV1toV2('cnn.com')).toEqual([]);
    expect(migrateSitesV1toV2(null)).toEqual([]);
    expect(migrateSitesV1toV2([{ host: 'a.com', subdomains: false }, 'b.com'])).toEqual([
      { host: 'a.com', subdomains: false },
      { host: 'b.com', subdomains: true },
    ]);
  });

  it('watches every setting and delivers the whole validated settings', async () => {
    const seen: unknown[] = [];
    const controller = new AbortController();
    watchSettings((settings) => seen.push(settings.enabled), controller.signal);
    await saveSettings({ enabled: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([false]);
    controller.abort();
    await saveSettings({ enabled: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([false]);
  });
});

describe('export and import', () => {
  it('round-trips every setting', () => {
    const settings = settingsFrom({
      enabled: false,
      siteMode: 'only',
      sites: [{ host: 'cnn.com', subdomains: false }],
      kinds: ['quote', 'person'],
      mentions: 'all',
      scope: 'page',
      markStyle: 'dotted',
      hoverDelay: 120,
      theme: 'dark',
    });
    const result = parseSettingsImport(exportSettings(settings));
    expect(result).toEqual({ ok: true, settings: { ...settings, kinds: ['person', 'quote'] } });
  });

  it.each([
    ['{', /not valid JSON/],
    ['[]', /not a Backstory settings file/],
    ['{"format":"backstory-settings","version":9,"settings":{}}', /version 9/],
    ['{"format":"backstory-settings","version":1}', /no "settings"/],
    ['{"format":"backstory-settings","version":1,"settings":{"colour":"red"}}', /Unknown setting "colour"/],
    ['{"format":"backstory-settings","version":1,"settings":{"hoverDelay":"fast"}}', /"hoverDelay" is not valid/],
    [' '.repeat(300_000), /too large/],
  ])('refuses %s with a clear message', (text, message) => {
    const result = parseSettingsImport(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
