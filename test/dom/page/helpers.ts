/** Test helpers for the page text model: pages are written inline, loaded into the happy-dom document. */
import { rangeFor, type PageText } from '../../../src/page/page-text';

/** Replaces the test document's body content with `html` (and the head's with `head`) and returns the document. */
export function loadPage(html: string, head = ''): Document {
  const range = document.createRange();
  document.head.replaceChildren(range.createContextualFragment(head));
  document.body.replaceChildren(range.createContextualFragment(html));
  for (const name of document.body.getAttributeNames()) document.body.removeAttribute(name);
  return document;
}

/** Every `[start, end)` where `needle` occurs in `text`. */
export function occurrences(text: string, needle: string): [number, number][] {
  const found: [number, number][] = [];
  for (let index = text.indexOf(needle); index >= 0; index = text.indexOf(needle, index + 1)) {
    found.push([index, index + needle.length]);
  }
  return found;
}

/** Collapses whitespace runs as rendering does, to compare a Range's raw DOM text with the page text. */
export function collapse(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ');
}

/** The element with `id`, or a failed test. */
export function byId(doc: Document, id: string): HTMLElement {
  const element = doc.getElementById(id);
  if (element === null) throw new Error(`no #${id} in the test page`);
  return element;
}

/** Shorthand for the lines of a page text. */
export function lines(pageText: PageText): string[] {
  return pageText.text.split('\n');
}

/** The first `[start, end)` of `needle` in `text`, or a failed test. */
export function firstMatch(text: string, needle: string): [number, number] {
  const [match] = occurrences(text, needle);
  if (match === undefined) throw new Error(`"${needle}" not in the page text`);
  return match;
}

/** The raw DOM text of the Range for `[start, end)`, or a failed test when there is no Range. */
export function rangeText(pageText: PageText, start: number, end: number, doc: Document): string {
  const range = rangeFor(pageText, start, end, doc);
  if (range === null) throw new Error(`no Range for [${start}, ${end})`);
  return range.toString();
}

/** The first child node of `element`, or a failed test. */
export function firstChild(element: Element): ChildNode {
  const child = element.firstChild;
  if (child === null) throw new Error('empty element');
  return child;
}
