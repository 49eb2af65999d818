// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNKS_PER_BLOCK, collectText } from '../../../src/page/collect';
import { rangeFor, segmentIndexAt, type PageText } from '../../../src/page/page-text';
import { byId, collapse, firstChild, firstMatch, lines, loadPage, occurrences, rangeText } from './helpers';

describe('collectText: joining inline elements', () => {
  it.each([
    ['<a>', '<p>Prime minister <a href="#">Mustafa</a> al-Kadhimi said.</p>'],
    ['<em>', '<p>Prime minister Mustafa <em>al-</em>Kadhimi said.</p>'],
    ['<span>', '<p>Prime minister <span>Mus</span><span>tafa al-Kad</span>himi said.</p>'],
    ['nested inlines', '<p>Prime minister <b><i>Mustafa</i> <abbr>al</abbr></b>-<strong>Kadhimi</strong> said.</p>'],
  ])('joins a name split by %s, and its Range covers exactly the name', (_, html) => {
    const doc = loadPage(html);
    const pageText = collectText(doc.body);
    expect(pageText.text).toBe('Prime minister Mustafa al-Kadhimi said.');
    const [start, end] = firstMatch(pageText.text, 'Mustafa al-Kadhimi');
    expect(rangeText(pageText, start, end, doc)).toBe('Mustafa al-Kadhimi');
  });
});

describe('collectText: block boundaries', () => {
  it.each([
    ['<p>', '<p>Mustafa</p><p>al-Kadhimi</p>'],
    ['<li>', '<ul><li>Mustafa</li><li>al-Kadhimi</li></ul>'],
    ['<div>', '<div>Mustafa<div>al-Kadhimi</div></div>'],
    ['<br>', '<p>Mustafa<br>al-Kadhimi</p>'],
    ['<td>', '<table><tr><td>Mustafa</td><td>al-Kadhimi</td></tr></table>'],
    ['<h2>', '<h2>Mustafa</h2>al-Kadhimi'],
    ['a block inside an inline', '<a href="#">Mustafa<div>al-Kadhimi</div></a>'],
  ])('never joins across %s', (_, html) => {
    const pageText = collectText(loadPage(html).body);
    expect(lines(pageText)).toEqual(['Mustafa', 'al-Kadhimi']);
  });

  it('emits one \\n for several boundaries in a row and none at the edges', () => {
    const pageText = collectText(loadPage('<div><div><p>  One </p></div></div>\n<br><br>\n<div><p>Two</p></div>').body);
    expect(pageText.text).toBe('One\nTwo');
  });

  it('breaks at custom elements that the page styles as blocks', () => {
    const doc = loadPage(
      '<x-para>Mustafa</x-para><x-para>al-Kadhimi</x-para>',
      '<style>x-para { display: block }</style>',
    );
    expect(lines(collectText(doc.body))).toEqual(['Mustafa', 'al-Kadhimi']);
  });

  it('joins unstyled custom elements, which render inline', () => {
    expect(collectText(loadPage('<p><x-name>Mustafa</x-name> <x-name>al-Kadhimi</x-name></p>').body).text).toBe(
      'Mustafa al-Kadhimi',
    );
  });

  it('uses computed display when asked', () => {
    const doc = loadPage('<p><span style="display:block">Mustafa</span><span>al-Kadhimi</span></p>');
    expect(collectText(doc.body).text).toBe('Mustafaal-Kadhimi');
    expect(lines(collectText(doc.body, { display: 'computed' }))).toEqual(['Mustafa', 'al-Kadhimi']);
  });
});

