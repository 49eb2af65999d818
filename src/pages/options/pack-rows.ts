/**
 * The rows of the options page's "Knowledge packs" section (packs.ts binds them): a pack, a damaged record, the
 * undo of a delete, and the entities merged across packs. Pack data is shown with `textContent` only.
 */
import type { Pack } from '../../knowledge/schema';
import { explainMerge, mergePacks, type SplitDecision } from '../../packs/merge';
import type { DamagedPack, PackRecord, PackState } from '../../packs/store';
import { h, textButton } from '../../shared/dom';
import type { PacksApi } from './packs';

/** What the rows share with the section. */
export interface RowContext {
  readonly doc: Document;
  readonly api: PacksApi;
  /** Stores a change (the work resolves to the message to show), publishes it and shows the section again. */
  change(work: () => Promise<string | null>): Promise<{ ok: boolean; message: string }>;
  setState(next: Partial<PackState>): Promise<void>;
  state(): PackState;
  setUndo(record: PackRecord | null): void;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
/** "5 entities, 1 quote". */
export const counts = (pack: Pack) =>
  `${plural(pack.entities.length, 'entity', 'entities')}, ${plural(pack.quotes.length, 'quote')}`;

/** A pack: its switch, title, source and counts, export, and delete (not for the bundled pack). */
export function packRow(context: RowContext, pack: Pack, enabled: boolean, bundled: boolean): HTMLLIElement {
  const { doc, api, change, setState } = context;
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
    h(doc, 'span', 'bs-pack-source', `${pack.source.dateline}, ${pack.source.dateLabel}${bundled ? ' · bundled' : ''}`),
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
        context.setUndo((await api.store.remove(pack.id)) ?? null);
        return `Deleted “${pack.source.title}”.`;
      });
    });
    li.append(remove);
  }
  return li;
}

/** A stored pack that no longer validates: its problem, and delete. */
export function damagedRow(context: RowContext, damaged: DamagedPack): HTMLLIElement {
  const { doc, api, change } = context;
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
}

/** The way back from a delete. */
export function undoRow(context: RowContext, record: PackRecord): HTMLLIElement {
  const { doc, api, change } = context;
  const li = h(doc, 'li', 'bs-pack bs-pack-undo');
  const button = textButton(doc, '', 'Undo');
  button.setAttribute('aria-label', `Undo deleting ${record.fileName}`);
  button.addEventListener('click', () => {
    context.setUndo(null);
    void change(async () => {
      await api.store.restore(record);
      return `Restored ${record.fileName}.`;
    });
  });
  li.append(h(doc, 'span', 'bs-pack-title', `Deleted ${record.fileName}.`), button);
  return li;
}

/** The entities merged across the enabled packs, with why and Split; the split decisions, with Merge again. */
export function mergeRows(context: RowContext, enabled: readonly Pack[]): HTMLLIElement[] {
  const { doc, change, setState } = context;
  const shownState = context.state();
  const out: HTMLLIElement[] = [];
  const titleOf = (id: string) => enabled.find((pack) => pack.id === id)?.source.title ?? id;
  for (const entity of mergePacks(enabled, shownState.splits).entities) {
    if (entity.members.length < 2) continue;
    const li = h(doc, 'li', 'bs-merge');
    li.dataset.entity = entity.id;
    const split = textButton(doc, '', 'Split');
    split.setAttribute('aria-label', `Split ${entity.name}`);
    const apart: SplitDecision[] = entity.members.slice(1);
    split.addEventListener('click', () => {
      void change(async () => {
        await setState({ splits: [...shownState.splits, ...apart] });
        return `${entity.name} is now one entity per pack.`;
      });
    });
    const why = entity.mergedBecause.map((note) => explainMerge(note, titleOf)).join(' ');
    li.append(h(doc, 'span', 'bs-pack-title', entity.name), h(doc, 'span', 'bs-merge-why', why), split);
    out.push(li);
  }
  if (shownState.splits.length) {
    const li = h(doc, 'li', 'bs-merge');
    const rejoin = textButton(doc, '', 'Merge again');
    rejoin.addEventListener(
      'click',
      () => void change(async () => (await setState({ splits: [] }), 'Split entities merge again.')),
    );
    li.append(h(doc, 'span', '', plural(shownState.splits.length, 'split decision')), rejoin);
    out.push(li);
  }
  if (!out.length) out.push(h(doc, 'li', 'bs-empty', 'No entity is merged across packs.'));
  return out;
}
