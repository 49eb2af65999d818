/**
 * What is not reading text: the subtrees the walk rejects whole (code, forms, editable areas, hidden content, the
 * extension's own UI). Marks there would be wrong (code, forms), harmful (editors) or invisible (hidden).
 */
import { EXTENSION_UI_ATTRIBUTE, EXTENSION_UI_TAG } from '../shared/vocabulary';
import { ELEMENT_NODE, TEXT_NODE } from './dom-constants';
import type { ElementStyle, StyleReader } from './styles';

/** Tags whose content is never article text: not rendered, not prose, or a form control. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  // Not rendered as text.
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'rp',
  // Not prose: graphics, formulas, code.
  'svg',
  'math',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'listing',
  'xmp',
  'plaintext',
  // Form controls: the user's input or UI labels, never the article.
  'input',
  'textarea',
  'select',
  'option',
  'optgroup',
  'datalist',
  'button',
]);

/** `contenteditable` values that make an element editable; any other value (e.g. `false`) does not. */
const EDITABLE_VALUES: ReadonlySet<string> = new Set(['', 'true', 'plaintext-only']);

/** Computed `visibility` values that hide an element's own text (descendants may still opt back in). */
export const HIDDEN_VISIBILITIES: ReadonlySet<string> = new Set(['hidden', 'collapse']);

/**
 * Attribute rules of {@link isSkippedElement} as one selector: an element matching none of them is kept on its
 * attributes, so a walk asks the engine once per element and reads attributes only for the rare candidates.
 */
const ATTRIBUTE_CANDIDATES = `[hidden], [${EXTENSION_UI_ATTRIBUTE}], [aria-hidden], [contenteditable]`;

/**
 * {@link isSkippedElement} without styles, for a walk that already knows the element's tag and whether its parent is
 * a closed `<details>`: the same answer with one call into the engine for most elements instead of six.
 */
export function isSkippedInWalk(element: Element, tag: string, parentClosedDetails: boolean): boolean {
  if (SKIPPED_TAGS.has(tag) || tag === EXTENSION_UI_TAG) return true;
  if (parentClosedDetails && tag !== 'summary') return true;
  if (tag === 'dialog' && !element.hasAttribute('open')) return true;
  return element.matches(ATTRIBUTE_CANDIDATES) && isSkippedElement(element, null);
}

/** Whether `element` starts an editable region by its attribute (cheap: no style read). */
export function isEditableRoot(element: Element): boolean {
  const value = element.getAttribute('contenteditable');
  return value !== null && EDITABLE_VALUES.has(value.toLowerCase());
}

/**
 * Whether the walk rejects `element` and its whole subtree. `style` is its computed style, or null to decide on
 * markup alone.
 */
export function isSkippedElement(element: Element, style: ElementStyle | null): boolean {
  const tag = element.localName;
  if (SKIPPED_TAGS.has(tag) || tag === EXTENSION_UI_TAG) return true;
  if (element.hasAttribute('hidden') || element.hasAttribute(EXTENSION_UI_ATTRIBUTE)) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  if (isEditableRoot(element)) return true;
  // The user-agent stylesheet hides a closed dialog, and a closed details shows only its summary.
  if (tag === 'dialog' && !element.hasAttribute('open')) return true;
  if (tag !== 'summary' && isInClosedDetails(element)) return true;
  return style !== null && style.display === 'none';
}

/** Whether a text node is hidden by markup alone: directly inside a closed `<details>`, outside its summary. */
export function isSkippedText(text: Text): boolean {
  return isInClosedDetails(text);
}

function isInClosedDetails(node: Node): boolean {
  const parent = node.parentElement;
  return parent !== null && parent.localName === 'details' && !parent.hasAttribute('open');
}

/**
 * Whether `node` lies in a rejected subtree: `node` itself (when an element) or any ancestor, crossing shadow roots
 * to their hosts. Used before walking a subtree on its own (a MutationObserver re-scan), where the walk cannot see
 * the ancestors. Linear in the depth, iterative.
 */
export function isInsideSkipped(node: Node, styles: StyleReader | null): boolean {
  const doc = node.ownerDocument;
  if (doc !== null && doc.designMode === 'on') return true;
  if (node.nodeType === TEXT_NODE && isSkippedText(node as Text)) return true;
  const nearest = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  // `isContentEditable` is inherited and also sees editing turned on by CSS; one read per re-scan is affordable,
  // unlike one per element of a walk.
  if (nearest !== null && (nearest as Partial<HTMLElement>).isContentEditable === true) return true;
  let current: Node | null = node;
  while (current !== null) {
    if (current.nodeType === ELEMENT_NODE) {
      const element = current as Element;
      if (isSkippedElement(element, styles === null ? null : styles(element))) return true;
    }
    current = parentAcrossShadow(current);
  }
  return false;
}

/** The parent of `node`, or the host when `node` is a shadow root. */
export function parentAcrossShadow(node: Node): Node | null {
  if (node.parentNode !== null) return node.parentNode;
  const host = (node as Partial<ShadowRoot>).host;
  return host ?? null;
}
