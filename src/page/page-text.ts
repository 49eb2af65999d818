/**
 * The page text model: the visible text of a scope as one string, plus the map from every character of that
 * string back to the DOM text node it came from. The matching engine sees only `text`; this module turns its
 * `[start, end)` answers back into DOM positions and Ranges.
 */

/**
 * A run of `PageText.text` that corresponds character for character to a run of one DOM text node:
 * `text[start + i]` came from `node.data[nodeOffset + i]` for every `0 <= i < end - start`.
 *
 * The characters may differ only in whitespace: a collapsed run of whitespace becomes one space in `text` and maps
 * to the first whitespace character of the run in the node (which may be a tab or a newline).
 */
export interface Segment {
  /** First character of the run in `PageText.text`. */
  readonly start: number;
  /** One past the last character of the run in `PageText.text`. */
  readonly end: number;
  /** The text node the run came from. */
  readonly node: Text;
  /** Offset in `node.data` of the character at `start`. */
  readonly nodeOffset: number;
}

/**
 * The visible text of a scope in reading order. Block boundaries and `<br>` are `\n`; whitespace is collapsed as
 * rendering collapses it. `segments` is sorted by `start`, never overlaps, and covers every character of `text`
 * except the synthetic `\n` of block boundaries, which belong to no node.
 */
export interface PageText {
  /** The joined text handed to the matching engine. */
  readonly text: string;
  /** Offset map from `text` back to text nodes; sorted, non-overlapping. */
  readonly segments: readonly Segment[];
}

/** A position in the DOM: a text node and an offset in its data. */
export interface TextPosition {
  /** The text node. */
  readonly node: Text;
  /** Offset in `node.data`, between characters (0 … node.length). */
  readonly offset: number;
}

/** The part of a text span that lies in one text node: `node.data.slice(start, end)`. */
export interface NodePiece {
  /** The text node. */
  readonly node: Text;
  /** Start offset in `node.data`. */
  readonly start: number;
  /** End offset in `node.data` (exclusive). */
  readonly end: number;
}

/** An empty page text: what a skipped or empty scope yields. */
export const EMPTY_PAGE_TEXT: PageText = Object.freeze({ text: '', segments: Object.freeze([]) as readonly Segment[] });

/**
 * Index of the first segment whose `end` is greater than `offset`, i.e. the segment holding the character at
 * `offset`, or the next one when `offset` falls in a synthetic gap. Returns `segments.length` when none.
 */
