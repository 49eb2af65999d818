/** The toolbar badge: the number of entities and quotes found in a tab, empty when Backstory is off there. */
import type { browser } from 'wxt/browser';

const BADGE_COLOR = '#3b5bdb';

/** The badge text for a page state. Pure. */
export function badgeText(state: { enabled: boolean; count: number } | undefined): string {
  if (!state || !state.enabled || state.count <= 0) return '';
  return state.count > 999 ? '999+' : String(state.count);
}

type BadgeAction = Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor'>;

/** The badge of the browser action (`action` in MV3, `browserAction` in MV2); a missing API does nothing. */
export function createBadge(action: BadgeAction | undefined): {
  show(tabId: number, state: { enabled: boolean; count: number } | undefined): void;
} {
  void action?.setBadgeBackgroundColor({ color: BADGE_COLOR }).catch(() => undefined);
  return {
    show(tabId, state) {
      void action?.setBadgeText({ tabId, text: badgeText(state) }).catch(() => undefined);
    },
  };
}
