// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isSkippedElement, isSkippedInWalk, SKIPPED_TAGS } from '../../../src/page/skip';
import { loadPage } from './helpers';

/** One element per rule of `isSkippedElement`, and near misses that must not be skipped. */
const PAGE = `
  ${[...SKIPPED_TAGS]
    .filter((tag) => tag !== 'head')
    .map((tag) => `<div><${tag} data-case="tag ${tag}"></${tag}></div>`)
    .join('')}
  <backstory-card data-case="our card"></backstory-card>
  <div data-backstory-ui data-case="our ui"></div>
  <p hidden data-case="hidden"></p>
  <p aria-hidden="true" data-case="aria-hidden true"></p>
  <p aria-hidden="false" data-case="aria-hidden false"></p>
  <div contenteditable data-case="contenteditable empty"></div>
  <div contenteditable="TRUE" data-case="contenteditable TRUE"></div>
  <div contenteditable="plaintext-only" data-case="contenteditable plaintext-only"></div>
  <div contenteditable="false" data-case="contenteditable false"></div>
  <dialog data-case="closed dialog"><p data-case="in closed dialog"></p></dialog>
  <dialog open data-case="open dialog"></dialog>
  <details data-case="closed details"><summary data-case="summary of closed details"></summary><p data-case="body of closed details"></p></details>
  <details open><summary data-case="summary of open details"></summary><p data-case="body of open details"></p></details>
  <article data-case="article" class="story" id="a1"><p data-case="paragraph"><span data-case="span"></span></p></article>
  <custom-thing data-case="custom element"></custom-thing>
`;

describe('isSkippedInWalk', () => {
  it('answers as isSkippedElement (without styles) on every rule and near miss', () => {
    const doc = loadPage(PAGE);
    const cases = Array.from(doc.querySelectorAll<HTMLElement>('[data-case]'));
    expect(cases.length).toBeGreaterThan(45);
    const closedDetailsParent = (element: Element) =>
      element.parentElement?.localName === 'details' && !element.parentElement.hasAttribute('open');
    const byWalk = cases
      .filter((element) => isSkippedInWalk(element, element.localName, closedDetailsParent(element)))
      .map((element) => element.dataset.case);
    const byFunction = cases.filter((element) => isSkippedElement(element, null)).map((e) => e.dataset.case);
    expect(byWalk).toEqual(byFunction);
    for (const kept of ['aria-hidden false', 'contenteditable false', 'open dialog', 'summary of closed details']) {
      expect(byFunction).not.toContain(kept);
    }
    for (const rejected of ['tag pre', 'our card', 'hidden', 'contenteditable TRUE', 'body of closed details']) {
      expect(byFunction).toContain(rejected);
    }
  });
});