export function segmentIndexAfter(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((segments[mid] as Segment).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The characters of `pageText` whose text nodes lie inside `element`, as `[start, end)`, or null when none do: the
 * span a walk would have recorded for the element, found after the fact in O(log n) position comparisons (segments
 * are in document order, and an element's text nodes are one run of them).
 */
export function spanWithin(pageText: PageText, element: Node): { start: number; end: number } | null {
  const { segments } = pageText;
  // Index of the first segment whose node is not before `element` (inside or after it), then of the first after it.
  const firstNotBefore = (after: boolean): number => {
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const position = element.compareDocumentPosition((segments[mid] as Segment).node);
      const inside = (position & CONTAINED_BY) !== 0;
      const before = (position & PRECEDING) !== 0 && !inside;
      if (before || (after && inside)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const first = firstNotBefore(false);
  const end = firstNotBefore(true);
  if (first >= end) return null;
  return { start: (segments[first] as Segment).start, end: (segments[end - 1] as Segment).end };
}

/**
 * `base` with each of `inserts` (texts of subtrees a walk left out, with the offset of `base` where they were left
 * out, in order) put back in place, each on lines of its own: the text of the whole, as far as matching and ranges
 * go (a run of several `\n` where a walk of the whole would have one).
 */
export function insertTexts(base: PageText, inserts: readonly { at: number; text: PageText }[]): PageText {
  const present = inserts.filter((insert) => insert.text.text.length > 0);
  if (present.length === 0) return base;
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  /** Appends `[start, end)` of `page`, its segments clipped to it and moved to where it lands. */
  const copy = (page: PageText, start: number, end: number) => {
    pushSegments(page.segments, start, end, length, segments);
    parts.push(page.text.slice(start, end));
    length += end - start;
  };
  const lineBreak = () => {
    parts.push('\n');
    length += 1;
  };
  let from = 0;
  for (const insert of present) {
    const at = Math.max(from, Math.min(insert.at, base.text.length));
    copy(base, from, at);
    from = at;
    if (length > 0) lineBreak();
    copy(insert.text, 0, insert.text.text.length);
    if (from < base.text.length) lineBreak();
  }
  copy(base, from, base.text.length);
  return { text: parts.join(''), segments };
}

/** `Node.DOCUMENT_POSITION_PRECEDING` and `_CONTAINED_BY`, without the DOM's globals (pure callers, tests). */
const PRECEDING = 2;
const CONTAINED_BY = 16;

/**
 * Index of the segment holding the character at `offset` of the text, or -1 when that character is synthetic
 * (a block-boundary `\n`) or out of bounds.
 */
export function segmentIndexAt(segments: readonly Segment[], offset: number): number {
  const index = segmentIndexAfter(segments, offset);
  const segment = segments[index];
  return segment !== undefined && segment.start <= offset ? index : -1;
}

/**
 * The node pieces covering the characters `[start, end)` of the text, one per text node, in order: what the span's
 * Range covers in each node that holds some of its characters. A span that starts or ends on a synthetic `\n` is
 * narrowed to the node characters inside it. Empty when the span holds no node character.
 */
export function piecesFor(pageText: PageText, start: number, end: number): NodePiece[] {
  const pieces: NodePiece[] = [];
  if (!(start < end)) return pieces;
  const { segments } = pageText;
  for (let i = segmentIndexAfter(segments, start); i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (segment.start >= end) break;
    const from = Math.max(start, segment.start);
    const to = Math.min(end, segment.end);
    const nodeStart = segment.nodeOffset + (from - segment.start);
    const nodeEnd = segment.nodeOffset + (to - segment.start);
    const last = pieces[pieces.length - 1];
    // Segments of one node are consecutive and ascending; a gap between them is collapsed whitespace, which the
    // span's Range covers too, so the piece spans it (a caret there is inside the mark).
    if (last !== undefined && last.node === segment.node) {
      pieces[pieces.length - 1] = { node: last.node, start: last.start, end: nodeEnd };
    } else {
      pieces.push({ node: segment.node, start: nodeStart, end: nodeEnd });
    }
  }
  return pieces;
}

/**
 * The DOM boundary points of the text span `[start, end)`: the position before its first node character and
 * the position after its last one. Null when the span holds no node character.
 */
export function boundsFor(
  pageText: PageText,
  start: number,
  end: number,
): { start: TextPosition; end: TextPosition } | null {
  if (!(start < end)) return null;
  const { segments } = pageText;
  const first = segments[segmentIndexAfter(segments, start)];
  if (first === undefined || first.start >= end) return null;
  // The last segment that starts before `end` holds the span's last node character.
  // Otherwise `end - 1` is a synthetic `\n` or past the text, and the segment before holds it.
  let lastIndex = segmentIndexAfter(segments, end - 1);
  const candidate = segments[lastIndex];
  if (candidate === undefined || candidate.start >= end) lastIndex -= 1;
  const last = segments[lastIndex];
  if (last === undefined) return null;
  const from = Math.max(start, first.start);
  const to = Math.min(end, last.end);
  return {
    start: { node: first.node, offset: first.nodeOffset + (from - first.start) },
    end: { node: last.node, offset: last.nodeOffset + (to - last.start) },
  };
}

/**
 * A DOM Range covering exactly the characters `[start, end)` of the text (narrowed to node characters when the
 * span starts or ends on a block-boundary `\n`). Null when the span is empty, holds no node character, or the DOM
 * changed since collection so the offsets no longer fit — a stale span must never throw.
 */
export function rangeFor(pageText: PageText, start: number, end: number, doc: Document): Range | null {
  const bounds = boundsFor(pageText, start, end);
  if (bounds === null) return null;
  if (bounds.start.offset > bounds.start.node.length || bounds.end.offset > bounds.end.node.length) return null;
  try {
    const range = doc.createRange();
    range.setStart(bounds.start.node, bounds.start.offset);
    range.setEnd(bounds.end.node, bounds.end.offset);
    // A node moved before another one since collection would make the range collapse to its end.
    return range.collapsed ? null : range;
  } catch {
    return null;
  }
}

/**
 * The offset in the text of the DOM position (`node`, `offset`), or -1 when the node holds no collected character
 * at or around that offset. A position between two characters maps to the offset of the character after it; a
 * position at the end of a segment maps to that segment's `end`. Linear in the number of segments: for hit testing,
 * prefer an `IntervalIndex` keyed by node.
 */
export function textOffsetOf(pageText: PageText, node: Node, offset: number): number {
  for (const segment of pageText.segments) {
    if (segment.node !== node) continue;
    const length = segment.end - segment.start;
    if (offset >= segment.nodeOffset && offset <= segment.nodeOffset + length) {
      return segment.start + (offset - segment.nodeOffset);
    }
  }
  return -1;
}

/**
 * The part `[start, end)` of a page text as a page text of its own (offsets start at 0), for matching one element's
 * text out of a walk over a larger root. Leading and trailing block breaks are trimmed.
 */
export function slicePageText(pageText: PageText, start: number, end: number): PageText {
  const { text } = pageText;
  while (start < end && text[start] === '\n') start++;
  while (end > start && text[end - 1] === '\n') end--;
  if (start === 0 && end === text.length) return pageText;
  if (end <= start) return EMPTY_PAGE_TEXT;
  const segments: Segment[] = [];
  pushSegments(pageText.segments, start, end, 0, segments);
  return { text: text.slice(start, end), segments };
}

/** Pushes onto `into` the parts of `segments` inside `[start, end)`, moved so that `start` lands at `at`. */
function pushSegments(segments: readonly Segment[], start: number, end: number, at: number, into: Segment[]): void {
  for (let i = segmentIndexAfter(segments, start); i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (segment.start >= end) break;
    const from = Math.max(segment.start, start);
    const to = Math.min(segment.end, end);
    if (to <= from) continue;
    into.push({
      start: at + from - start,
      end: at + to - start,
      node: segment.node,
      nodeOffset: segment.nodeOffset + (from - segment.start),
    });
  }
}
