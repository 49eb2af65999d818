/** The options page in the extension: the factory over the page's skeleton, the settings storage and downloads. */
import { h } from '../../shared/dom';
import { loadSettings, resetSettings, saveSettings, watchSettings } from '../../settings/storage';
import { createOptionsPage, type OptionsPage } from './options';

/** How long a download's object URL is kept, in ms. */
const DOWNLOAD_URL_MS = 10_000;

/** Offers `text` as a JSON file download. */
export function downloadJson(doc: Document, fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = h(doc, 'a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_MS);
}

/** Starts the options page in `doc` (entrypoints/options/index.html); undefined without its skeleton. */
export function startOptionsPage(doc: Document): OptionsPage | undefined {
  const root = doc.getElementById('bs-options');
  if (!root) return undefined;
  return createOptionsPage(root, {
    loadSettings,
    saveSettings,
    resetSettings,
    watchSettings,
    download: (fileName, text) => downloadJson(doc, fileName, text),
  });
}
