// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/article';
import { isoDate } from '../../../src/extract/metadata';
import { paragraphsOf, selectionParagraphs } from '../../../src/extract/paragraphs';
import { parseExtractedArticle } from '../../../src/messaging/contract';

const PARAGRAPH =
  'Officials in the northern city said on Tuesday that the council would meet again next week to discuss the ' +
  'budget, the water supply and the repairs to the old bridge that carries most of the traffic into town.';

function articlePage(head: string, extra = ''): string {
  return `<!doctype html><html><head><title>Council to meet on bridge repairs | Example News</title>${head}</head>
  <body>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <article>
      <h1>Council to meet on bridge repairs</h1>
      <p class="byline">By Dana Okafor</p>
      <p>${PARAGRAPH}</p>
      <p>“We cannot wait another winter,” said Mayor Lina Haddad, who has led the council since 2019. ${PARAGRAPH}</p>
      <figure><img src="x.png" alt=""><figcaption>The old bridge, in March.</figcaption></figure>
      <blockquote><p>The bridge is safe for now, but not for long.</p></blockquote>
      <ul><li>${PARAGRAPH}</li></ul>
      <p>${PARAGRAPH} ${PARAGRAPH}</p>
      ${extra}
    </article>
    <footer><p>Copyright Example News. All rights reserved.</p></footer>
  </body></html>`;
}

function load(html: string, url = 'https://www.example-news.test/2024/05/bridge'): Document {
  document.open();
  document.write(html);
  document.close();
  Object.defineProperty(window, 'location', { value: new URL(url), configurable: true });
  return document;
}

describe('extractArticle', () => {
  it('reads title, site, date and the paragraphs of the article, in order, without the page furniture', () => {
    const doc = load(articlePage('<meta property="article:published_time" content="2024-05-14T08:30:00Z">'));
    const before = doc.body.textContent?.length;
    const result = extractArticle(doc, window);
    expect(result.article).not.toBeNull();
    const article = result.article;
    if (!article) return;
    expect(article.title).toContain('Council to meet on bridge repairs');
    expect(article.published).toBe('2024-05-14');
    expect(article.site).toBe('example-news.test');
    // The credit line is not a paragraph of the article.
    expect(article.paragraphs[0]).toBe(PARAGRAPH);
    expect(article.paragraphs.join(' ')).not.toContain('Dana Okafor');
    expect(
      article.paragraphs.some((p) => p.startsWith('“We cannot wait another winter,” said Mayor Lina Haddad')),
    ).toBe(true);
    expect(article.paragraphs).toContain('The bridge is safe for now, but not for long.');
    expect(article.paragraphs.join(' ')).not.toMatch(/Copyright|The old bridge, in March|Sport/);
    // The live page is untouched: Readability ran on a clone.
    expect(doc.body.textContent?.length).toBe(before);
    expect(doc.querySelector('nav')).not.toBeNull();
    // What crosses to the builder page passes the contract's schema.
    expect(parseExtractedArticle(result)).toEqual(result);
  });

  it('finds the date in JSON-LD when the meta tags give none', () => {
    const ld =
      '<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2023-11-02"}]}</script>';
    const doc = load(articlePage(ld));
    expect(extractArticle(doc, window).article?.published).toBe('2023-11-02');
  });

  it('says a page is not an article, and gives the selection as paragraphs', () => {
    const doc = load(
      '<!doctype html><html><head><title>Search</title></head><body><p id="s">Search results</p></body></html>',
    );
    const range = doc.createRange();
    range.selectNodeContents(doc.getElementById('s') ?? doc.body);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    const result = extractArticle(doc, window);
    expect(result.readerable).toBe(false);
    expect(result.selection).toEqual(['Search results']);
  });
});

describe('paragraphsOf and selectionParagraphs', () => {
  it('takes a quotation holding paragraphs paragraph by paragraph, and skips captions and empty blocks', () => {
    const root = document.createElement('div');
    root.append(
      document
        .createRange()
        .createContextualFragment(
          '<p>One.</p><blockquote><p>Two.</p><p>Three.</p></blockquote><figure><figcaption>Cap</figcaption></figure>' +
            '<p>   </p><p>—</p><li>Four   five.</li>',
        ),
    );
    expect(paragraphsOf(root)).toEqual(['One.', 'Two.', 'Three.', 'Four five.']);
  });

  it('splits a selection on line breaks and folds spaces', () => {
    expect(selectionParagraphs('  First  line.\n\n\nSecond\tline. \n')).toEqual(['First line.', 'Second line.']);
  });
});

describe('isoDate', () => {
  it.each([
    ['2021-07-27T10:00:00Z', '2021-07-27'],
    ['2021-07-27', '2021-07-27'],
    ['July 27, 2021', '2021-07-27'],
    ['not a date', ''],
    ['0001-01-01', ''],
    ['', ''],
  ])('%s → %s', (text, iso) => expect(isoDate(text)).toBe(iso));
});
