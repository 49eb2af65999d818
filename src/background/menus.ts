/**
 * The context menu items: "Turn Backstory off on <site>" on pages (its title follows the active tab and the
 * settings), "Add this article to Backstory" (opens the pack builder for the page) and "Show backstory for <name>"
 * on a selection that names an entity (shown only then).
 */
import type { browser } from 'wxt/browser';
import { ADD_ARTICLE_LABEL, MENU_PATTERNS } from '../shared/vocabulary';

/** Menu item ids. */
export const MENU_IDS = {
  toggleSite: 'backstory-toggle-site',
  showEntity: 'backstory-show-entity',
  addArticle: 'backstory-add-article',
} as const;

/** The menu title of the per-site item. Pure. */
export function toggleSiteTitle(site: string | null, on: boolean, everythingOff: boolean): string {
  if (everythingOff) return 'Backstory is off everywhere';
  const where = site ?? 'this site';
  return on ? `Turn Backstory off on ${where}` : `Turn Backstory on for ${where}`;
}

type MenusApi = Pick<typeof browser.contextMenus, 'removeAll' | 'create' | 'update'>;

export interface Menus {
  /** Creates the items, at every start (Firefox does not keep them; Chrome would complain of duplicates). */
  create(): Promise<void>;
  /** Names the site in the per-site item: `on` under the settings, `everythingOn` the global switch. */
  showSite(site: string | null, on: boolean, everythingOn: boolean): Promise<void>;
  /** Shows "Show backstory for …" for an entity, or hides it. */
  showEntity(entity: { name: string } | undefined): void;
}

export function createMenus(menus: MenusApi | undefined): Menus {
  return {
    async create() {
      await menus?.removeAll();
      menus?.create({
        id: MENU_IDS.toggleSite,
        title: toggleSiteTitle(null, true, false),
        contexts: ['page'],
        documentUrlPatterns: [...MENU_PATTERNS],
      });
      menus?.create({
        id: MENU_IDS.addArticle,
        title: ADD_ARTICLE_LABEL,
        contexts: ['page', 'selection'],
        documentUrlPatterns: [...MENU_PATTERNS],
      });
      menus?.create({
        id: MENU_IDS.showEntity,
        title: 'Show backstory',
        contexts: ['selection'],
        documentUrlPatterns: [...MENU_PATTERNS],
        visible: false,
      });
    },
    async showSite(site, on, everythingOn) {
      await menus
        ?.update(MENU_IDS.toggleSite, { title: toggleSiteTitle(site, on, !everythingOn), enabled: everythingOn })
        .catch(() => undefined);
    },
    showEntity(entity) {
      void menus
        ?.update(MENU_IDS.showEntity, {
          visible: !!entity,
          title: entity ? `Show backstory for ${entity.name.replace(/&/g, '&&')}` : 'Show backstory',
        })
        .catch(() => undefined);
    },
  };
}
