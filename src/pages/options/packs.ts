/**
 * The options page's "Knowledge packs" section: every pack (the bundled one first) with its title, source, counts,
 * an on/off switch, export and delete (with undo); "Import a knowledge pack" (one or several files, each validated
 * whole: a bad file is refused naming the file and the field, and nothing else changes); entities merged across
 * packs, with why, and a way to split them. Every change is stored, then published by the background (one compile,
 * one for all the files of an import too), which open tabs follow live. Pack data is shown with `textContent` only.
 */
import type { Pack } from '../../knowledge/schema';
import type { PacksOutcome } from '../../messaging/contract';
import type { DamagedPack, PackRecord, PackState, PackStore, StoredPack } from '../../packs/store';
import { readPackFile } from './pack-import';
import { counts, damagedRow, mergeRows, packRow, undoRow, type RowContext } from './pack-rows';
import { createStatus } from './status';

export interface PacksApi {
  readonly store: PackStore;
  readonly bundled: Pack;
  /** Asks the background to compile the enabled packs (undefined when it did not answer). */
  publish(): Promise<PacksOutcome | undefined>;
  download(fileName: string, text: string): void;
  now?(): number;
}

export interface PacksSection {
  /** Reads the store again and shows it. */
  refresh(): Promise<void>;
  /** Imports files (what the file input does); resolves to one message per file. */
  importFiles(files: readonly { name: string; text: string }[]): Promise<{ ok: boolean; message: string }[]>;
}

interface Shown {
  packs: StoredPack[];
  damaged: DamagedPack[];
  state: PackState;
}

/** Binds the section inside `root` (its skeleton: #bs-pack-list, #bs-pack-import, #bs-pack-status, #bs-merge-list). */
export function bindPacks(root: HTMLElement, api: PacksApi, signal: AbortSignal): PacksSection {
  const doc = root.ownerDocument;
  const need = <T extends Element>(selector: string): T => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`The options skeleton has no ${selector}`);
    return found;
  };
  const list = need<HTMLUListElement>('#bs-pack-list');
  const merges = need<HTMLUListElement>('#bs-merge-list');
  const input = need<HTMLInputElement>('#bs-pack-import');
  const say = createStatus(need<HTMLElement>('#bs-pack-status'));
  const now = () => api.now?.() ?? Date.now();
  let shown: Shown = { packs: [], damaged: [], state: { bundledEnabled: true, splits: [] } };
  let undo: PackRecord | null = null;

  /** Stores a change, publishes it, shows the result; a failure is said and nothing else changes. */
  const change = async (work: () => Promise<string | null>): Promise<{ ok: boolean; message: string }> => {
    let message: string | null;
    try {
      message = await work();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      say(text, 'error');
      return { ok: false, message: text };
    }
    const outcome = await api.publish();
    await refresh();
    if (outcome && !outcome.ok) {
      const text = `${message ?? 'Saved'}, but open tabs could not be updated: ${outcome.error ?? 'unknown error'}`;
      say(text, 'error');
      return { ok: false, message: text };
    }
    if (message) say(message);
    return { ok: true, message: message ?? '' };
  };

  const setState = (next: Partial<PackState>) => api.store.setState({ ...shown.state, ...next });

  const rows: RowContext = {
    doc,
    api,
    change,
    setState,
    state: () => shown.state,
    setUndo: (record) => void (undo = record),
  };

  const render = () => {
    list.replaceChildren(packRow(rows, api.bundled, shown.state.bundledEnabled, true));
    for (const record of shown.packs) list.append(packRow(rows, record.pack, record.enabled, false));
    for (const damaged of shown.damaged) list.append(damagedRow(rows, damaged));
    if (undo) list.append(undoRow(rows, undo));
    const enabled = [
      ...(shown.state.bundledEnabled ? [api.bundled] : []),
      ...shown.packs.filter((record) => record.enabled).map((record) => record.pack),
    ];
    merges.replaceChildren(...mergeRows(rows, enabled));
  };

  async function refresh(): Promise<void> {
    try {
      const [{ packs, damaged }, state] = await Promise.all([api.store.list(), api.store.state()]);
      shown = { packs, damaged, state };
    } catch (error) {
      say(error instanceof Error ? error.message : String(error), 'error');
    }
    render();
  }

  /** Stores every valid file, then publishes once (one compile for the whole choice, however many files). */
  const importFiles = async (files: readonly { name: string; text: string }[]) => {
    const results: { ok: boolean; message: string }[] = [];
    for (const file of files) {
      const read = readPackFile(file.name, file.text, api.bundled.id);
      if (!read.ok) {
        results.push({ ok: false, message: `Import refused, nothing was changed: ${read.error}` });
        continue;
      }
      const { pack } = read;
      try {
        const { replaced } = await api.store.put(pack, file.name, now());
        const message = `${replaced ? 'Replaced' : 'Imported'} “${pack.source.title}” (${file.name}): ${counts(pack)}.`;
        results.push({ ok: true, message });
      } catch (error) {
        results.push({ ok: false, message: error instanceof Error ? error.message : String(error) });
      }
    }
    if (results.some((result) => result.ok)) {
      const published = await change(async () => null);
      if (!published.ok) {
        for (const [i, result] of results.entries()) {
          if (result.ok) results[i] = { ok: false, message: `${result.message} ${published.message}` };
        }
      }
    }
    // Refusals and failures stay on screen when other files imported fine.
    const refused = results.filter((result) => !result.ok);
    if (refused.length) say(refused.map((result) => result.message).join('\n'), 'error');
    else if (results.length) say(results.map((result) => result.message).join('\n'));
    return results;
  };

  input.addEventListener(
    'change',
    () => {
      const files = Array.from(input.files ?? []);
      input.value = '';
      void Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text().catch(() => '') }))).then(
        importFiles,
      );
    },
    { signal },
  );
  return { refresh, importFiles };
}
