/**
 * The caret position under a viewport point, for hit testing marks without touching the DOM. Standard
 * `caretPositionFromPoint` (Firefox, Chrome 128+) first, WebKit's `caretRangeFromPoint` otherwise. Thin on purpose:
 * it needs layout, so it is tested in real browsers.
 */

/** A caret position: a node (usually a text node) and an offset in it. */
export interface CaretPoint {
  /** The node the caret is in. */
  readonly node: Node;
  /** Offset in the node: a character offset for text, a child index for elements. */
  readonly offset: number;
}

/** The caret APIs, typed as optional: engines implement one, the other or (test environments) neither. */
interface CaretDocument {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
}

/**
 * The caret position at viewport point (`x`, `y`) of `doc`, or null when the point hits no text position or the
 * engine offers neither API. Never throws: a point outside the viewport or an engine error is a miss.
 */
export function caretAt(doc: Document, x: number, y: number): CaretPoint | null {
  const caretDoc = doc as unknown as CaretDocument;
  try {
    if (typeof caretDoc.caretPositionFromPoint === 'function') {
      const position = caretDoc.caretPositionFromPoint.call(doc, x, y);
      return position === null ? null : { node: position.offsetNode, offset: position.offset };
    }
    if (typeof caretDoc.caretRangeFromPoint === 'function') {
      const range = caretDoc.caretRangeFromPoint.call(doc, x, y);
      return range === null ? null : { node: range.startContainer, offset: range.startOffset };
    }
  } catch {
    // Non-finite coordinates throw in some engines; a miss is the right answer.
  }
  return null;
}
