/**
 * Finds the article scope: the element whose text is the story, so marks (and "first mention") follow the article
 * and not the navigation, teasers or footer. Semantic containers are candidates; text length decides between them.
 */
import { ELEMENT_NODE, TEXT_NODE } from './dom-constants';
import { EXTENSION_UI_ATTRIBUTE, EXTENSION_UI_TAG } from '../shared/vocabulary';
import { isInsideSkipped } from './skip';

/** Selectors of elements that hold an article's body, in the markup news sites actually use. */
export const ARTICLE_SELECTORS = 'article, main, [itemprop~="articleBody"], [role="main"]';

/**
 * A candidate nested in the chosen one replaces it when it holds at least this share of its text: `<main>` around
 * `<article>` plus a few related links narrows to the article, `<main>` around many small posts does not.
 */
export const NESTED_SHARE = 0.5;

/**
 * Among unrelated candidates, the largest is the article alone only when it has this many times the text of each
 * other one: one story beside short comment `<article>`s, yes; a live blog or a teaser list of similar posts, no
 * (the common ancestor of the comparable ones is taken instead).
 */
export const DOMINANCE_RATIO = 3;

/**
 * A scope with less than this share of the body's text is a widget that happens to use `<article>` or an empty
 * app shell, not the story: the body is taken instead. The highlighter counts the body's text without its page
 * chrome ({@link PAGE_CHROME_TAGS} outside the candidates): menus and footers are not what the story competes with.
 */
export const MIN_BODY_SHARE = 0.15;

/**
 * The page's own chrome: navigation, site header and footer, sidebars. When a page has article candidates, the
 * highlighter's walk leaves these out (unless they are inside a candidate): their text is never the story, and on
 * news pages they hold most of the DOM (2,215 of 2,664 nodes on one large corpus page). Should the body be the scope
 * after all, the chrome left out is read then and put back in place.
 */
export const PAGE_CHROME_TAGS: ReadonlySet<string> = new Set(['nav', 'header', 'footer', 'aside']);

/** How to choose the scope. */
export interface ScopeOptions {
  /** Take the whole page (the body) instead of looking for the article. Default false. */
  readonly wholePage?: boolean;
}

/**
 * The element to collect text from in `doc`: the article container when the page has a credible one, else the body
 * (or the root element of a body-less document). Never null for a document with a root element.
 */
export function findArticleScope(doc: Document, options: ScopeOptions = {}): Element | null {
  const body = doc.body ?? doc.documentElement;
  if (body === null || options.wholePage === true) return body;
  const candidates = scopeCandidates(doc);
  if (candidates.length === 0) return body;
  const sizes = new Map<Element, number>();
  return chooseScope(body, candidates, (element) => {
    let size = sizes.get(element);
    if (size === undefined) {
      size = textSize(element);
      sizes.set(element, size);
    }
    return size;
  });
}

/** The elements that may hold the article (`article`, `main`…), leaving out those inside skipped subtrees. */
export function scopeCandidates(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll(ARTICLE_SELECTORS)).filter((element) => !isInsideSkipped(element, null));
}

/**
 * Picks the scope among `candidates` given a size for any element (the candidates, their common ancestors, the
 * body). Callers that already walked the page pass the sizes they measured; `findArticleScope` sizes on demand.
 */
export function chooseScope(
  body: Element,
  candidates: readonly Element[],
  sizeOf: (element: Element) => number,
): Element {
  // Outermost candidates compete; nested ones can only refine their container.
  const outermost = candidates.filter(
    (candidate) => !candidates.some((other) => other !== candidate && other.contains(candidate)),
  );
  const ranked = [...outermost].sort((a, b) => sizeOf(b) - sizeOf(a));
  const first = ranked[0];
  if (first === undefined) return body;
  // Candidates comparable to the largest are parts of one whole (posts, teasers); small ones (comments, widgets) are
  // left out so they cannot pull the scope up to the body.
  const peers = ranked.filter((candidate) => DOMINANCE_RATIO * sizeOf(candidate) > sizeOf(first));
  let chosen: Element = peers.length <= 1 ? first : commonAncestor(peers, body);

  // Narrow to a nested candidate that holds most of the chosen text (`main > article`), repeatedly; never to one of
  // the comparable peers just joined (two equal posts each hold half of their common ancestor).
  const joined = peers.length > 1 ? new Set(peers) : null;
  for (;;) {
    let best: Element | null = null;
    for (const candidate of candidates) {
      if (candidate === chosen || !chosen.contains(candidate) || joined?.has(candidate) === true) continue;
      if (sizeOf(candidate) >= NESTED_SHARE * sizeOf(chosen) && (best === null || sizeOf(candidate) > sizeOf(best))) {
        best = candidate;
      }
    }
    if (best === null) break;
    chosen = best;
  }

  if (chosen !== body && sizeOf(chosen) < MIN_BODY_SHARE * sizeOf(body)) return body;
  return chosen;
}

/**
 * Elements whose subtree is not counted when sizing: not rendered, or skipped by the walk whatever the styles.
 * Hidden menus and our own card must not make the body look larger than the story.
 */
function isUncounted(element: Element): boolean {
  const tag = element.localName;
  return (
    tag === 'script' ||
    tag === 'style' ||
    tag === 'noscript' ||
    tag === 'template' ||
    tag === EXTENSION_UI_TAG ||
    element.hasAttribute('hidden') ||
    element.hasAttribute(EXTENSION_UI_ATTRIBUTE) ||
    element.getAttribute('aria-hidden') === 'true'
  );
}

/**
 * A cheap measure of an element's text: the length of its text nodes outside script, style, markup-hidden subtrees
 * and our own UI. No layout, no style reads and no large strings (a page's `textContent` can hold megabytes of
 * inline JSON), so sizing every candidate stays cheap on large pages (CSS-hidden text still counts).
 */
export function textSize(element: Element): number {
  let size = 0;
  let node: Node | null = element.firstChild;
  while (node !== null) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) size += (node as Text).length;
    else if (node.nodeType === ELEMENT_NODE) descend = !isUncounted(node as Element);
    if (descend && node.firstChild !== null) {
      node = node.firstChild;
      continue;
    }
    while (node !== null && node !== element && node.nextSibling === null) node = node.parentNode;
    node = node === null || node === element ? null : node.nextSibling;
  }
  return size;
}

/** The deepest element containing all of `elements`, or `fallback` when they share none below it. */
function commonAncestor(elements: readonly Element[], fallback: Element): Element {
  const [first, ...rest] = elements;
  if (first === undefined) return fallback;
  for (let ancestor: Element | null = first.parentElement; ancestor !== null; ancestor = ancestor.parentElement) {
    if (rest.every((element) => ancestor.contains(element))) return ancestor;
  }
  return fallback;
}