describe('collectText: skipped content', () => {
  it.each([
    ['script', '<script type="application/json">{"name": "SECRET"}</script>'],
    ['style', '<style>.SECRET { color: red }</style>'],
    ['noscript', '<noscript>SECRET</noscript>'],
    ['template', '<template><p>SECRET</p></template>'],
    ['svg', '<svg><text>SECRET</text></svg>'],
    ['math', '<math><mi>SECRET</mi></math>'],
    ['input', '<input value="SECRET">'],
    ['textarea', '<textarea>SECRET</textarea>'],
    ['select', '<select><option>SECRET</option></select>'],
    ['button', '<button>SECRET</button>'],
    ['contenteditable', '<div contenteditable="true"><p>SECRET</p></div>'],
    ['contenteditable (empty value)', '<div contenteditable><p>SECRET</p></div>'],
    ['contenteditable plaintext-only', '<div contenteditable="plaintext-only">SECRET</div>'],
    ['code', '<p>Run <code>SECRET</code> now.</p>'],
    ['pre', '<pre>SECRET</pre>'],
    ['kbd', '<kbd>SECRET</kbd>'],
    ['samp', '<samp>SECRET</samp>'],
    ['aria-hidden', '<div aria-hidden="true"><span>SECRET</span></div>'],
    ['hidden attribute', '<div hidden>SECRET</div>'],
    ['inline display:none', '<span style="display: none">SECRET</span>'],
    ['visibility:hidden', '<span style="visibility: hidden">SECRET</span>'],
    ['closed dialog', '<dialog><p>SECRET</p></dialog>'],
    ['closed details body', '<details><summary>Visible</summary>SECRET<p>SECRET</p></details>'],
    ['backstory-card', '<backstory-card><p>SECRET</p></backstory-card>'],
    ['data-backstory-ui', '<div data-backstory-ui><p>SECRET</p></div>'],
  ])('skips %s', (_, html) => {
    const doc = loadPage(`<p>Before</p>${html}<p>After</p>`);
    const { text } = collectText(doc.body);
    expect(text).not.toContain('SECRET');
    expect(text).toMatch(/^Before\n/);
    expect(text).toMatch(/\nAfter$/);
  });

  it('skips display:none set by a stylesheet', () => {
    const doc = loadPage(
      '<p>Before</p><p class="gone">SECRET</p><p>After</p>',
      '<style>.gone { display: none }</style>',
    );
    expect(collectText(doc.body).text).toBe('Before\nAfter');
  });

  it('keeps visible children of a visibility:hidden element', () => {
    const doc = loadPage('<p style="visibility: hidden">SECRET <span style="visibility: visible">Shown</span></p>');
    expect(collectText(doc.body).text).toBe('Shown');
  });

  it('keeps contenteditable="false" content, the open details body and an open dialog', () => {
    const doc = loadPage(
      '<p contenteditable="false">One</p><details open><summary>Two</summary>Three</details><dialog open>Four</dialog>',
    );
    expect(lines(collectText(doc.body))).toEqual(['One', 'Two', 'Three', 'Four']);
  });

  it('does not read styles when checkStyles is false', () => {
    const doc = loadPage('<p>Before</p><p style="display:none">Styled away</p><p hidden>SECRET</p>');
    expect(lines(collectText(doc.body, { checkStyles: false }))).toEqual(['Before', 'Styled away']);
  });
});

