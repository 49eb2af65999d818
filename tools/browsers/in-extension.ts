/**
 * Functions run inside an extension page (serialised by the driver: no closures, nothing imported), shared by the
 * e2e tests and the bench.
 */

interface TabsApi {
  tabs: {
    query(filter: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
}

/** In an extension page: the id of the tab whose content script reports `url`. */
export function tabIdOf(url: string): Promise<number | null> {
  const g = globalThis as unknown as { browser?: TabsApi; chrome?: TabsApi };
  const api = (g.browser ?? g.chrome) as TabsApi;
  return api.tabs.query({}).then(async (tabs) => {
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      try {
        const summary = (await api.tabs.sendMessage(tab.id, { type: 'page-summary' }, { frameId: 0 })) as {
          url?: string;
        } | null;
        if (summary?.url === url) return tab.id;
      } catch {
        // A tab without our content script.
      }
    }
    return null;
  });
}

/** In the options page: gives the "Import a knowledge pack" input the files, as a person choosing them does. */
export function chooseFiles(files: { name: string; text: string }[]): boolean {
  const input = document.querySelector<HTMLInputElement>('input[type="file"][aria-label="Import a knowledge pack"]');
  if (!input) return false;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(new File([file.text], file.name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}
