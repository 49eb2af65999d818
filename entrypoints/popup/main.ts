import { browser } from 'wxt/browser';
import type { MessagingApi } from '@/src/messaging/contract';
import { createPopup, tabFromQuery } from '@/src/pages/popup/popup';
import { loadSettings, saveSettings, watchSettings } from '@/src/settings/storage';

const root = document.getElementById('bs-popup');
if (root) {
  createPopup(root, {
    runtime: browser.runtime as unknown as MessagingApi['runtime'],
    tabs: browser.tabs as unknown as MessagingApi['tabs'],
    // `?tab=<id>` lets tests open the popup as a page about another tab; the toolbar popup uses the active tab.
    async targetTab() {
      const fromQuery = tabFromQuery(location.search);
      if (fromQuery !== undefined) return fromQuery;
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id;
    },
    loadSettings,
    saveSettings,
    watchSettings,
    openOptions: () => void browser.runtime.openOptionsPage(),
  });
}
