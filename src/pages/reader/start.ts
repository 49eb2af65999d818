/**
 * The source reader page in the extension: the bundled pack's article (`reader.html#q-3` opens at that quote), or
 * an imported pack's (`reader.html?pack=<id>#q-3`, read from the pack storage), following the theme and hover delay
 * settings live.
 */
import packData from '../../knowledge/pack.json';
import type { Pack } from '../../knowledge/schema';
import type { Settings } from '../../settings/schema';
import { loadSettings, watchSettings } from '../../settings/storage';
import { createPackStore, type PackStore } from '../../packs/store';
import { h } from '../../shared/dom';
import { startReader, type Reader } from './reader';

/** The pack `reader.html?pack=<id>` asks for: the bundled one without `pack` (or with its id), else a stored one. */
export async function readerPack(url: string, bundled: Pack, store: () => PackStore): Promise<Pack> {
  const id = new URL(url).searchParams.get('pack');
  if (id === null || id === bundled.id) return bundled;
  const { packs } = await store().list();
  const found = packs.find((record) => record.id === id);
  if (!found) throw new Error(`No knowledge pack "${id}" is installed: it may have been deleted.`);
  return found.pack;
}

/**
 * Starts the reader in `win`'s document (entrypoints/reader/index.html) over the pack its URL names; resolves to
 * undefined without its skeleton, or when the pack cannot be read (the page then says why).
 */
export async function startReaderPage(win: Window & typeof globalThis, cardCss: string): Promise<Reader | undefined> {
  const doc = win.document;
  const main = doc.getElementById('rd-main');
  const side = doc.getElementById('rd-side');
  if (!main || !side) return undefined;
  let pack: Pack;
  try {
    pack = await readerPack(win.location.href, packData as unknown as Pack, () => createPackStore());
  } catch (error) {
    main.replaceChildren(h(doc, 'p', 'rd-error', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  const controller = new AbortController();
  const reader = startReader({ doc, win, pack, main, side, cardCss, signal: controller.signal });
  doc.title = `${pack.source.title} — Backstory`;
  const apply = (settings: Pick<Settings, 'theme' | 'hoverDelay'>) => {
    doc.documentElement.dataset.theme = settings.theme;
    reader.setTheme(settings.theme);
    reader.setHoverDelay(settings.hoverDelay);
  };
  loadSettings()
    .then((settings) => {
      apply(settings);
      watchSettings(apply, controller.signal);
    })
    .catch(() => undefined);
  return reader;
}
