/**
 * The popup's "Add this article to Backstory": opens the pack builder (`builder.html?tab=<id>`) for the tab the
 * popup is about, then closes the popup. The page's context menu item opens the same page.
 */
import { builderPath } from '../../shared/vocabulary';

export interface AddArticleApi {
  targetTab(): Promise<number | undefined>;
  openTab(path: string): Promise<unknown>;
  close(): void;
}

/** Wires `button` until `signal` aborts. */
export function wireAddArticle(button: HTMLButtonElement, api: AddArticleApi, signal: AbortSignal): void {
  button.addEventListener(
    'click',
    () =>
      void (async () => {
        const tabId = await api.targetTab();
        if (tabId === undefined) return;
        await api.openTab(builderPath(tabId));
        api.close();
      })().catch(() => undefined),
    { signal },
  );
}
