/**
 * Settings in and out of the options page: reset to defaults, export as a JSON file, import one. An import is
 * validated whole before anything is written: a bad file changes nothing.
 */
import { DEFAULT_SETTINGS, exportSettings, parseSettingsImport } from '../../settings/schema';
import type { OptionsSection } from './section';

/** The export file name for a date. Pure. */
export function exportFileName(date: Date): string {
  return `backstory-settings-${date.toISOString().slice(0, 10)}.json`;
}

export interface TransferApi {
  resetSettings(): Promise<void>;
  /** Offers `text` as a file download. */
  download(fileName: string, text: string): void;
}

/** Binds reset, export and import; returns `importText` (what the file input does with a file's text). */
export function bindTransfer(
  page: OptionsSection,
  api: TransferApi,
): (text: string) => Promise<{ ok: boolean; message: string }> {
  const { signal, say } = page;
  page.need<HTMLButtonElement>('#bs-reset').addEventListener(
    'click',
    () => {
      void api.resetSettings().then(() => {
        page.setSettings(DEFAULT_SETTINGS);
        page.render();
        say('All settings are back to their defaults.');
      });
    },
    { signal },
  );
  page
    .need<HTMLButtonElement>('#bs-export')
    .addEventListener('click', () => api.download(exportFileName(new Date()), exportSettings(page.settings())), {
      signal,
    });

  const importText = async (text: string) => {
    const result = parseSettingsImport(text);
    if (!result.ok) {
      const message = `Import refused, nothing was changed: ${result.error}`;
      say(message, 'error');
      return { ok: false, message };
    }
    await page.save(result.settings);
    page.render();
    const message = `Imported ${Object.keys(result.settings).length} settings.`;
    say(message);
    return { ok: true, message };
  };
  const input = page.need<HTMLInputElement>('#bs-import');
  input.addEventListener(
    'change',
    () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return;
      void file.text().then(importText, () => say('Import refused: the file could not be read.', 'error'));
    },
    { signal },
  );
  return importText;
}
