/**
 * The background's side of packs: compiles the enabled packs into the page knowledge record once per change and
 * writes it to `storage.local` (or removes it when only the bundled pack is on, so pages use the knowledge
 * compiled into the content script). Changes are published one after the other; the last one wins.
 */
import type { Pack } from '../knowledge/schema';
import { compileKnowledge, encodeRecord, KNOWLEDGE_KEY } from './record';
import type { PackStore } from './store';

/** The slice of `storage.local` publishing needs. */
export interface LocalStorageArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface PublishOutcome {
  /** Enabled packs, the bundled one included. */
  readonly packs: number;
  /** Time spent merging and compiling, in ms. */
  readonly compileMs: number;
  /** Stored packs left out because their record no longer validates. */
  readonly damaged: number;
}

export interface PublisherOptions {
  readonly store: PackStore;
  readonly bundled: Pack;
  readonly storage: LocalStorageArea;
  readonly now?: () => number;
}

/** Makes `publish()`: reads the store, compiles, writes the record. Calls are queued. */
export function createPublisher(options: PublisherOptions): () => Promise<PublishOutcome> {
  const now = options.now ?? (() => Date.now());
  let queue: Promise<unknown> = Promise.resolve();
  const publishOnce = async (): Promise<PublishOutcome> => {
    const [{ packs, damaged }, state] = await Promise.all([options.store.list(), options.store.state()]);
    const enabled = [
      ...(state.bundledEnabled ? [options.bundled] : []),
      ...packs.filter((record) => record.enabled && record.id !== options.bundled.id).map((record) => record.pack),
    ];
    const started = performance.now();
    if (enabled.length === 1 && enabled[0] === options.bundled) {
      await options.storage.remove(KNOWLEDGE_KEY);
      return { packs: 1, compileMs: 0, damaged: damaged.length };
    }
    const record = compileKnowledge(enabled, state.splits, { bundledId: options.bundled.id, now: now() });
    const compileMs = performance.now() - started;
    // Stored as three JSON texts: pages parse the part they use when they use it (see `StoredKnowledge`).
    await options.storage.set({ [KNOWLEDGE_KEY]: encodeRecord(record) });
    return { packs: enabled.length, compileMs, damaged: damaged.length };
  };
  return () => {
    const next = queue.then(publishOnce, publishOnce);
    queue = next.catch(() => undefined);
    return next;
  };
}
