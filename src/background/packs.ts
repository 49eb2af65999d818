/**
 * Packs in the background: the one place that compiles the enabled packs into the page knowledge record
 * (`storage.local`, read by every content script at start-up and followed live). Compiles on `packs-changed` (the
 * options page after an import, a switch, a delete or a split) and after an install or update (a new build may
 * read another tables format).
 */
import type { browser as Browser } from 'wxt/browser';
import bundledPack from '../knowledge/pack.json';
import type { Pack } from '../knowledge/schema';
import type { CardPacks, PacksOutcome } from '../messaging/contract';
import { createPublisher } from '../packs/publish';
import { createPackStore } from '../packs/store';

export interface PacksService {
  publish(): Promise<PacksOutcome>;
  /** The enabled imported packs for a card (null when the storage cannot be read). */
  cardData(): Promise<CardPacks | null>;
}

export function createPacksService(api: typeof Browser): PacksService {
  const store = createPackStore();
  const publisher = createPublisher({
    store,
    // Validated by a unit test and by the build (the page pack is parsed from the same file).
    bundled: bundledPack as unknown as Pack,
    storage: api.storage.local,
  });
  const publish = async (): Promise<PacksOutcome> => {
    try {
      const outcome = await publisher();
      return { ok: true, packs: outcome.packs, compileMs: Math.round(outcome.compileMs * 10) / 10 };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
  api.runtime.onInstalled?.addListener(() => void publish());
  const cardData = async (): Promise<CardPacks | null> => {
    try {
      const [{ packs }, state] = await Promise.all([store.list(), store.state()]);
      return {
        bundledEnabled: state.bundledEnabled,
        packs: packs.filter((record) => record.enabled).map((record) => record.pack),
        splits: state.splits,
      };
    } catch {
      return null;
    }
  };
  return { publish, cardData };
}
