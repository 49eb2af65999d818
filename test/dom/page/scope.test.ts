// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findArticleScope, textSize } from '../../../src/page/scope';
import { byId, loadPage } from './helpers';

/** A paragraph of `words` words, so candidates differ in size by construction. */
function prose(words: number, word = 'text'): string {
  return `<p>${Array.from({ length: words }, () => word).join(' ')}</p>`;
}

const NAV = `<nav>${prose(20, 'menu')}</nav>`;
const FOOTER = `<footer>${prose(20, 'footer')}</footer>`;

describe('findArticleScope', () => {
  it.each([
    ['article', `${NAV}<article id="scope">${prose(200)}</article>${FOOTER}`],
    ['main', `${NAV}<main id="scope">${prose(200)}</main>${FOOTER}`],
    ['[itemprop=articleBody]', `${NAV}<div itemprop="articleBody" id="scope">${prose(200)}</div>${FOOTER}`],
    ['[itemprop] with several values', `${NAV}<div itemprop="text articleBody" id="scope">${prose(200)}</div>`],
    ['[role=main]', `${NAV}<div role="main" id="scope">${prose(200)}</div>${FOOTER}`],
    [
      'the article nested in main with related links',
      `<main>${prose(40, 'related')}<article id="scope">${prose(200)}</article></main>${FOOTER}`,
    ],
    [
      'the articleBody nested in the article',
      `<article><h1>Headline</h1><div itemprop="articleBody" id="scope">${prose(200)}</div></article>`,
    ],
    [
      'the story among short comment articles',
      `<article id="scope">${prose(300)}<section>${`<article>${prose(30, 'comment')}</article>`.repeat(8)}</section></article>`,
    ],
    [
      'the story beside short comment articles',
      `<div><article id="scope">${prose(300)}</article>${`<article>${prose(30, 'comment')}</article>`.repeat(8)}</div>`,
    ],
    [
      'main, not one of the many posts of a live blog',
      `${NAV}<main id="scope">${`<article>${prose(60, 'post')}</article>`.repeat(10)}</main>${FOOTER}`,
    ],
    [
      'the common container of two equal posts, not one of them (each holds half of it)',
      `${NAV}<div id="scope"><article>${prose(60, 'post')}</article><article>${prose(60, 'post')}</article></div>`,
    ],
    [
      'the common container of similar posts when there is no main',
      `${NAV}<div id="scope">${`<article>${prose(60, 'post')}</article>`.repeat(10)}</div>${FOOTER}`,
    ],
  ])('picks %s', (_, html) => {
    const doc = loadPage(html);
    expect(findArticleScope(doc)).toBe(byId(doc, 'scope'));
  });

  it('picks the body when there is no candidate', () => {
    const doc = loadPage(`${NAV}<div>${prose(200)}</div>${FOOTER}`);
    expect(findArticleScope(doc)).toBe(doc.body);
  });

  it('picks the body when the only article is a small widget on a large page', () => {
    const doc = loadPage(`<div>${prose(500)}</div><aside><article>${prose(10, 'weather')}</article></aside>`);
    expect(findArticleScope(doc)).toBe(doc.body);
  });

  it('picks the body for the whole-page setting', () => {
    const doc = loadPage(`<article>${prose(200)}</article>`);
    expect(findArticleScope(doc, { wholePage: true })).toBe(doc.body);
  });

  it('ignores candidates inside skipped subtrees', () => {
    const doc = loadPage(
      `<div aria-hidden="true"><article>${prose(500, 'hidden')}</article></div>` +
        `<backstory-card><article>${prose(500, 'card')}</article></backstory-card>` +
        `<article id="scope">${prose(100)}</article>`,
    );
    expect(findArticleScope(doc)).toBe(byId(doc, 'scope'));
  });

  it('does not count script text when sizing a candidate', () => {
    const doc = loadPage(
      `<main><script type="application/json">${'x'.repeat(5_000)}</script>${prose(10, 'shell')}</main>` +
        `<article id="scope">${prose(100)}</article>`,
    );
    expect(textSize(doc.querySelector('main') as Element)).toBeLessThan(100);
    expect(findArticleScope(doc)).toBe(byId(doc, 'scope'));
  });
});

describe('textSize', () => {
  it('counts text once and leaves out script, hidden and nested hidden text', () => {
    const doc = loadPage(
      '<div id="box">abc<script>xxxx</script><div hidden>yy<span aria-hidden="true">zz</span></div>def</div>',
    );
    expect(textSize(byId(doc, 'box'))).toBe(6);
  });
});
