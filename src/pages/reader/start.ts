/**
 * The source reader page in the extension: the bundled pack's article (`reader.html#q-3` opens at that quote),
 * following the theme and hover delay settings live.
 */
import packData from '../../knowledge/pack.json';
import type { Pack } from '../../knowledge/schema';
import type { Settings } from '../../settings/schema';
import { loadSettings, watchSettings } from '../../settings/storage';
import { startReader, type Reader } from './reader';

/** Starts the reader in `win`'s document (entrypoints/reader/index.html); undefined without its skeleton. */
export function startReaderPage(win: Window & typeof globalThis, cardCss: string): Reader | undefined {
  const doc = win.document;
  const main = doc.getElementById('rd-main');
  const side = doc.getElementById('rd-side');
  if (!main || !side) return undefined;
  const pack = packData as unknown as Pack;
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
