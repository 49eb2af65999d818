/**
 * What the background knows of each tab, all from the tabs' content scripts: its page state (URL, on/off, count) and
 * the entity its selection names; and which tab is active. Forgotten when a tab closes.
 */
import type { browser } from 'wxt/browser';
import type { Message } from '../messaging/contract';

export interface TabState {
  page(tabId: number | undefined): Message<'page-state'> | undefined;
  setPage(tabId: number, state: Message<'page-state'>): void;
  selection(tabId: number | undefined): { id: string; name: string } | undefined;
  setSelection(tabId: number, entity: { id: string; name: string } | null): void;
  /** The active tab, when known. */
  activeTab(): number | undefined;
  setActiveTab(tabId: number | undefined): void;
}

/** Tab state, following tab switches (`onActivated`) and closed tabs until `signal` aborts. */
export function createTabState(
  tabs: Pick<typeof browser.tabs, 'onActivated' | 'onRemoved'>,
  signal: AbortSignal,
  onActivated: (tabId: number) => void,
): TabState {
  const pages = new Map<number, Message<'page-state'>>();
  const selections = new Map<number, { id: string; name: string }>();
  let active: number | undefined;
  const activated = ({ tabId }: { tabId: number }) => {
    active = tabId;
    onActivated(tabId);
  };
  const removed = (tabId: number) => {
    pages.delete(tabId);
    selections.delete(tabId);
  };
  tabs.onActivated.addListener(activated);
  tabs.onRemoved.addListener(removed);
  signal.addEventListener(
    'abort',
    () => {
      tabs.onActivated.removeListener(activated);
      tabs.onRemoved.removeListener(removed);
    },
    { once: true },
  );
  return {
    page: (tabId) => (tabId === undefined ? undefined : pages.get(tabId)),
    setPage: (tabId, state) => void pages.set(tabId, state),
    selection: (tabId) => (tabId === undefined ? undefined : selections.get(tabId)),
    setSelection(tabId, entity) {
      if (entity) selections.set(tabId, entity);
      else selections.delete(tabId);
    },
    activeTab: () => active,
    setActiveTab(tabId) {
      active = tabId;
    },
  };
}
