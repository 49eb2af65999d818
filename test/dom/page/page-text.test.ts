// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectText } from '../../../src/page/collect';
import { IntervalIndex } from '../../../src/page/interval-index';
import {
  boundsFor,
  insertTexts,
  piecesFor,
  rangeFor,
  segmentIndexAt,
  slicePageText,
  spanWithin,
  textOffsetOf,
  type PageText,
} from '../../../src/page/page-text';
import { byId, firstChild, firstMatch, loadPage } from './helpers';

function samplePage(): { doc: Document; pageText: PageText } {
  const doc = loadPage('<p id="a">Prime   minister <em id="em">Mustafa</em> al-Kadhimi</p><p id="b">Daesh</p>');
  return { doc, pageText: collectText(doc.body) };
}

describe('segments', () => {
  it('are sorted, disjoint, and map each character to the same character of its node', () => {
    const { pageText } = samplePage();
    let previousEnd = 0;
    for (const segment of pageText.segments) {
      expect(segment.start).toBeGreaterThanOrEqual(previousEnd);
      expect(segment.end).toBeGreaterThan(segment.start);
      const fromNode = segment.node.data.slice(segment.nodeOffset, segment.nodeOffset + segment.end - segment.start);
      expect(fromNode.replace(/\s/g, ' ')).toBe(pageText.text.slice(segment.start, segment.end));
      previousEnd = segment.end;
    }
  });

  it('leave only the block-boundary \\n unmapped', () => {
    const { pageText } = samplePage();
    for (let offset = 0; offset < pageText.text.length; offset++) {
      const mapped = segmentIndexAt(pageText.segments, offset) >= 0;
      expect(mapped).toBe(pageText.text[offset] !== '\n');
    }
    expect(segmentIndexAt(pageText.segments, -1)).toBe(-1);
    expect(segmentIndexAt(pageText.segments, pageText.text.length)).toBe(-1);
  });
});

describe('rangeFor and friends', () => {
  it('narrows a span that starts or ends on a block boundary to its node characters', () => {
    const { doc, pageText } = samplePage();
    const newline = pageText.text.indexOf('\n');
    expect(rangeFor(pageText, newline - 3, newline + 1, doc)?.toString()).toBe('imi');
    expect(rangeFor(pageText, newline, newline + 3, doc)?.toString()).toBe('Da');
  });

  it('returns null for empty, inverted, out-of-range and boundary-only spans', () => {
    const { doc, pageText } = samplePage();
    const newline = pageText.text.indexOf('\n');
    expect(rangeFor(pageText, 3, 3, doc)).toBeNull();
    expect(rangeFor(pageText, 5, 2, doc)).toBeNull();
    expect(rangeFor(pageText, 1_000, 1_010, doc)).toBeNull();
    expect(rangeFor(pageText, newline, newline + 1, doc)).toBeNull();
  });

  it('gives the DOM bounds of a span crossing nodes', () => {
    const { doc, pageText } = samplePage();
    const [start, end] = firstMatch(pageText.text, 'minister Mustafa al');
    const bounds = boundsFor(pageText, start, end);
    expect(bounds?.start).toEqual({ node: firstChild(byId(doc, 'a')), offset: 8 });
    expect(bounds?.end.node).toBe(byId(doc, 'a').lastChild);
    expect(bounds?.end.offset).toBe(3);
  });

  it('splits a span into one piece per node, covering collapsed whitespace inside it', () => {
    const { doc, pageText } = samplePage();
    const [start, end] = firstMatch(pageText.text, 'Prime minister Mustafa');
    const pieces = piecesFor(pageText, start, end);
    expect(pieces).toEqual([
      { node: firstChild(byId(doc, 'a')), start: 0, end: 17 },
      { node: firstChild(byId(doc, 'em')), start: 0, end: 7 },
    ]);
  });

  it('maps a DOM position back to a text offset', () => {
    const { doc, pageText } = samplePage();
    expect(textOffsetOf(pageText, firstChild(byId(doc, 'em')), 2)).toBe(pageText.text.indexOf('Mustafa') + 2);
    expect(textOffsetOf(pageText, firstChild(byId(doc, 'b')), 0)).toBe(pageText.text.indexOf('Daesh'));
    expect(textOffsetOf(pageText, doc.body, 0)).toBe(-1);
  });

  it('feeds an interval index that answers which mark is under a caret', () => {
    const { doc, pageText } = samplePage();
    const index = new IntervalIndex<Node, string>();
    for (const name of ['Mustafa al-Kadhimi', 'Daesh', 'al-Kadhimi']) {
      const [start, end] = firstMatch(pageText.text, name);
      index.addPieces(piecesFor(pageText, start, end), name);
    }
    const em = firstChild(byId(doc, 'em'));
    const tail = byId(doc, 'a').lastChild as Node;
    expect(index.at(em, 3)).toEqual(['Mustafa al-Kadhimi']);
    expect(index.at(tail, 0)).toEqual(['Mustafa al-Kadhimi']);
    expect(index.at(tail, 4)).toEqual(['al-Kadhimi', 'Mustafa al-Kadhimi']);
    expect(index.at(firstChild(byId(doc, 'b')), 4)).toEqual(['Daesh']);
    expect(index.at(firstChild(byId(doc, 'a')), 2)).toEqual([]);
  });
});

