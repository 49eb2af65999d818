/**
 * The scope phase: which element's text the pass marks. The article candidates are sized by the body's walk
 * (`walk.ts`), so choosing among them reads no DOM text again.
 */
import { slicePageText, spanWithin, type PageText } from '../page-text';
import { ARTICLE_SELECTORS, chooseScope } from '../scope';
import type { HighlightSettings } from './types';
import type { BodyWalk, Span } from './walk';

/** The article candidates to size during the walk; none when the whole page is marked. */
export function articleCandidates(doc: Document, settings: HighlightSettings): Element[] {
  return settings.scope === 'page' ? [] : Array.from(doc.querySelectorAll(ARTICLE_SELECTORS));
}

export interface ChosenScope {
  readonly element: Element;
  /** The scope's text, cut from the body's. */
  readonly text: PageText;
}

/** Chooses the scope among the candidates the walk entered (the others lie in skipped subtrees), else the body. */
export function pickScope(body: Element, candidates: readonly Element[], walk: BodyWalk): ChosenScope {
  const { text: bodyText, spans } = walk;
  const walked = candidates.filter((candidate) => spans.has(candidate));
  // Other elements (the common ancestor of several comparable candidates) are found in the body's text: the walk
  // already read theirs, so no second walk.
  const spanOf = (element: Element): Span => {
    if (element === body) return { start: 0, end: bodyText.text.length };
    let span = spans.get(element);
    if (span === undefined) {
      span = spanWithin(bodyText, element) ?? { start: 0, end: 0 };
      spans.set(element, span);
    }
    return span;
  };
  const sizeOf = (element: Element) => {
    const span = spanOf(element);
    return span.end - span.start;
  };
  const element = walked.length === 0 ? body : chooseScope(body, walked, sizeOf);
  const span = spanOf(element);
  return { element, text: slicePageText(bodyText, span.start, span.end) };
}
