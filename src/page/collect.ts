/**
 * Collects the visible text of a subtree in reading (DOM) order as a `PageText`: inline elements join, blocks and
 * `<br>` break with `\n`, whitespace collapses as rendering collapses it, and every character keeps its way back to
 * its text node. Works on any subtree, so a MutationObserver can re-scan only what was added.
 *
 * The walk is iterative (a TreeWalker moved by hand, with an explicit stack), so DOM depth cannot overflow the call
 * stack, and rejected subtrees are never entered.
 */
import { BLOCK_TAGS, isBlockElement, type DisplayMode } from './blocks';
import { DOCUMENT_FRAGMENT_NODE, DOCUMENT_NODE, ELEMENT_NODE, TEXT_NODE } from './dom-constants';
import { EMPTY_PAGE_TEXT, type PageText, type Segment } from './page-text';
import { HIDDEN_VISIBILITIES, isInsideSkipped, isSkippedInWalk } from './skip';
import type { Slicer } from './slicer';
import { createStyleReader, type ElementStyle, type StyleReader } from './styles';

/** How `collectText` walks. Every field is optional; the defaults suit a full pass over a live page. */
export interface CollectOptions {
  /**
   * Read computed style to skip `display: none` subtrees and `visibility: hidden` text. Default true. Turn off for
   * speed when the page is known not to hide content by CSS, or in documents without a window.
   */
  readonly checkStyles?: boolean;
  /** How block boundaries are decided: tag defaults (default) or computed `display`. See `isBlockElement`. */
  readonly display?: DisplayMode;
  /**
   * Check the root and its ancestors first, so a re-scan of an added node inside `<pre>`, an editor, a hidden
   * subtree… yields nothing. Default true; a pass that starts from a known-good scope may turn it off.
   */
  readonly checkAncestors?: boolean;
  /** A style reader to share between the calls of one pass (its cache); default: a fresh one per call. */
  readonly styles?: StyleReader;
  /**
   * Elements whose span of the collected text is wanted (the article-scope candidates): each one the walk enters is
   * given `[start, end)` in `spans`, so a single walk over the body can both size the candidates and collect.
   */
  readonly track?: ReadonlySet<Element>;
  /** Receives the spans of `track`ed elements. */
  readonly spans?: Map<Element, { start: number; end: number }>;
  /**
   * Tags whose subtrees the walk leaves out unless they are `track`ed or inside a tracked element: the page's own
   * navigation, header, footer and asides (`PAGE_CHROME_TAGS`) when only the article candidates' text is wanted.
   */
  readonly skipOutsideTracked?: ReadonlySet<string>;
  /**
   * Receives each element left out by `skipOutsideTracked`, in document order, with the length of the text collected
   * before it: where its own text belongs (`insertTexts` puts it there).
   */
  readonly leftOut?: { element: Element; at: number }[];
}

/** A segment while it is still being extended. */
interface OpenSegment {
  start: number;
  end: number;
  node: Text;
  nodeOffset: number;
}

/** Per-element state of the walk, as bits pushed on entry and popped on exit. */
const enum Flag {
  /** The element is a block: leaving it breaks the line. */
  Block = 1,
  /** Text directly inside is rendered (computed `visibility`, which descendants may override). */
  Visible = 2,
  /** A closed `<details>`: text directly inside is not shown (elements inside are skipped by the selector). */
  ClosedDetails = 4,
  /** One of `CollectOptions.track`: its span ends when it is left. */
  Tracked = 8,
  /** Inside a tracked element (`CollectOptions.skipOutsideTracked` does not apply there). */
  InsideTracked = 16,
}

/** Pieces the text builder joins at a time. */
export const CHUNKS_PER_BLOCK = 4096;

/**
 * Accumulates the page text: emits words, defers whitespace and block breaks until the next word so that leading and
 * trailing whitespace of a line, and runs of breaks, vanish as they do on screen.
 */
class TextBuilder {
  /** Pieces of text not yet joined (words, spaces, breaks). */
  private chunks: string[] = [];
  /**
   * Earlier pieces, joined every {@link CHUNKS_PER_BLOCK}: the join is spread over the walk's slices instead of
   * landing whole in the last one (a 5 MB article is ~1M pieces, a 12–20 ms join in Firefox).
   */
  private readonly blocks: string[] = [];
  private length = 0;
  private readonly segments: OpenSegment[] = [];

