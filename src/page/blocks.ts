/**
 * Block versus inline: the walk joins text across inline elements and breaks it at block boundaries. Tag defaults
 * (the user-agent stylesheet) are cheap and right for most article markup; computed `display` is used when asked, and
 * for custom elements, which have no tag default.
 */
import type { ElementStyle } from './styles';

/** Elements that the HTML user-agent stylesheet renders as blocks (or table parts, list items, …). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'xmp',
]);

/** Computed `display` values whose box flows inside the line, so text joins across it. */
export const INLINE_DISPLAYS: ReadonlySet<string> = new Set([
  'inline',
  'inline-block',
  'inline-flex',
  'inline-grid',
  'inline-table',
  'inline flow',
  'inline flow-root',
  'contents',
  'ruby',
  'ruby-base',
  'ruby-text',
  'ruby-base-container',
  'ruby-text-container',
]);

/** How the walk decides that an element is a block. */
export type DisplayMode = 'tag' | 'computed';

/**
 * Whether `element` starts and ends a block (a `\n` in the page text). In `tag` mode the tag default decides, except
 * for custom elements (no tag default) when a computed style is at hand; in `computed` mode computed `display`
 * decides whenever the engine reports one.
 */
export function isBlockElement(element: Element, style: ElementStyle | null, mode: DisplayMode): boolean {
  const tag = element.localName;
  const useComputed = mode === 'computed' || tag.includes('-');
  if (useComputed && style !== null && style.display !== '') return !INLINE_DISPLAYS.has(style.display);
  return BLOCK_TAGS.has(tag);
}
