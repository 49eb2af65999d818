// idb's wrappers test `instanceof IDBRequest`: the fake's classes go on the global.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { readerPath } from '../../../src/background/reader-tabs';
import { createPackStore } from '../../../src/packs/store';
import { readerPack } from '../../../src/pages/reader/start';
import { bundled, envoyPack } from './helpers';

describe('the reader of a pack', () => {
  it('opens the bundled pack without ?pack and an imported pack with ?pack=<id>', () => {
    expect(readerPath('q-3')).toBe('/reader.html#q-3');
    expect(readerPath('s-12')).toBe('/reader.html#s-12');
    expect(readerPath('un-envoy-2021:q-1')).toBe('/reader.html?pack=un-envoy-2021#q-1');
  });

  it('reads the pack the URL names from the store', async () => {
    const store = createPackStore(new IDBFactory());
    const envoy = envoyPack();
    await store.put(envoy, 'un.json', 1);
    const base = 'chrome-extension://x/reader.html';
    expect((await readerPack(`${base}#q-3`, bundled, () => store)).id).toBe(bundled.id);
    expect((await readerPack(`${base}?pack=${envoy.id}#q-1`, bundled, () => store)).id).toBe(envoy.id);
    await expect(readerPack(`${base}?pack=gone#q-1`, bundled, () => store)).rejects.toThrow(
      'No knowledge pack "gone" is installed',
    );
  });
});
