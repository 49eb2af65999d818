/**
 * The one way extension pages build DOM: an element with a class and, optionally, text (set with `textContent`,
 * never markup, so pack and page data always show as text). Children are added with the element's own `append`.
 * Same signature as the card renderer's `h` (src/card/render.ts), so the card can use this one too.
 */

/** An element with a class and, optionally, text. */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A `<button type="button">` with a class and text. */
export function textButton(doc: Document, className: string, text: string): HTMLButtonElement {
  const node = h(doc, 'button', className, text);
  node.type = 'button';
  return node;
}
