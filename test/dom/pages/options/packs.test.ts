// @vitest-environment happy-dom
/**
 * The options page's "Knowledge packs" section on the real skeleton (entrypoints/options/index.html), over a fake
 * IndexedDB and a publish that records its calls (the background's compile is tested in test/unit/packs/).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOptionsPage, type OptionsPage } from '../../../../src/pages/options/options';
import { createPackStore, storeError, type PackStore } from '../../../../src/packs/store';
import { loadSettings, resetSettings, saveSettings, watchSettings } from '../../../../src/settings/storage';
import { bundled, envoyPack } from '../../../unit/packs/helpers';

const SKELETON = (() => {
  const html = readFileSync(path.resolve('entrypoints/options/index.html'), 'utf8');
  return /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
})();

let page: OptionsPage | undefined;

async function mount(store: PackStore) {
  const parsed = new DOMParser().parseFromString(SKELETON, 'text/html').body;
  document.body.replaceChildren(...Array.from(parsed.childNodes, (node) => document.importNode(node, true)));
  const root = document.getElementById('bs-options');
  if (!root) throw new Error('no #bs-options');
  const publish = vi.fn(async () => ({ ok: true, packs: 2 }));
  const download = vi.fn<(fileName: string, text: string) => void>();
  page = createOptionsPage(root, {
    loadSettings,
    saveSettings,
    resetSettings,
    watchSettings,
    download,
    packs: { store, bundled, publish, download, now: () => 1000 },
  });
  await page.ready;
  return { page, publish, download, packs: page.packs ?? raise('no packs section') };
}

function raise(message: string): never {
  throw new Error(message);
}
const rows = () =>
  Array.from(document.querySelectorAll<HTMLElement>('#bs-pack-list li')).map((li) => li.dataset.pack ?? li.textContent);
const status = () => document.getElementById('bs-pack-status')?.textContent ?? '';
const button = (label: string) =>
  document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`) ?? raise(`no button ${label}`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => fakeBrowser.reset());
afterEach(() => page?.dispose());

describe('the Knowledge packs section', () => {
  it('has the import input with its accessible name, for several files', async () => {
    await mount(createPackStore(new IDBFactory()));
    const input = document.querySelector<HTMLInputElement>('input[type="file"][aria-label="Import a knowledge pack"]');
    expect(input?.multiple).toBe(true);
    expect(rows()).toEqual([bundled.id]);
    expect(document.querySelector('#bs-pack-list li')?.textContent).toContain('BAGHDAD (Dispatches), July 2021');
  });

  it('imports a pack, shows it with source and counts, and publishes once', async () => {
    const { packs, publish } = await mount(createPackStore(new IDBFactory()));
    const envoy = envoyPack();
    const [result] = await packs.importFiles([{ name: 'un.json', text: JSON.stringify(envoy) }]);
    expect(result).toEqual({
      ok: true,
      message: 'Imported “UN Envoy Briefs Council on Iraq Vote” (un.json): 5 entities, 1 quote.',
    });
    expect(publish).toHaveBeenCalledTimes(1);
    expect(rows()).toEqual([bundled.id, envoy.id]);
    const row = document.querySelector(`li[data-pack="${envoy.id}"]`);
    expect(row?.textContent).toContain('NEW YORK (Test Wire), September 2021');
    expect(row?.textContent).toContain('5 entities, 1 quote');
    // Merged entities are listed with why.
    const merged = document.querySelector('#bs-merge-list li[data-entity="mustafa-al-kadhimi"]');
    expect(merged?.textContent).toContain('because both packs give the same name and kind');
  });

  it('imports several files with one publish; a full quota on one names it and keeps the others', async () => {
    const inner = createPackStore(new IDBFactory());
    const store: PackStore = {
      ...inner,
      put: (pack, fileName, now) =>
        pack.id === 'full-pack'
          ? Promise.reject(storeError(new DOMException('full', 'QuotaExceededError'), `save ${fileName}`))
          : inner.put(pack, fileName, now),
    };
    const { packs, publish } = await mount(store);
    const envoy = envoyPack();
    const results = await packs.importFiles([
      { name: 'un.json', text: JSON.stringify(envoy) },
      { name: 'full.json', text: JSON.stringify({ ...envoy, id: 'full-pack' }) },
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, false]);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(status()).toBe(
      "Could not save full.json: the browser's storage for Backstory is full. Delete a pack or free disk space; " +
        'nothing was changed.',
    );
    expect(rows()).toEqual([bundled.id, envoy.id]);
    expect((await inner.list()).packs.map((record) => record.id)).toEqual([envoy.id]);
  });

  it('refuses a bad file naming the file and the field, and changes nothing', async () => {
    const store = createPackStore(new IDBFactory());
    const { packs, publish } = await mount(store);
    const broken = { ...envoyPack(), entities: [{ ...envoyPack().entities[0], kind: 'planet' }] };
    const results = await packs.importFiles([
      { name: 'broken.json', text: JSON.stringify(broken) },
      { name: 'notjson.json', text: '{ nope' },
    ]);
    expect(results.map((result) => result.ok)).toEqual([false, false]);
    expect(results[0]?.message).toMatch(
      /^Import refused, nothing was changed: broken\.json is not a valid knowledge pack:\n {2}entities\.0\.kind: /,
    );
    expect(results[1]?.message).toMatch(/notjson\.json is not JSON/);
    expect(status()).toContain('broken.json');
    expect(publish).not.toHaveBeenCalled();
    expect((await store.list()).packs).toEqual([]);
  });

  it('refuses a pack that takes the bundled pack’s id', async () => {
    const { packs } = await mount(createPackStore(new IDBFactory()));
    const [result] = await packs.importFiles([{ name: 'copy.json', text: JSON.stringify(bundled) }]);
    expect(result?.message).toContain(`copy.json: id "${bundled.id}" is the bundled pack's id`);
  });

  it('switches packs off (the bundled one too), exports, deletes with undo, splits a merge', async () => {
    const store = createPackStore(new IDBFactory());
    const envoy = envoyPack();
    await store.put(envoy, 'un.json', 1);
    const { publish, download } = await mount(store);
    const toggle = document.querySelector<HTMLInputElement>(`li[data-pack="${bundled.id}"] input[role="switch"]`);
    expect(toggle?.checked).toBe(true);
    toggle?.click();
    await settle();
    expect((await store.state()).bundledEnabled).toBe(false);
    expect(publish).toHaveBeenCalledTimes(1);

    button(`Export “${envoy.source.title}”`).click();
    expect(download.mock.calls[0]?.[0]).toBe(`${envoy.id}.json`);
    expect(JSON.parse(download.mock.calls[0]?.[1] ?? '')).toEqual(envoy);

    button(`Delete “${envoy.source.title}”`).click();
    await settle();
    expect((await store.list()).packs).toEqual([]);
    button('Undo deleting un.json').click();
    await settle();
    expect((await store.list()).packs.map((record) => record.id)).toEqual([envoy.id]);

    document.querySelector<HTMLInputElement>(`li[data-pack="${bundled.id}"] input[role="switch"]`)?.click();
    await settle();
    button('Split Mustafa al-Kadhimi').click();
    await settle();
    expect((await store.state()).splits).toEqual([{ packId: envoy.id, entityId: 'kadhimi' }]);
    expect(document.querySelector('#bs-merge-list li[data-entity="mustafa-al-kadhimi"]')).toBeNull();
  });

  it('says clearly when the window has no storage for packs, and the bundled pack still shows', async () => {
    await mount(createPackStore(null));
    expect(status()).toMatch(/cannot be stored in this window/);
    expect(rows()).toEqual([bundled.id]);
  });
});
