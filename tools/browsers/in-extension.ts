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
