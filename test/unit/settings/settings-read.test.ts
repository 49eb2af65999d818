import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';
import { followSettings, readSettings, settingsFromStorage } from '../../../src/settings/settings-read';
import { loadSettings, resetSettingsItemsForTests, saveSettings } from '../../../src/settings/storage';

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemsForTests();
});

describe('settings read in one call (the content script)', () => {
  it('gives the defaults on a fresh install, in one storage call', async () => {
    const get = vi.spyOn(fakeBrowser.storage.sync, 'get');
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('reads what the storage items wrote, as the items read it', async () => {
    await saveSettings({ mentions: 'all', hoverDelay: 800, sites: [{ host: 'cnn.com', subdomains: false }] });
    await saveSettings({ siteMode: 'only', kinds: ['quote', 'person'], theme: 'dark', enabled: false });
    const read = await readSettings();
    expect(read).toEqual(await loadSettings());
    expect(read).toMatchObject({ mentions: 'all', siteMode: 'only', kinds: ['person', 'quote'], enabled: false });
  });

  it('falls back per setting: a corrupted value costs only that setting', async () => {
    await fakeBrowser.storage.sync.set({ hoverDelay: 'soon', theme: 'dark', kinds: 42, mentions: 'all' });
    expect(await readSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      mentions: 'all',
    });
  });

  it('migrates a v1 site list in memory, as the item would', () => {
    const v1 = settingsFromStorage({ sites: ['https://www.cnn.com/world', 'bbc.co.uk', 7] });
    expect(v1.sites).toEqual([
      { host: 'cnn.com', subdomains: true },
      { host: 'bbc.co.uk', subdomains: true },
    ]);
    const v2 = settingsFromStorage({ sites: [{ host: 'cnn.com', subdomains: false }], sites$: { v: 2 } });
    expect(v2.sites).toEqual([{ host: 'cnn.com', subdomains: false }]);
  });

  it('gives the defaults when storage cannot be read', async () => {
    const broken = {
      storage: {
        sync: { get: () => Promise.reject(new Error('no storage')) },
        onChanged: { addListener: () => undefined, removeListener: () => undefined },
      },
    };
    expect(await readSettings(broken)).toEqual(DEFAULT_SETTINGS);
  });

  it('follows changes until the signal aborts, once per batch of changes', async () => {
    const seen: string[] = [];
    const life = new AbortController();
    followSettings((settings) => seen.push(settings.mentions), life.signal);
    await saveSettings({ mentions: 'all', theme: 'dark' });
    await vi.waitFor(() => expect(seen).toEqual(['all']));
    await fakeBrowser.storage.sync.set({ unrelated: 1 });
    await fakeBrowser.storage.local.set({ mentions: 'first' });
    life.abort();
    await saveSettings({ mentions: 'first' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['all']);
  });
});
