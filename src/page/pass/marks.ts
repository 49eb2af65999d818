/**
 * The marks phase: matches → marks, each a live Range over exactly the matched text, kept only where that text is
 * rendered. With `first`, the first *visible* mention of an entity is its mark.
 */
import type { Match } from '../../match';
import type { MarkKind } from '../../shared/vocabulary';
import type { IntervalIndex } from '../interval-index';
import { piecesFor, rangeFor, type PageText } from '../page-text';
import type { Slicer } from '../slicer';
import type { PassContext } from './context';
import type { PageMark } from './types';

/**
 * The marks of `matches` (in reading order) in `pageText`, added to `into` as they are made. `seen` holds the
 * entities already marked and is updated. Null when cancelled.
 */
export async function makeMarks(
  context: PassContext,
  pageText: PageText,
  matches: readonly Match[],
  into: IntervalIndex<Node, PageMark>,
  seen: Set<string>,
  slicer: Slicer,
): Promise<PageMark[] | null> {
  const made: PageMark[] = [];
  const firstOnly = context.settings().mentions === 'first';
  for (const match of matches) {
    if (slicer.due() && !(await slicer.yield())) return null;
    // Matches come in reading order; hidden ones are skipped, so the first visible mention is the one marked.
    if (match.kind === 'entity' && firstOnly && seen.has(match.id)) continue;
    const range = rangeFor(pageText, match.start, match.end, context.doc);
    if (!range || !isRendered(range)) continue;
    if (match.kind === 'entity') seen.add(match.id);
    const kind: MarkKind = match.kind === 'quote' ? 'quote' : match.entityKind;
    const mark: PageMark = {
      serial: ++context.serial,
      kind,
      target: match.id,
      match,
      range,
      text: pageText.text.slice(match.start, match.end),
    };
    into.addPieces(piecesFor(pageText, match.start, match.end), mark);
    made.push(mark);
  }
  return made;
}

/**
 * Whether a matched range is rendered: the walk reads no styles, so text hidden by CSS (`display: none`,
 * `visibility: hidden`, a collapsed menu) is checked here, once per match instead of once per element.
 */
function isRendered(range: Range): boolean {
  const start = elementOf(range.startContainer);
  const end = elementOf(range.endContainer);
  if (start === null || end === null) return false;
  // Most marks lie in one text node: one check.
  return isElementRendered(start) && (end === start || isElementRendered(end));
}

function elementOf(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

function isElementRendered(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  return typeof check !== 'function' || check.call(element, { visibilityProperty: true });
}
