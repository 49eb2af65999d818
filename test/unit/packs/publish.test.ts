// idb's wrappers test `instanceof IDBRequest`: the fake's classes go on the global, each test opens its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadMatcher, TABLES_FORMAT } from '../../../src/match';
import { createPublisher } from '../../../src/packs/publish';
import {
  decodeRecord,
  KNOWLEDGE_KEY,
  KNOWLEDGE_VERSION,
  usableRecord,
  type KnowledgeRecord,
} from '../../../src/packs/record';
import { createPackStore } from '../../../src/packs/store';
import { bundled, envoyPack } from './helpers';

function memoryArea() {
  const items = new Map<string, unknown>();
  return {
    items,
    set: async (values: Record<string, unknown>) => void Object.entries(values).forEach(([k, v]) => items.set(k, v)),
    remove: async (key: string) => void items.delete(key),
  };
}

describe('publishing the page knowledge', () => {
  it('writes no record while only the bundled pack is on (pages use their built-in knowledge)', async () => {
    const storage = memoryArea();
    storage.items.set(KNOWLEDGE_KEY, 'stale');
    const publish = createPublisher({ store: createPackStore(new IDBFactory()), bundled, storage });
    expect((await publish()).packs).toBe(1);
    expect(storage.items.has(KNOWLEDGE_KEY)).toBe(false);
  });

  it('compiles the enabled packs into one record whose matcher finds both packs', async () => {
    const storage = memoryArea();
    const store = createPackStore(new IDBFactory());
    const envoy = envoyPack();
    await store.put(envoy, 'un.json', 1);
    const publish = createPublisher({ store, bundled, storage, now: () => 42 });
    expect((await publish()).packs).toBe(2);
    const stored = storage.items.get(KNOWLEDGE_KEY) as Record<string, unknown>;
    expect(Object.keys(stored)).toEqual(['version', 'head', 'names', 'tables', 'blobs']);
    const record = decodeRecord(stored) as KnowledgeRecord;
    expect(record.compiledAt).toBe(42);
    expect(record.packs.map((pack) => [pack.id, pack.bundled])).toEqual([
      [bundled.id, true],
      [envoy.id, false],
    ]);
    expect(record.merges['mustafa-al-kadhimi']?.why[0]?.reason).toBe('same-name-and-kind');
    const found = loadMatcher(record.tables).scan('Jeanine Hennis-Plasschaert met Mustafa al-Kadhimi and Joe Biden.');
    expect(found.map((match) => match.id)).toEqual(['jeanine-hennis-plasschaert', 'mustafa-al-kadhimi', 'joe-biden']);

    await store.setEnabled(envoy.id, false);
    await store.setState({ bundledEnabled: false, splits: [] });
    await publish();
    const off = decodeRecord(storage.items.get(KNOWLEDGE_KEY)) as KnowledgeRecord;
    expect(off.packs).toEqual([]);
    expect(loadMatcher(off.tables).scan('Joe Biden')).toEqual([]);
  });

  it('leaves out a damaged record and reports it', async () => {
    const storage = memoryArea();
    const store = createPackStore(new IDBFactory());
    await store.restore({ id: 'bad', pack: {}, enabled: true, addedAt: 1, fileName: 'bad.json' });
    await store.put(envoyPack(), 'un.json', 2);
    const outcome = await createPublisher({ store, bundled, storage })();
    expect([outcome.packs, outcome.damaged]).toEqual([2, 1]);
  });

  it('refuses records of another version or tables format, and an unreadable head', () => {
    const tables = `{"format":"${TABLES_FORMAT}",`;
    const good = { version: KNOWLEDGE_VERSION, head: '{"packs":[]}', names: '{}', tables, blobs: [] };
    expect(usableRecord(good)).not.toBeNull();
    expect(usableRecord({ version: KNOWLEDGE_VERSION })).toBeNull();
    expect(usableRecord({ ...good, blobs: undefined })).toBeNull();
    expect(usableRecord(null)).toBeNull();
    expect(usableRecord('{ not json')).toBeNull();
    expect(usableRecord({ ...good, version: 2 })).toBeNull();
    expect(usableRecord({ ...good, tables: '{"format":"other"}' })).toBeNull();
    expect(usableRecord({ ...good, head: '{ not json' })).toBeNull();
    expect(usableRecord({ ...good, head: '{"packs":7}' })).toBeNull();
    // The v1 record (one JSON text) is another version: pages use their built-in knowledge until it is republished.
    expect(usableRecord(JSON.stringify({ version: 1, tables: { format: TABLES_FORMAT } }))).toBeNull();
  });
});
