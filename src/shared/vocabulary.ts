/**
 * The names the rest of the extension shares: mark kinds and their labels, the highlight names, the card host's tag,
 * the pages the content script runs on. Pure: no DOM, no `browser`; every other module imports these from here, so a
 * name is written once.
 */
import type { EntityKind } from '../knowledge/schema';

/** Every highlight name starts with this (contract: PRODUCT.md). */
export const HIGHLIGHT_PREFIX = 'backstory-';

/** What a mark stands for: an entity kind, or a quote. */
export type MarkKind = EntityKind | 'quote';

/** Every mark kind, in the order the popup and options page list them. */
export const MARK_KINDS: readonly MarkKind[] = ['person', 'organization', 'group', 'place', 'media', 'event', 'quote'];

/** The highlight name of a kind (`backstory-person`…). */
export function highlightName(kind: MarkKind): string {
  return `${HIGHLIGHT_PREFIX}${kind}`;
}

/** The element that hosts the extension's card (PRODUCT.md contract). */
export const EXTENSION_UI_TAG = 'backstory-card';

/** Attribute that marks any other element of the extension's own UI. */
export const EXTENSION_UI_ATTRIBUTE = 'data-backstory-ui';

/** Pages the content script runs on (also the pages that may load the card chunk). */
export const CONTENT_MATCHES: readonly string[] = ['http://*/*', 'https://*/*', 'file:///*'];

/** Pages where the context menu items show (the content script's pages that the menus API can match). */
export const MENU_PATTERNS: readonly string[] = CONTENT_MATCHES.filter((pattern) => pattern.startsWith('http'));

/** Singular labels of entity kinds, as a card and the source reader show them. */
export const KIND_LABEL: Readonly<Record<EntityKind, string>> = {
  person: 'Person',
  organization: 'Organization',
  group: 'Group',
  place: 'Place',
  media: 'Media outlet',
  event: 'Event',
};

/** Plural labels of mark kinds, as the popup and options page group and list them. */
export const KIND_LABELS: Readonly<Record<MarkKind, string>> = {
  person: 'People',
  organization: 'Organizations',
  group: 'Groups',
  place: 'Places',
  media: 'Media',
  event: 'Events',
  quote: 'Quotes',
};

/** The name of the pack builder's entry points: the popup's button and the page's context menu item. */
export const ADD_ARTICLE_LABEL = 'Add this article to Backstory';

/** The builder page's path for a tab: `builder.html?tab=<id>` (a contract: outside checks open it directly). */
export function builderPath(tabId: number): string {
  return `/builder.html?tab=${tabId}`;
}
