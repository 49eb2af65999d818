/**
 * The toolbar popup: this site on/off (one switch labelled with the site's name), everything on/off, and "On this
 * page" — the entities and quotes found in the tab, grouped by kind with counts; activating one scrolls the tab to
 * its first mark and opens its card. The per-site switch sends `run-action` `toggle-site` to the background, the
 * same code path as the shortcut and the context menu.
 *
 * A factory over a container and an extension API (a fake in DOM tests); nodes are built with `textContent`.
 */
import { fidelityView } from '../../card/fidelity';
import {
  listen,
  parsePageFidelity,
  sendToBackground,
  sendToTab,
  type MessagingApi,
  type PageItem,
  type PageSummary,
} from '../../messaging/contract';
import { h } from '../../shared/dom';
import { KIND_LABELS, MARK_KINDS } from '../../shared/vocabulary';
import type { Settings } from '../../settings/schema';
import { isEnabledFor } from '../../settings/site-rules';

/** What the popup needs from the browser. */
export interface PopupApi extends MessagingApi {
  /** The id of the tab the popup is about. */
  targetTab(): Promise<number | undefined>;
  loadSettings(): Promise<Settings>;
  saveSettings(changes: Partial<Settings>): Promise<void>;
  watchSettings(listener: (settings: Settings) => void, signal: AbortSignal): void;
  openOptions(): void;
}

export interface Popup {
  /** Resolves when the first full render is done. */
  readonly ready: Promise<void>;
  dispose(): void;
}

/** The `performance.mark` made when the popup's data is first rendered. */
export const POPUP_READY_MARK = 'backstory:popup-ready';

/** Whether a page item is a quote whose words the page changed. */
function isChanged(item: PageItem): boolean {
  return item.fidelity?.state === 'changed';
}

/** The tab id given as `?tab=<id>` (how tests open the popup as a page), or undefined. Pure. */
export function tabFromQuery(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tab');
  if (value === null || !/^\d{1,10}$/.test(value)) return undefined;
  return Number(value);
}

