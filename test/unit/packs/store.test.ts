// idb's wrappers test `instanceof IDBRequest`: the fake's classes go on the global, each test opens its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createPackStore, PackStoreError, storeError } from '../../../src/packs/store';
import { envoyPack, tinyPack } from './helpers';

const fresh = () => createPackStore(new IDBFactory());

describe('the pack store (IndexedDB)', () => {
  it('adds, lists, switches, removes and restores packs', async () => {
    const store = fresh();
    const envoy = envoyPack();
    expect(await store.put(envoy, 'un.json', 1)).toEqual({ replaced: false });
    await store.put(tinyPack('b', [{}]), 'b.json', 2);
    expect((await store.list()).packs.map((record) => [record.id, record.enabled])).toEqual([
      [envoy.id, true],
      ['b', true],
    ]);
    await store.setEnabled('b', false);
    expect((await store.list()).packs[1]?.enabled).toBe(false);
    // A replaced pack keeps its switch and its place.
    expect(await store.put(tinyPack('b', [{}, {}]), 'b2.json', 3)).toEqual({ replaced: true });
    const b = (await store.list()).packs[1];
    expect([b?.enabled, b?.addedAt, b?.pack.entities.length]).toEqual([false, 2, 2]);
    const removed = await store.remove(envoy.id);
    expect((await store.list()).packs.map((record) => record.id)).toEqual(['b']);
    if (removed) await store.restore(removed);
    expect((await store.list()).packs.map((record) => record.id)).toEqual([envoy.id, 'b']);
  });

  it('keeps the state: the bundled switch and split decisions', async () => {
    const store = fresh();
    expect(await store.state()).toEqual({ bundledEnabled: true, splits: [] });
    await store.setState({ bundledEnabled: false, splits: [{ packId: 'b', entityId: 'x' }] });
    expect(await store.state()).toEqual({ bundledEnabled: false, splits: [{ packId: 'b', entityId: 'x' }] });
  });

  it('lists a damaged record apart, with its problem, and keeps it', async () => {
    const factory = new IDBFactory();
    const store = createPackStore(factory);
    await store.put(tinyPack('good', [{}]), 'good.json', 1);
    await store.restore({
      id: 'bad',
      pack: { schemaVersion: 1, id: 'bad' },
      enabled: true,
      addedAt: 2,
      fileName: 'bad.json',
    });
    const listed = await createPackStore(factory).list();
    expect(listed.packs.map((record) => record.id)).toEqual(['good']);
    expect(listed.damaged).toHaveLength(1);
    expect(listed.damaged[0]?.problem).toMatch(/^bad\.json is not a valid knowledge pack:\n {2}source: /);
    expect((await createPackStore(factory).list()).damaged).toHaveLength(1);
  });

  it('says clearly when the window has no storage for extensions (private windows)', async () => {
    const store = createPackStore(null);
    await expect(store.list()).rejects.toMatchObject({ problem: 'unavailable' });
    await expect(store.list()).rejects.toThrow(/cannot be stored in this window.*private window/);
    const throwing = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    };
    await expect(createPackStore(throwing as unknown as IDBFactory).list()).rejects.toBeInstanceOf(PackStoreError);
  });

  it('names a full quota and promises nothing changed', () => {
    const error = storeError(new DOMException('full', 'QuotaExceededError'), 'save un.json');
    expect(error.problem).toBe('quota');
    expect(error.message).toMatch(
      /^Could not save un\.json: the browser's storage for Backstory is full.*nothing was changed/,
    );
  });
});