describe('collectText: whitespace', () => {
  it('collapses runs like rendering, trims lines, and keeps NBSP', () => {
    const doc = loadPage('<p>\n   Mustafa  \t\n al-Kadhimi\u00a0Jr   </p>\n\n<p>  \n </p><p> next </p>');
    expect(collectText(doc.body).text).toBe('Mustafa al-Kadhimi\u00a0Jr\nnext');
  });

  it('collapses whitespace across element boundaries into one space', () => {
    const doc = loadPage('<p><span>Mustafa </span> <em> al-Kadhimi</em></p>');
    const pageText = collectText(doc.body);
    expect(pageText.text).toBe('Mustafa al-Kadhimi');
    expect(collapse(rangeText(pageText, 0, pageText.text.length, doc))).toBe('Mustafa al-Kadhimi');
  });

  it('maps every span within a line to a Range with exactly those characters', () => {
    const doc = loadPage(
      '<p>  The   <a href="#">Popular\n   Mobilization</a>\tForces <em>(Hashd </em><b>al-Sha\'abi</b>)  said</p>' +
        '<p>Daesh,\n\n also <span>known as</span>  ISIS.</p>',
    );
    const pageText = collectText(doc.body);
    const { text } = pageText;
    expect(text).toBe("The Popular Mobilization Forces (Hashd al-Sha'abi) said\nDaesh, also known as ISIS.");
    let checked = 0;
    for (let start = 0; start < text.length; start++) {
      for (let end = start + 1; end <= text.length; end++) {
        const slice = text.slice(start, end);
        if (slice.includes('\n') || /^\s|\s$/.test(slice)) continue;
        // The Range holds the DOM's own whitespace, so compare collapsed; its ends are the match's ends exactly.
        const covered = rangeText(pageText, start, end, doc);
        expect(collapse(covered)).toBe(slice);
        expect(covered.at(0)).toBe(slice.at(0));
        expect(covered.at(-1)).toBe(slice.at(-1));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('gives exact Ranges for names when the source has single spaces', () => {
    const doc = loadPage(
      '<article><p>President <a href="#">Joe Biden</a> met <em>Mustafa</em> al-Kadhimi.</p>' +
        '<p>Later, Biden said al-Kadhimi was welcome.</p></article>',
    );
    const pageText = collectText(doc.body);
    for (const name of ['Joe Biden', 'Mustafa al-Kadhimi', 'Biden', 'al-Kadhimi', 'met Mustafa']) {
      const matches = occurrences(pageText.text, name);
      expect(matches.length).toBeGreaterThan(0);
      for (const [start, end] of matches) expect(rangeFor(pageText, start, end, doc)?.toString()).toBe(name);
    }
  });
});

describe('collectText: subtrees and roots', () => {
  it('collects an added subtree on its own', () => {
    const doc = loadPage('<article id="story"><p>Old text.</p></article>');
    const added = doc.createElement('p');
    added.append('New ', Object.assign(doc.createElement('a'), { textContent: 'Daesh' }), ' post.');
    byId(doc, 'story').append(added);
    const pageText = collectText(added);
    expect(pageText.text).toBe('New Daesh post.');
    const [start, end] = firstMatch(pageText.text, 'Daesh');
    expect(rangeText(pageText, start, end, doc)).toBe('Daesh');
  });

  it('collects a text node on its own', () => {
    const doc = loadPage('<p id="p">Start</p>');
    const node = doc.createTextNode('  Added   words ');
    byId(doc, 'p').append(node);
    const pageText = collectText(node);
    expect(pageText.text).toBe('Added words');
    expect(rangeFor(pageText, 0, 5, doc)?.toString()).toBe('Added');
  });

  it.each([
    ['pre', '<pre><span id="target">x</span></pre>'],
    ['contenteditable', '<div contenteditable><p><span id="target">x</span></p></div>'],
    ['aria-hidden', '<div aria-hidden="true"><p id="target">x</p></div>'],
    ['display:none', '<div style="display:none"><p id="target">x</p></div>'],
    ['the card', '<backstory-card><p id="target">x</p></backstory-card>'],
    ['a skipped root itself', '<code id="target">x</code>'],
  ])('yields nothing for a subtree inside %s', (_, html) => {
    const doc = loadPage(html);
    expect(collectText(byId(doc, 'target')).text).toBe('');
    expect(collectText(firstChild(byId(doc, 'target'))).text).toBe('');
  });

  it("yields nothing inside the card's shadow root (the ancestor check crosses to the host)", () => {
    const doc = loadPage('<backstory-card id="card"></backstory-card>');
    const shadow = byId(doc, 'card').attachShadow({ mode: 'open' });
    const paragraph = doc.createElement('p');
    paragraph.append('Mustafa al-Kadhimi');
    shadow.append(paragraph);
    expect(collectText(paragraph).text).toBe('');
    expect(collectText(shadow).text).toBe('');
  });

  it('walks a skipped ancestor chain when checkAncestors is false', () => {
    const doc = loadPage('<pre><span id="target">kept</span></pre>');
    expect(collectText(byId(doc, 'target'), { checkAncestors: false }).text).toBe('kept');
  });

  it('walks a document from its body', () => {
    const doc = loadPage('<p>Body text</p>', '<title>Title text</title>');
    expect(collectText(doc).text).toBe('Body text');
  });

  it('walks a detached fragment', () => {
    const fragment = document.createRange().createContextualFragment('<p>One <b>two</b></p><p>three</p>');
    expect(collectText(fragment).text).toBe('One two\nthree');
  });

  it('skips iframe fallback content (checked detached: happy-dom would try to load a connected iframe)', () => {
    const fragment = document
      .createRange()
      .createContextualFragment('<p>Before</p><iframe>SECRET</iframe><p>After</p>');
    expect(collectText(fragment).text).toBe('Before\nAfter');
  });
});

describe('collectText: page chrome outside tracked elements', () => {
  it('leaves out the given tags outside tracked elements, keeps them inside, and keeps a tracked one', () => {
    const doc = loadPage(
      '<nav>Menu</nav><header>Site</header>' +
        '<article id="a"><header>Headline</header><p>Story <aside>note</aside> text.</p><footer>Byline</footer></article>' +
        '<aside id="b"><p>Tracked aside</p></aside><aside><p>Untracked aside</p></aside><footer>Legal</footer>',
    );
    const track = new Set([byId(doc, 'a'), byId(doc, 'b')]);
    const spans = new Map<Element, { start: number; end: number }>();
    const skipOutsideTracked = new Set(['nav', 'header', 'footer', 'aside']);
    const pageText = collectText(doc.body, { checkStyles: false, track, spans, skipOutsideTracked });
    expect(lines(pageText)).toEqual(['Headline', 'Story', 'note', 'text.', 'Byline', 'Tracked aside']);
    const a = spans.get(byId(doc, 'a'));
    expect(a && pageText.text.slice(a.start, a.end).trim()).toBe('Headline\nStory\nnote\ntext.\nByline');
    // Untracked, the article's own header, aside and footer are chrome like the others.
    expect(collectText(doc.body, { checkStyles: false, skipOutsideTracked }).text).toBe('Story\ntext.');
    // A left-out block still breaks the line.
    const joined = loadPage('<div>Mustafa al-<aside>Ad</aside>Kadhimi</div>');
    expect(collectText(joined.body, { checkStyles: false, skipOutsideTracked }).text).toBe('Mustafa al-\nKadhimi');
  });
});

describe('collectText: hostile pages', () => {
  const DEPTH = 5_000;

  function deepPage(): { doc: Document; leaf: HTMLElement } {
    const doc = loadPage('');
    let parent: HTMLElement = doc.body;
    for (let depth = 0; depth < DEPTH; depth++) {
      const child = doc.createElement(depth % 2 === 0 ? 'div' : 'span');
      if (depth % 1_000 === 0) child.append(`level ${depth} `);
      parent.append(child);
      parent = child;
    }
    parent.append('Mustafa al-Kadhimi');
    return { doc, leaf: parent };
  }

  // Without style reads: happy-dom computes each element's style by climbing its ancestors (minutes at this depth);
  // the walk with styles on a deep page belongs to the real-browser tests.
  it(`does not throw on a ${DEPTH}-deep DOM`, () => {
    const { doc } = deepPage();
    const pageText = collectText(doc.body, { checkStyles: false });
    expect(pageText.text.endsWith('Mustafa al-Kadhimi')).toBe(true);
    expect(pageText.text.split('\n')).toHaveLength(6);
  });

  it(`re-scans a leaf ${DEPTH} levels deep with the ancestor check`, () => {
    const { leaf } = deepPage();
    expect(collectText(leaf, { checkStyles: false }).text).toBe('Mustafa al-Kadhimi');
  });

  it('keeps every character and its place in an article of many more pieces than the builder joins at once', () => {
    const paragraphs = Math.ceil((3 * CHUNKS_PER_BLOCK) / 8);
    const doc = loadPage(
      Array.from({ length: paragraphs }, (_, i) => `<p>Paragraph ${i} names <em>Mustafa</em>  al-Kadhimi.</p>`).join(
        '',
      ),
    );
    const pageText = collectText(doc.body, { checkStyles: false });
    const expected = Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i} names Mustafa al-Kadhimi.`);
    expect(pageText.text).toBe(expected.join('\n'));
    const ems = Array.from(doc.querySelectorAll('em'));
    const starts = occurrences(pageText.text, 'Mustafa');
    expect(starts).toHaveLength(paragraphs);
    starts.forEach(([start], i) => {
      expect(positionOf(pageText, start)).toEqual({ node: ems[i]?.firstChild, offset: 0 });
    });
    const [last] = starts[starts.length - 1] ?? [-1];
    expect(rangeText(pageText, last, last + 'Mustafa al-Kadhimi'.length, doc)).toBe('Mustafa  al-Kadhimi');
  });

  it('returns null rather than throwing for a Range over text that changed since collection', () => {
    const doc = loadPage('<p id="p">Mustafa al-Kadhimi</p>');
    const pageText = collectText(doc.body);
    (byId(doc, 'p').firstChild as Text).data = 'short';
    expect(rangeFor(pageText, 8, 18, doc)).toBeNull();
  });
});

/** The text node and offset behind character `index` of the page text (never a synthetic one in these tests). */
function positionOf(page: PageText, index: number): { node: Text; offset: number } {
  const segment = page.segments[segmentIndexAt(page.segments, index)];
  if (segment === undefined) throw new Error(`character ${index} has no node`);
  return { node: segment.node, offset: segment.nodeOffset + (index - segment.start) };
}

describe('whitespace collapsing (property)', () => {
  const pieces = fc.array(
    fc.oneof(fc.constantFrom(' ', '  ', '\t', '\n', ' \n\t ', '\r\n', '\f'), fc.stringMatching(/^[A-Za-z’.,-]{1,8}$/)),
    { maxLength: 14 },
  );

  it('shows every run of whitespace as one space, trims lines, and maps each character back to its own', () => {
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 4 }), (nodes) => {
        const doc = loadPage('<p id="p"></p>');
        const p = byId(doc, 'p');
        for (const parts of nodes) p.append(doc.createTextNode(parts.join('')));
        const page = collectText(p, { checkStyles: false });
        const raw = nodes.map((parts) => parts.join('')).join('');
        expect(page.text).toBe(collapse(raw).trim());
        for (let i = 0; i < page.text.length; i++) {
          const position = positionOf(page, i);
          const char = position.node.data[position.offset];
          expect(page.text[i] === ' ' ? /[ \t\n\r\f]/.test(char ?? '') : char === page.text[i]).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