/** Builds the popup inside `root` (expects the skeleton of entrypoints/popup/index.html). */
export function createPopup(root: HTMLElement, api: PopupApi): Popup {
  const doc = root.ownerDocument;
  const controller = new AbortController();
  const { signal } = controller;
  const $ = <T extends Element>(selector: string) => root.querySelector<T>(selector);
  const globalSwitch = $<HTMLInputElement>('#bs-global-switch');
  const siteSwitch = $<HTMLInputElement>('#bs-site-switch');
  const siteLabel = $<HTMLElement>('#bs-site-label');
  const siteRow = $<HTMLElement>('#bs-site-row');
  const list = $<HTMLElement>('#bs-page-list');
  const status = $<HTMLElement>('#bs-status');
  if (!globalSwitch || !siteSwitch || !siteLabel || !siteRow || !list || !status) {
    throw new Error('The popup skeleton is missing an element');
  }

  let tabId: number | undefined;
  let settings: Settings | undefined;
  let summary: PageSummary | undefined;

  const applyTheme = () => {
    if (settings) doc.documentElement.dataset.theme = settings.theme;
  };

  const renderSwitches = () => {
    if (!settings) return;
    globalSwitch.checked = settings.enabled;
    if (!summary?.site) {
      siteRow.hidden = false;
      siteSwitch.disabled = true;
      siteSwitch.checked = false;
      siteLabel.textContent = summary ? 'This page (not a web site)' : 'Backstory does not run on this page';
      return;
    }
    siteLabel.textContent = summary.site.label;
    siteSwitch.disabled = !settings.enabled;
    siteSwitch.checked = isEnabledFor(summary.url, { ...settings, enabled: true });
  };

  const renderList = () => {
    list.replaceChildren();
    if (!summary) {
      status.textContent = 'Backstory cannot read this page.';
      return;
    }
    if (!summary.enabled) {
      status.textContent = 'Backstory is off on this page.';
      return;
    }
    if (summary.items.length === 0) {
      status.textContent = 'Nothing from the knowledge pack on this page.';
      return;
    }
    const total = summary.items.reduce((sum, item) => sum + item.count, 0);
    status.textContent = `${summary.items.length} found, ${total} marks.`;
    for (const kind of MARK_KINDS) {
      const items = summary.items.filter((item) => item.kind === kind);
      // Altered quotes first: a reader cares most when a quote was changed (reading order otherwise).
      if (kind === 'quote') items.sort((a, b) => Number(isChanged(b)) - Number(isChanged(a)));
      if (items.length === 0) continue;
      const ul = h(doc, 'ul', 'bs-items');
      for (const item of items) {
        const li = h(doc, 'li');
        li.append(itemButton(item));
        ul.append(li);
      }
      const section = h(doc, 'section', `bs-group bs-group-${kind}`);
      section.append(h(doc, 'h3', 'bs-group-title', KIND_LABELS[kind]), ul);
      list.append(section);
    }
  };

  const itemButton = (item: PageItem): HTMLButtonElement => {
    const count = h(doc, 'span', 'bs-item-count', String(item.count));
    count.setAttribute('aria-label', `${item.count} ${item.count === 1 ? 'mark' : 'marks'}`);
    const button = h(doc, 'button', 'bs-item');
    button.type = 'button';
    button.append(h(doc, 'span', 'bs-item-name', item.name));
    if (item.detail) button.append(h(doc, 'span', 'bs-item-detail', `“${item.detail}”`));
    const fidelity = item.kind === 'quote' ? fidelityLine(item) : null;
    if (fidelity) button.append(fidelity);
    button.append(count);
    button.dataset.target = item.target;
    button.dataset.kind = item.kind;
    button.addEventListener('click', () => {
      if (tabId !== undefined) void sendToTab(api, tabId, { type: 'reveal', target: item.target });
    });
    return button;
  };

  /** How the page quotes a quote item: its state as a text badge and, unless verbatim, what differs. */
  const fidelityLine = (item: PageItem): HTMLElement | null => {
    const facts = item.fidelity === undefined ? null : parsePageFidelity(item.fidelity);
    if (!facts) return null;
    const view = fidelityView(facts);
    const line = h(doc, 'span', 'bs-item-fidelity');
    line.dataset.fidelity = view.state;
    const badge = h(doc, 'span', 'bs-fidelity-badge', view.label);
    badge.dataset.state = view.state;
    line.append(badge);
    if (view.line) line.append(doc.createTextNode(' '), h(doc, 'span', 'bs-fidelity-line', view.line));
    return line;
  };

  const refreshSummary = async () => {
    summary = tabId === undefined ? undefined : await sendToTab(api, tabId, { type: 'page-summary' });
    renderSwitches();
    renderList();
  };

  globalSwitch.addEventListener('change', () => {
    void api.saveSettings({ enabled: globalSwitch.checked });
  });
  siteSwitch.addEventListener('change', () => {
    if (tabId === undefined) return;
    void sendToBackground(api, { type: 'run-action', action: 'toggle-site', tabId });
  });
  $<HTMLAnchorElement>('#bs-open-options')?.addEventListener('click', (event) => {
    event.preventDefault();
    api.openOptions();
  });

  // The content script reports every change of its marks; the list follows.
  listen(
    api,
    {
      'page-state': (_, sender) => {
        if (sender.tab?.id === tabId) void refreshSummary();
        return undefined;
      },
    },
    signal,
  );

  const ready = (async () => {
    tabId = await api.targetTab();
    const [loaded] = await Promise.all([api.loadSettings(), refreshSummary()]);
    settings = loaded;
    applyTheme();
    renderSwitches();
    api.watchSettings((next) => {
      settings = next;
      applyTheme();
      renderSwitches();
    }, signal);
    root.dataset.ready = 'true';
    // The data (settings, the tab's summary) is in the DOM now. Tests compare this mark with the first paint, which
    // the static shell of index.html makes without waiting for any of it.
    doc.defaultView?.performance.mark?.(POPUP_READY_MARK);
  })();

  return { ready, dispose: () => controller.abort() };
}
