/**
 * The article's paragraphs as plain text: the text blocks of Readability's article element (paragraphs, list items,
 * quotations, subheads), in reading order, whitespace folded, each block once, capped in number and length.
 */

/** At most this many paragraphs and characters in all: an article, not a book. */
export const MAX_PARAGRAPHS = 400;
export const MAX_TEXT = 200_000;

/** Blocks whose text is a paragraph of the article. */
const BLOCKS = 'p, li, blockquote, h2, h3, h4, pre';

/** Text blocks of `root`, outermost first, skipping a block inside another one already taken. */
export function paragraphsOf(root: Node): string[] {
  const element = root as Element;
  if (typeof element.querySelectorAll !== 'function') return [];
  const out: string[] = [];
  let total = 0;
  const taken: Element[] = [];
  for (const block of Array.from(element.querySelectorAll(BLOCKS))) {
    if (taken.some((outer) => outer.contains(block))) continue;
    // A quotation or list item holding paragraphs gives them one by one.
    if (block.querySelector('p') && block.tagName !== 'P') continue;
    if (block.closest('figure, figcaption, aside, nav')) continue;
    taken.push(block);
    const text = (block.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!isProse(text)) continue;
    if (out.length >= MAX_PARAGRAPHS || total + text.length > MAX_TEXT) break;
    out.push(text);
    total += text.length;
  }
  return out;
}

/** The selection's text as paragraphs (one per non-empty line), capped like an article. */
export function selectionParagraphs(text: string): string[] {
  const out: string[] = [];
  let total = 0;
  for (const line of text.split(/\n+/)) {
    const paragraph = line.replace(/\s+/g, ' ').trim();
    if (!paragraph) continue;
    if (out.length >= MAX_PARAGRAPHS || total + paragraph.length > MAX_TEXT) break;
    out.push(paragraph);
    total += paragraph.length;
  }
  return out;
}

/** A block worth keeping: some words, not a lone credit or share button. */
function isProse(text: string): boolean {
  return text.length >= 2 && /\p{L}/u.test(text);
}
