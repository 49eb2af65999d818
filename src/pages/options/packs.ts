/**
 * The options page's "Knowledge packs" section: every pack (the bundled one first) with its title, source, counts,
 * an on/off switch, export and delete (with undo); "Import a knowledge pack" (one or several files, each validated
 * whole: a bad file is refused naming the file and the field, and nothing else changes); entities merged across
 * packs, with why, and a way to split them. Every change is stored, then published by the background (one compile),
 * which open tabs follow live. Pack data is shown with `textContent` only.
 */
import type { Pack } from '../../knowledge/schema';
import type { PacksOutcome } from '../../messaging/contract';
import { explainMerge, mergePacks, type SplitDecision } from '../../packs/merge';
import type { DamagedPack, PackRecord, PackState, PackStore, StoredPack } from '../../packs/store';
import { h, textButton } from '../../shared/dom';
import { readPackFile } from './pack-import';
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

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
/** "5 entities, 1 quote". */
const counts = (pack: Pack) =>
  `${plural(pack.entities.length, 'entity', 'entities')}, ${plural(pack.quotes.length, 'quote')}`;

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

  const packRow = (pack: Pack, enabled: boolean, bundled: boolean) => {
    const li = h(doc, 'li', 'bs-pack');
    li.dataset.pack = pack.id;
    const toggle = h(doc, 'input');
    toggle.type = 'checkbox';
    toggle.setAttribute('role', 'switch');
    toggle.checked = enabled;
    toggle.setAttribute('aria-label', `Use “${pack.source.title}”`);
    toggle.addEventListener('change', () => {
      const on = toggle.checked;
      void change(async () => {
        if (bundled) await setState({ bundledEnabled: on });
        else await api.store.setEnabled(pack.id, on);
        return `“${pack.source.title}” is ${on ? 'on' : 'off'}.`;
      });
    });
    const about = h(doc, 'div', 'bs-pack-about');
    about.append(
      h(doc, 'span', 'bs-pack-title', pack.source.title),
      h(
        doc,
        'span',
        'bs-pack-source',
        `${pack.source.dateline}, ${pack.source.dateLabel}${bundled ? ' · bundled' : ''}`,
      ),
      h(doc, 'span', 'bs-pack-counts', counts(pack)),
    );
    const exportButton = textButton(doc, '', 'Export');
    exportButton.setAttribute('aria-label', `Export “${pack.source.title}”`);
    exportButton.addEventListener('click', () => api.download(`${pack.id}.json`, `${JSON.stringify(pack, null, 2)}\n`));
    li.append(toggle, about, exportButton);
    if (!bundled) {
      const remove = textButton(doc, '', 'Delete');
      remove.setAttribute('aria-label', `Delete “${pack.source.title}”`);
      remove.addEventListener('click', () => {
        void change(async () => {
          undo = (await api.store.remove(pack.id)) ?? null;
          return `Deleted “${pack.source.title}”.`;
        });
      });
      li.append(remove);
    }
    return li;
  };

  const damagedRow = (damaged: DamagedPack) => {
    const li = h(doc, 'li', 'bs-pack bs-pack-damaged');
    li.dataset.pack = damaged.id;
    const remove = textButton(doc, '', 'Delete');
    remove.setAttribute('aria-label', `Delete the damaged pack ${damaged.fileName}`);
    remove.addEventListener('click', () => {
      void change(async () => {
        await api.store.remove(damaged.id);
        return `Deleted the damaged ${damaged.fileName}.`;
      });
    });
    const about = h(doc, 'div', 'bs-pack-about');
    about.append(
      h(doc, 'span', 'bs-pack-title', `${damaged.fileName}: damaged, left out`),
      h(doc, 'span', 'bs-error', damaged.problem),
    );
    li.append(about, remove);
    return li;
  };

  const undoRow = (record: PackRecord) => {
    const li = h(doc, 'li', 'bs-pack bs-pack-undo');
    const button = textButton(doc, '', 'Undo');
    button.setAttribute('aria-label', `Undo deleting ${record.fileName}`);
    button.addEventListener('click', () => {
      undo = null;
      void change(async () => {
        await api.store.restore(record);
        return `Restored ${record.fileName}.`;
      });
    });
    li.append(h(doc, 'span', 'bs-pack-title', `Deleted ${record.fileName}.`), button);
    return li;
  };

  const renderMerges = () => {
    const enabled = [
      ...(shown.state.bundledEnabled ? [api.bundled] : []),
      ...shown.packs.filter((record) => record.enabled).map((record) => record.pack),
    ];
    const titleOf = (id: string) => enabled.find((pack) => pack.id === id)?.source.title ?? id;
    merges.replaceChildren();
    for (const entity of mergePacks(enabled, shown.state.splits).entities) {
      if (entity.members.length < 2) continue;
      const li = h(doc, 'li', 'bs-merge');
      li.dataset.entity = entity.id;
      const split = textButton(doc, '', 'Split');
      split.setAttribute('aria-label', `Split ${entity.name}`);
      const apart: SplitDecision[] = entity.members.slice(1);
      split.addEventListener('click', () => {
        void change(async () => {
          await setState({ splits: [...shown.state.splits, ...apart] });
          return `${entity.name} is now one entity per pack.`;
        });
      });
      const why = entity.mergedBecause.map((note) => explainMerge(note, titleOf)).join(' ');
      li.append(h(doc, 'span', 'bs-pack-title', entity.name), h(doc, 'span', 'bs-merge-why', why), split);
      merges.append(li);
    }
    if (shown.state.splits.length) {
      const li = h(doc, 'li', 'bs-merge');
      const rejoin = textButton(doc, '', 'Merge again');
      rejoin.addEventListener(
        'click',
        () => void change(async () => (await setState({ splits: [] }), 'Split entities merge again.')),
      );
      li.append(h(doc, 'span', '', plural(shown.state.splits.length, 'split decision')), rejoin);
      merges.append(li);
    }
    if (!merges.childElementCount) merges.append(h(doc, 'li', 'bs-empty', 'No entity is merged across packs.'));
  };

  const render = () => {
    list.replaceChildren(packRow(api.bundled, shown.state.bundledEnabled, true));
    for (const record of shown.packs) list.append(packRow(record.pack, record.enabled, false));
    for (const damaged of shown.damaged) list.append(damagedRow(damaged));
    if (undo) list.append(undoRow(undo));
    renderMerges();
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

  const importFiles = async (files: readonly { name: string; text: string }[]) => {
    const results: { ok: boolean; message: string }[] = [];
    for (const file of files) {
      const read = readPackFile(file.name, file.text, api.bundled.id);
      if (!read.ok) {
        const message = `Import refused, nothing was changed: ${read.error}`;
        say(message, 'error');
        results.push({ ok: false, message });
        continue;
      }
      const { pack } = read;
      results.push(
        await change(async () => {
          const { replaced } = await api.store.put(pack, file.name, now());
          return `${replaced ? 'Replaced' : 'Imported'} “${pack.source.title}” (${file.name}): ${counts(pack)}.`;
        }),
      );
    }
    // The last refusal stays on screen when a later file imported fine.
    const refused = results.filter((result) => !result.ok);
    if (refused.length && results.length > 1) say(refused.map((result) => result.message).join('\n'), 'error');
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
