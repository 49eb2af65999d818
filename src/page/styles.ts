/**
 * Computed-style reads for the text walk, cached per element. Reading computed style is the one costly step of the
 * walk, so it happens at most once per element and pass, and only the two properties the walk needs are kept.
 */

/** The computed properties that decide whether and how an element's text is rendered. */
export interface ElementStyle {
  /** Computed `display`; empty when the engine does not compute it (then tag defaults apply). */
  readonly display: string;
  /** Computed `visibility`; empty when the engine does not compute it (then the parent's applies). */
  readonly visibility: string;
}

/** Reads an element's computed style; null when the document has no window (e.g. a `DOMParser` document). */
export type StyleReader = (element: Element) => ElementStyle | null;

/**
 * A style reader for `doc` with its own per-element cache. Create one per pass (styles change between passes) and
 * share it between the calls of that pass.
 */
export function createStyleReader(doc: Document): StyleReader {
  const cache = new WeakMap<Element, ElementStyle | null>();
  return (element) => {
    const cached = cache.get(element);
    if (cached !== undefined) return cached;
    const style = readStyle(doc, element);
    cache.set(element, style);
    return style;
  };
}

function readStyle(doc: Document, element: Element): ElementStyle | null {
  const view = doc.defaultView;
  if (view === null) return null;
  try {
    const computed = view.getComputedStyle(element);
    return { display: computed.display, visibility: computed.visibility };
  } catch {
    // Elements of another document or engine quirks: treat as unknown rather than fail the walk.
    return null;
  }
}
