/**
 * Saving the reviewed pack: stored in the reader's pack storage (with its article, for the reader page), then the
 * background compiles the enabled packs once and open tabs follow. A storage failure (private window, full quota)
 * is said plainly; the review stays on the page, so nothing is lost.
 */
import type { Pack } from '../../knowledge/schema';
import type { PacksOutcome } from '../../messaging/contract';
import type { PackStore } from '../../packs/store';

export type SaveResult =
  | { readonly ok: true; readonly replaced: boolean; readonly live: boolean }
  | { readonly ok: false; readonly error: string };

export async function savePack(
  store: Pick<PackStore, 'put'>,
  pack: Pack,
  publish: () => Promise<PacksOutcome | undefined>,
  now: number,
): Promise<SaveResult> {
  let replaced: boolean;
  try {
    ({ replaced } = await store.put(pack, `${pack.id}.json`, now));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const outcome = await publish();
  return { ok: true, replaced, live: outcome?.ok === true };
}

/** The ids in use among the reader's packs, for a new pack's id to differ. */
export function freeId(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
