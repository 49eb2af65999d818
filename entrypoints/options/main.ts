import { createOptionsPage } from '@/src/pages/options/options';
import { loadSettings, resetSettings, saveSettings, watchSettings } from '@/src/settings/storage';

const root = document.getElementById('bs-options');
if (root) {
  createOptionsPage(root, {
    loadSettings,
    saveSettings,
    resetSettings,
    watchSettings,
    download(fileName, text) {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
}