  /** Characters emitted so far (pending whitespace and breaks not included). */
  get size(): number {
    return this.length;
  }
  /** First whitespace character of a pending collapsed run, emitted as one space before the next word. */
  private pendingSpaceNode: Text | null = null;
  private pendingSpaceOffset = 0;
  /** A block boundary was crossed since the last word. */
  private pendingBreak = false;

  /** Text of `node` from `nodeOffset` with no whitespace but single spaces (shown as is). */
  word(node: Text, nodeOffset: number, word: string): void {
    if (this.pendingBreak) {
      this.pushSynthetic('\n');
      this.pendingBreak = false;
    } else if (this.pendingSpaceNode !== null && this.length > 0) {
      this.pushMapped(this.pendingSpaceNode, this.pendingSpaceOffset, ' ');
    }
    this.pendingSpaceNode = null;
    this.pushMapped(node, nodeOffset, word);
  }

  /** A run of collapsible whitespace of `node` starting at `nodeOffset`. */
  whitespace(node: Text, nodeOffset: number): void {
    if (this.pendingSpaceNode === null) {
      this.pendingSpaceNode = node;
      this.pendingSpaceOffset = nodeOffset;
    }
  }

  /** A block boundary or `<br>`: whitespace around it is dropped, and several in a row make one `\n`. */
  lineBreak(): void {
    this.pendingSpaceNode = null;
    if (this.length > 0) this.pendingBreak = true;
  }

  finish(): PageText {
    if (this.length === 0) return EMPTY_PAGE_TEXT;
    const rest = this.chunks.join('');
    const text = this.blocks.length === 0 ? rest : this.blocks.join('') + rest;
    return { text, segments: this.segments as readonly Segment[] };
  }

  private pushSynthetic(text: string): void {
    this.push(text);
  }

  private push(text: string): void {
    this.length += text.length;
    if (this.chunks.push(text) === CHUNKS_PER_BLOCK) {
      this.blocks.push(this.chunks.join(''));
      this.chunks = [];
    }
  }

  private pushMapped(node: Text, nodeOffset: number, text: string): void {
    const last = this.segments[this.segments.length - 1];
    if (
      last !== undefined &&
      last.node === node &&
      last.end === this.length &&
      last.nodeOffset + (last.end - last.start) === nodeOffset
    ) {
      last.end += text.length;
    } else {
      this.segments.push({ start: this.length, end: this.length + text.length, node, nodeOffset });
    }
    this.push(text);
  }
}

/** Whitespace at the start and at the end of a text node. */
const LEADING_WHITESPACE = /^[ \t\n\r\f]+/;
const WHITESPACE_ONLY = /^[ \t\n\r\f]+$/;
const TRAILING_WHITESPACE = /[ \t\n\r\f]+$/;
/**
 * Inside a text node, the whitespace runs that do not map one-to-one onto a single space: runs of two or more, and a
 * lone tab or line break. A lone space stays inside its piece, so ordinary prose is one piece per text node.
 */
const COLLAPSING_RUN = /[ \t\n\r\f]{2,}|[\t\n\r\f]/g;

/**
 * Feeds one text node to the builder: the text between collapsing whitespace runs goes in whole (its single spaces
 * already are what rendering shows), each run becomes one pending space. The regular expressions do the per-character
 * work, so a cold page pays for a few calls per text node rather than a loop over its words.
 */