describe('spanWithin', () => {
  const html =
    '<header><p>Menu  Home</p></header>' +
    '<div id="posts"><section id="a"><p>Kadhimi met <em id="em">Biden</em>.</p></section>' +
    '<script>var hidden = "not text";</script>' +
    '<section id="b"><p>Sadr  spoke</p><p>in Baghdad.</p></section></div>' +
    '<div id="empty"><span></span></div><footer>End</footer>';

  it('finds the body text of any element, equal to walking that element on its own', () => {
    const doc = loadPage(html);
    const body = collectText(doc.body, { checkStyles: false });
    for (const id of ['posts', 'a', 'b', 'em']) {
      const span = spanWithin(body, byId(doc, id));
      expect(span, id).not.toBeNull();
      if (span === null) continue;
      expect(slicePageText(body, span.start, span.end).text, id).toBe(
        collectText(byId(doc, id), { checkStyles: false }).text,
      );
    }
  });

  it('is null for an element without text, and for one outside the walked root', () => {
    const doc = loadPage(html);
    const body = collectText(doc.body, { checkStyles: false });
    expect(spanWithin(body, byId(doc, 'empty'))).toBeNull();
    const posts = collectText(byId(doc, 'posts'), { checkStyles: false });
    expect(spanWithin(posts, doc.querySelector('footer') as Element)).toBeNull();
    expect(spanWithin(posts, doc.querySelector('header') as Element)).toBeNull();
  });
});

describe('insertTexts', () => {
  const html =
    '<header><nav><a>Home</a> <a>World</a></nav></header><p>Mustafa al-<aside>Ad</aside>Kadhimi spoke.</p>' +
    '<div>Joe  Biden <footer>Legal <b>notes</b></footer> answered</div><aside>Last</aside>';
  const chrome = new Set(['nav', 'header', 'footer', 'aside']);

  it('puts left-out subtrees back: the text of a whole walk, every character mapped to its own', () => {
    const doc = loadPage(html);
    const leftOut: { element: Element; at: number }[] = [];
    const base = collectText(doc.body, { checkStyles: false, skipOutsideTracked: chrome, leftOut });
    expect(leftOut.map(({ element }) => element.localName)).toEqual(['header', 'aside', 'footer', 'aside']);
    const whole = insertTexts(
      base,
      leftOut.map(({ element, at }) => ({ at, text: collectText(element, { checkStyles: false }) })),
    );
    expect(whole.text.replace(/\n+/g, '\n')).toBe(collectText(doc.body, { checkStyles: false }).text);
    let previousEnd = 0;
    for (const segment of whole.segments) {
      expect(segment.start).toBeGreaterThanOrEqual(previousEnd);
      const fromNode = segment.node.data.slice(segment.nodeOffset, segment.nodeOffset + segment.end - segment.start);
      expect(fromNode.replace(/\s/g, ' ')).toBe(whole.text.slice(segment.start, segment.end));
      previousEnd = segment.end;
    }
    const [start, end] = firstMatch(whole.text, 'Legal notes');
    expect(rangeFor(whole, start, end, doc)?.toString()).toBe('Legal notes');
  });

  it('returns the base when nothing was left out or the left-out subtrees hold no text', () => {
    const doc = loadPage('<p>Kadhimi</p><nav><img alt=""></nav>');
    const base = collectText(doc.body, { checkStyles: false });
    expect(insertTexts(base, [])).toBe(base);
    expect(insertTexts(base, [{ at: 7, text: collectText(doc.querySelector('nav') as Element) }])).toBe(base);
  });
});
