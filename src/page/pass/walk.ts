/**
 * The walk phase: one sliced walk over the body collects its text and sizes the article candidates; should the body
 * turn out to be the scope, the page chrome the walk left out is read afterwards and put back in place.
 */
import { collectTextSliced } from '../collect';
import { insertTexts, type PageText } from '../page-text';
import { PAGE_CHROME_TAGS } from '../scope';
import type { Slicer } from '../slicer';

/** A span of the body's text. */
export interface Span {
  start: number;
  end: number;
}

export interface BodyWalk {
  readonly text: PageText;
  /** The spans of the candidates the walk entered; candidates inside skipped subtrees get none. */
  readonly spans: Map<Element, Span>;
  /** The page chrome left out of `text`, with where its text belongs. */
  readonly leftOut: readonly { element: Element; at: number }[];
}

/** Walks the body, sizing `candidates` on the way (no second walk per candidate). Null when cancelled. */
export async function walkBody(
  body: Element,
  candidates: readonly Element[],
  slicer: Slicer,
): Promise<BodyWalk | null> {
  const spans = new Map<Element, Span>();
  const leftOut: { element: Element; at: number }[] = [];
  const text = await collectTextSliced(
    body,
    // Styles are not read per element (the costliest part of a walk); hidden matches are dropped by the marks phase.
    {
      checkStyles: false,
      checkAncestors: false,
      track: new Set(candidates),
      spans,
      // With candidates, only their text and the size of the rest are needed: the page chrome is left out.
      ...(candidates.length > 0 ? { skipOutsideTracked: PAGE_CHROME_TAGS, leftOut } : {}),
    },
    slicer,
  );
  return text && { text, spans, leftOut };
}

/** The body's text with the chrome the walk left out read and put back where it was. Null when cancelled. */
export async function walkLeftOut(walk: BodyWalk, slicer: Slicer): Promise<PageText | null> {
  const inserts: { at: number; text: PageText }[] = [];
  for (const { element, at } of walk.leftOut) {
    // Several small subtrees in a row share a slice; the walk inside one only looks at the clock every few nodes.
    if (slicer.due() && !(await slicer.yield())) return null;
    const text = await collectTextSliced(element, { checkStyles: false, checkAncestors: false }, slicer);
    if (!text) return null;
    inserts.push({ at, text });
  }
  return insertTexts(walk.text, inserts);
}