function addText(builder: TextBuilder, node: Text): void {
  const data = node.data;
  const length = data.length;
  if (length === 0) return;
  // Indentation between elements (a large share of a page's text nodes): one test, no match objects.
  if (isCollapsible(data.charCodeAt(0)) && WHITESPACE_ONLY.test(data)) {
    builder.whitespace(node, 0);
    return;
  }
  let from = 0;
  if (isCollapsible(data.charCodeAt(0))) {
    builder.whitespace(node, 0);
    from = LEADING_WHITESPACE.exec(data)?.[0].length ?? 0;
  }
  const end = isCollapsible(data.charCodeAt(length - 1)) ? (TRAILING_WHITESPACE.exec(data)?.index ?? length) : length;
  let piece = from;
  COLLAPSING_RUN.lastIndex = from;
  for (let run = COLLAPSING_RUN.exec(data); run !== null && run.index < end; run = COLLAPSING_RUN.exec(data)) {
    builder.word(node, piece, data.slice(piece, run.index));
    builder.whitespace(node, run.index);
    piece = run.index + run[0].length;
  }
  builder.word(node, piece, piece === 0 && end === length ? data : data.slice(piece, end));
  if (end < length) builder.whitespace(node, end);
}

/** Whether a UTF-16 unit is whitespace that rendering collapses (space, tab, line feed, carriage return, form feed). */
function isCollapsible(unit: number): boolean {
  return unit === 32 || unit === 10 || unit === 9 || unit === 13 || unit === 12;
}

/** Whether an element's own text is rendered, given its style and its parent's answer. */
function isVisible(style: ElementStyle | null, parentVisible: boolean): boolean {
  if (style === null || style.visibility === '') return parentVisible;
  return !HIDDEN_VISIBILITIES.has(style.visibility);
}

/**
 * The visible text of `root` (an element, a text node, a document or a fragment) in reading order. A document is
 * walked from its `body` (or root element). Never throws on odd markup; yields an empty text when `root` lies in a
 * skipped subtree (unless `checkAncestors` is false).
 */
export function collectText(root: Node, options: CollectOptions = {}): PageText {
  const walk = walkText(root, options);
  for (;;) {
    const step = walk.next();
    if (step.done === true) return step.value;
  }
}

/** How many nodes the walk visits between two looks at the clock. */
export const NODES_PER_CHECK = 512;

/**
 * `collectText` in slices: every `NODES_PER_CHECK` nodes it asks the slicer whether the slice is due and yields if
 * so. Resolves to null when the work was cancelled at a yield. The last lap is the caller's to report.
 */
export async function collectTextSliced(root: Node, options: CollectOptions, slicer: Slicer): Promise<PageText | null> {
  const walk = walkText(root, options);
  for (;;) {
    const step = walk.next();
    if (step.done === true) return step.value;
    if (slicer.due() && !(await slicer.yield())) return null;
  }
}

/**
 * The walk itself, as a generator that yields every `NODES_PER_CHECK` nodes so a caller can pause it. Depth-first by
 * hand (`firstChild` / `nextSibling`, and the stack of entered elements on the way up), entering each accepted node
 * on the way down and leaving it on the way up: no recursion, no TreeWalker filter callback per node, and per node
 * only a few property reads and bit tests on local variables. A pass runs this once per page with our code still
 * cold (interpreted), where every operation per node counts.
 */
