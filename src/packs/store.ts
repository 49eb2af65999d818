/**
 * The reader's packs in the extension's own IndexedDB (through `idb`): one record per imported pack (the pack file
 * as imported, whether it is on, when it was added) and one state record (the bundled pack on or off, the split
 * decisions). Only extension pages and the background open it; content scripts read the compiled record instead
 * (see record.ts). Every failure is a {@link PackStoreError} with a message a reader can act on: no storage in this
 * window (private windows), a full quota, a damaged record (listed apart, kept, never dropped).
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { parsePack, type Pack } from '../knowledge/schema';
import type { SplitDecision } from './merge';

const DB_NAME = 'backstory-packs';
const DB_VERSION = 1;
const STATE_KEY = 'state';

/** A stored pack. */
export interface PackRecord {
  readonly id: string;
  /** The pack file's content as imported (validated again whenever it is read). */
  readonly pack: unknown;
  readonly enabled: boolean;
  readonly addedAt: number;
  readonly fileName: string;
}

/** A stored pack that validated. */
export interface StoredPack extends PackRecord {
  readonly pack: Pack;
}

/** A record that no longer validates: shown with its problem, kept until the reader deletes it. */
export interface DamagedPack {
  readonly id: string;
  readonly fileName: string;
  readonly problem: string;
}

/** What the reader decided beyond the packs themselves. */
export interface PackState {
  readonly bundledEnabled: boolean;
  readonly splits: readonly SplitDecision[];
}

export const DEFAULT_PACK_STATE: PackState = { bundledEnabled: true, splits: [] };

interface PacksDb extends DBSchema {
  packs: { key: string; value: PackRecord };
  meta: { key: string; value: PackState };
}

export type PackStoreProblem = 'unavailable' | 'quota' | 'failed';

/** A storage failure, with a message for the reader. */
export class PackStoreError extends Error {
  constructor(
    readonly problem: PackStoreProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PackStoreError';
  }
}

/** The message and kind of an IndexedDB failure. */
export function storeError(error: unknown, doing: string): PackStoreError {
  if (error instanceof PackStoreError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new PackStoreError(
      'quota',
      `Could not ${doing}: the browser's storage for Backstory is full. Delete a pack or free disk space; nothing was changed.`,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new PackStoreError('failed', `Could not ${doing}: ${detail}. Nothing was changed.`);
}

export interface PackStore {
  /** Every stored pack, oldest first; records that do not validate come apart as `damaged`. */
  list(): Promise<{ packs: StoredPack[]; damaged: DamagedPack[] }>;
  /** Adds or replaces a pack (validated before); resolves to whether it replaced one. */
  put(pack: Pack, fileName: string, now: number): Promise<{ replaced: boolean }>;
  setEnabled(id: string, enabled: boolean): Promise<void>;
  /** Removes a pack; resolves to its record (for undo), or undefined when there was none. */
  remove(id: string): Promise<PackRecord | undefined>;
  /** Puts a removed record back as it was (undo). */
  restore(record: PackRecord): Promise<void>;
  state(): Promise<PackState>;
  setState(state: PackState): Promise<void>;
}

/**
 * Opens the store. `factory` is the IndexedDB to use (a fake in tests). Opening fails with an `unavailable`
 * {@link PackStoreError} where the window has no IndexedDB for extensions (private windows in Firefox).
 */
export function createPackStore(factory: IDBFactory | null = globalThis.indexedDB ?? null): PackStore {
  let db: Promise<IDBPDatabase<PacksDb>> | null = null;
  const open = (): Promise<IDBPDatabase<PacksDb>> => {
    db ??= (async () => {
      if (!factory) throw unavailable();
      try {
        const request = factory.open(DB_NAME, DB_VERSION);
        request.addEventListener('upgradeneeded', () => {
          request.result.createObjectStore('packs', { keyPath: 'id' });
          request.result.createObjectStore('meta');
        });
        return (await wrap(request)) as unknown as IDBPDatabase<PacksDb>;
      } catch (error) {
        throw (error as { name?: unknown } | null)?.name === 'QuotaExceededError'
          ? storeError(error, 'open the pack storage')
          : unavailable(error);
      }
    })();
    db.catch(() => (db = null));
    return db;
  };
  const run = async <T>(doing: string, work: (database: IDBPDatabase<PacksDb>) => Promise<T>): Promise<T> => {
    const database = await open();
    try {
      return await work(database);
    } catch (error) {
      throw storeError(error, doing);
    }
  };

  return {
    list: () =>
      run('read the packs', async (database) => {
        const records = (await database.getAll('packs')).sort((a, b) => a.addedAt - b.addedAt);
        const packs: StoredPack[] = [];
        const damaged: DamagedPack[] = [];
        for (const record of records) {
          try {
            packs.push({ ...record, pack: parsePack(record.pack, record.fileName) });
          } catch (error) {
            damaged.push({ id: record.id, fileName: record.fileName, problem: (error as Error).message });
          }
        }
        return { packs, damaged };
      }),
    put: (pack, fileName, now) =>
      run(`save ${fileName}`, async (database) => {
        const transaction = database.transaction('packs', 'readwrite');
        const before = await transaction.store.get(pack.id);
        await transaction.store.put({
          id: pack.id,
          pack,
          enabled: before?.enabled ?? true,
          addedAt: before?.addedAt ?? now,
          fileName,
        });
        await transaction.done;
        return { replaced: before !== undefined };
      }),
    setEnabled: (id, enabled) =>
      run('switch the pack', async (database) => {
        const transaction = database.transaction('packs', 'readwrite');
        const record = await transaction.store.get(id);
        if (record) await transaction.store.put({ ...record, enabled });
        await transaction.done;
      }),
    remove: (id) =>
      run('delete the pack', async (database) => {
        const transaction = database.transaction('packs', 'readwrite');
        const record = await transaction.store.get(id);
        await transaction.store.delete(id);
        await transaction.done;
        return record;
      }),
    restore: (record) => run('restore the pack', async (database) => void (await database.put('packs', record))),
    state: () =>
      run('read the pack settings', async (database) => {
        const state = await database.get('meta', STATE_KEY);
        return {
          bundledEnabled: typeof state?.bundledEnabled === 'boolean' ? state.bundledEnabled : true,
          splits: Array.isArray(state?.splits) ? state.splits : [],
        };
      }),
    setState: (state) =>
      run('save the pack settings', async (database) => void (await database.put('meta', state, STATE_KEY))),
  };
}

function unavailable(cause?: unknown): PackStoreError {
  const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
  return new PackStoreError(
    'unavailable',
    `Knowledge packs cannot be stored in this window${detail}: the browser gives extensions no storage here ` +
      '(a private window?). The bundled pack still works; open the options page in a normal window to manage packs.',
  );
}