function* walkText(root: Node, options: CollectOptions): Generator<void, PageText> {
  const start = startNode(root);
  if (start === null) return EMPTY_PAGE_TEXT;
  const doc = start.ownerDocument;
  if (doc === null) return EMPTY_PAGE_TEXT;
  const checkStyles = options.checkStyles ?? true;
  const mode = options.display ?? 'tag';
  const readsStyle = checkStyles || mode === 'computed';
  const styles = readsStyle ? (options.styles ?? createStyleReader(doc)) : null;
  const styleOf = (element: Element): ElementStyle | null => (styles === null ? null : styles(element));

  if ((options.checkAncestors ?? true) && isInsideSkipped(start, checkStyles ? styles : null)) return EMPTY_PAGE_TEXT;

  const builder = new TextBuilder();
  const rootVisible = checkStyles ? ancestorVisibility(start, styleOf) : true;
  const rootFlags = rootVisible ? Flag.Visible : 0;
  const { track, spans, skipOutsideTracked, leftOut } = options;

  if (start.nodeType === TEXT_NODE) {
    if (rootVisible) addText(builder, start as Text);
    return builder.finish();
  }

  /** The entered elements (the start first) and their flags. */
  const entered: Node[] = [];
  const flags: number[] = [];

  /** Enters an element (or the start fragment) inside one with `parentFlags`; its flags, or -1 to skip it. */
  const enter = (element: Element, isElement: boolean, isStart: boolean, parentFlags: number): number => {
    const tag = isElement ? element.localName : '';
    if (isElement && !isStart && isSkippedInWalk(element, tag, (parentFlags & Flag.ClosedDetails) !== 0)) return -1;
    const inside = (parentFlags & (Flag.Tracked | Flag.InsideTracked)) !== 0;
    const tracked = track?.has(element) === true;
    if (skipOutsideTracked?.has(tag) === true && !inside && !tracked && !isStart) {
      // Left out, but still a block boundary: the text on either side must not run together.
      if (BLOCK_TAGS.has(tag)) builder.lineBreak();
      leftOut?.push({ element, at: builder.size });
      return -1;
    }
    const style = isElement && readsStyle ? styleOf(element) : null;
    if (checkStyles && style !== null && style.display === 'none' && !isStart) return -1;
    const block =
      isElement && (style === null && mode === 'tag' ? BLOCK_TAGS.has(tag) : isBlockElement(element, style, mode));
    if (block || tag === 'br') builder.lineBreak();
    let entering = block ? Flag.Block : 0;
    if (!checkStyles || isVisible(style, (parentFlags & Flag.Visible) !== 0)) entering |= Flag.Visible;
    if (tag === 'details' && !element.hasAttribute('open')) entering |= Flag.ClosedDetails;
    if (inside) entering |= Flag.InsideTracked;
    if (tracked) {
      entering |= Flag.Tracked;
      spans?.set(element, { start: builder.size, end: builder.size });
    }
    entered.push(element);
    flags.push(entering);
    return entering;
  };

  /** Flags of the innermost entered element. */
  let top = enter(start as Element, start.nodeType === ELEMENT_NODE, true, rootFlags);
  let next: Node | null = start.firstChild;
  let visited = 0;
  for (;;) {
    // Go down or along to the next node the walk enters, leaving finished elements on the way up.
    while (next === null) {
      const left = entered.pop();
      if (left === undefined) return builder.finish();
      const leaving = flags.pop() as number;
      top = flags.length > 0 ? (flags[flags.length - 1] as number) : rootFlags;
      if ((leaving & Flag.Block) !== 0) builder.lineBreak();
      if ((leaving & Flag.Tracked) !== 0) {
        const span = spans?.get(left as Element);
        if (span !== undefined) span.end = builder.size;
      }
      if (left === start) return builder.finish();
      next = left.nextSibling;
    }
    if (++visited === NODES_PER_CHECK) {
      visited = 0;
      yield;
    }
    const node: Node = next;
    const type = node.nodeType;
    if (type === TEXT_NODE) {
      if ((top & (Flag.Visible | Flag.ClosedDetails)) === Flag.Visible) addText(builder, node as Text);
      next = node.nextSibling;
    } else if (type === ELEMENT_NODE) {
      const entering = enter(node as Element, true, false, top);
      if (entering >= 0) {
        top = entering;
        next = node.firstChild;
      } else {
        next = node.nextSibling;
      }
    } else {
      next = node.nextSibling;
    }
  }
}

/** The node the walk starts from: documents start at their body; only elements, text and fragments are walked. */
function startNode(root: Node): Node | null {
  switch (root.nodeType) {
    case DOCUMENT_NODE: {
      const doc = root as Document;
      return doc.body ?? doc.documentElement;
    }
    case ELEMENT_NODE:
    case TEXT_NODE:
    case DOCUMENT_FRAGMENT_NODE:
      return root;
    default:
      return null;
  }
}

/**
 * Whether text just inside `node` is rendered, judging by `visibility` of the nearest ancestor (or `node` itself)
 * that sets it. Computed `visibility` inherits in browsers, so the nearest element usually answers at once; the climb
 * only matters where the engine reports no value.
 */
function ancestorVisibility(node: Node, styleOf: (element: Element) => ElementStyle | null): boolean {
  for (
    let element = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
    element !== null;
    element = element.parentElement
  ) {
    const style = styleOf(element);
    if (style !== null && style.visibility !== '') return !HIDDEN_VISIBILITIES.has(style.visibility);
  }
  return true;
}
