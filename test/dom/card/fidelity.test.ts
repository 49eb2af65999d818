// @vitest-environment happy-dom
/**
 * Quote fidelity on the quote card: the state as a text badge, the page's words next to the source's, what an
 * ellipsis stands for, the quoted part of a shortened quote; from real matches of the bundled pack, through the card
 * (`show` with a mark's subject) and through the render function. Page words are text, never markup.
 */
import { afterEach, describe, expect, it } from 'vitest';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import { createCard, createPlainHost } from '../../../src/card/card';
import { subjectOf } from '../../../src/card/controller';
import { createCardData } from '../../../src/card/model';
import { renderFidelity, renderQuoteCard } from '../../../src/card/render';
import { fidelityView } from '../../../src/card/fidelity';
import { createMatcher, type QuoteMatch } from '../../../src/match/index';
import type { PageMark } from '../../../src/page/highlighter';

const pack = packData as unknown as Pack;
const data = createCardData(pack);
const matcher = createMatcher(pack);
const actions = { openEntity: () => undefined, readSource: () => undefined };

function quoteIn(text: string): QuoteMatch {
  const match = matcher.scan(text).find((found): found is QuoteMatch => found.kind === 'quote');
  if (!match) throw new Error(`no quote in ${text}`);
  return match;
}

/** The quote card body of the page text `page` (its one quote match). */
function cardOf(page: string): HTMLElement {
  const match = quoteIn(page);
  const view = data.quoteView(match.id, page.slice(match.start, match.end), match.fidelity);
  if (!view) throw new Error('no view');
  const body = renderQuoteCard(document, view, { titleId: 't', actions });
  document.body.append(body);
  return body;
}

const text = (root: ParentNode, selector: string) => root.querySelector(selector)?.textContent ?? null;
const texts = (root: ParentNode, selector: string) =>
  Array.from(root.querySelectorAll(selector), (node) => node.textContent ?? '');

afterEach(() => document.body.replaceChildren());

describe('quote card fidelity', () => {
  it('words changed: a filled badge, then the page’s word next to the source’s, each labelled', () => {
    const body = cardOf('Biden said: "We\'re not going to be, by the end of the year, in a combat mission."');
    const fidelity = body.querySelector<HTMLElement>('.bs-fidelity');
    expect(fidelity?.dataset.fidelity).toBe('changed');
    expect(text(body, '.bs-badge')).toBe('Words changed');
    expect(body.querySelector<HTMLElement>('.bs-badge')?.dataset.state).toBe('changed');
    expect(text(body, '.bs-fidelity-note')).toBe('1 word differs from the source.');
    expect(texts(body, '.bs-change')).toEqual(['This page “by” · Source “at”']);
    expect(text(body, '.bs-page-word')).toBe('“by”');
    expect(text(body, '.bs-source-word')).toBe('“at”');
    expect(body.querySelector('.bs-elisions')).toBeNull();
    // The whole source quote is what the page quotes.
    expect(text(body, 'mark.bs-matched')).toBe(pack.quotes.find((q) => q.id === 'q-1')?.text ?? '');
  });

  it('elided: which source words the ellipsis stands for', () => {
    const body = cardOf(
      '“We have no confidence whatsoever in Americans ... We fiercely oppose the U.S. military presence,” he said.',
    );
    expect(text(body, '.bs-badge')).toBe('Elided');
    expect(text(body, '.bs-fidelity-note')).toBe('An ellipsis stands for 10 words of the source.');
    expect(texts(body, '.bs-elision')).toEqual([
      '“…” stands for “and do not agree to their presence under any circumstances”',
    ]);
    expect(body.querySelector('.bs-changes')).toBeNull();
  });

  it('shortened: the quoted part of the source quote is marked, with which words it is', () => {
    const body = cardOf('They "fiercely oppose the U.S. military presence, and demand a complete pullout".');
    expect(text(body, '.bs-badge')).toBe('Shortened');
    expect(text(body, '.bs-fidelity-note')).toBe('Part of the quote: words 19–30 of 33.');
    expect(text(body, 'mark.bs-matched')).toBe(
      'fiercely oppose the U.S. military presence, and demand a complete pullout',
    );
    expect(text(body, '.bs-quote')).toBe(`“${pack.quotes.find((q) => q.id === 'q-3')?.text ?? ''}”`);
  });

  it('verbatim: says so, in words', () => {
    const body = cardOf('He said “we’re not going to be, at the end of the year, in a combat mission.”');
    expect(text(body, '.bs-badge')).toBe('Verbatim');
    expect(text(body, '.bs-fidelity-note')).toBe('The whole quote, word for word.');
    expect(body.querySelector('.bs-changes, .bs-elisions')).toBeNull();
  });

  it('without a fidelity (the source reader), no fidelity section', () => {
    const view = data.quoteView('q-1', 'at the end of the year');
    if (!view) throw new Error('no view');
    expect(renderQuoteCard(document, view, { titleId: 't', actions }).querySelector('.bs-fidelity')).toBeNull();
  });

  it('shows the page’s words as text, never as markup', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const node = renderFidelity(
      document,
      fidelityView({
        state: 'changed',
        changed: [{ kind: 'replaced', page: evil, source: '<b>at</b>' }],
        elided: [{ source: '<script>window.__pwned=1</script>', words: 1 }],
        shortened: null,
      }),
    );
    document.body.append(node);
    expect(node.querySelector('img, b, script')).toBeNull();
    expect(text(node, '.bs-page-word')).toBe(`“${evil}”`);
    expect(text(node, '.bs-elision .bs-source-word')).toBe('“<script>window.__pwned=1</script>”');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('the card opened from a mark', () => {
  const shadow = () => document.querySelector('backstory-card')?.shadowRoot ?? null;

  function markOf(page: string): PageMark {
    const match = quoteIn(page);
    return { kind: 'quote', target: match.id, match, text: page.slice(match.start, match.end) } as PageMark;
  }

  it('carries the mark’s fidelity to the card; the reader’s card leaves it out', async () => {
    const anchor = document.createElement('p');
    document.body.append(anchor);
    const mark = markOf('"We\'re not going to be, by the end of the year, in a combat mission."');
    expect(subjectOf(mark)).toMatchObject({
      target: 'q-1',
      fidelity: mark.match.kind === 'quote' && mark.match.fidelity,
    });
    const options = { doc: document, data, host: createPlainHost(document, ''), openReader: () => undefined };
    const card = createCard(options);
    expect(await card.show(subjectOf(mark), anchor)).toBe(true);
    expect(shadow()?.querySelector('.bs-badge')?.textContent).toBe('Words changed');
    expect(shadow()?.querySelector('.bs-page-word')?.textContent).toBe('“by”');
    card.destroy();

    const reader = createCard({ ...options, host: createPlainHost(document, ''), fidelity: false });
    expect(await reader.show(subjectOf(mark), anchor)).toBe(true);
    expect(shadow()?.querySelector('.bs-quote')).not.toBeNull();
    expect(shadow()?.querySelector('.bs-fidelity')).toBeNull();
    reader.destroy();
  });

  it('an entity mark has no fidelity', () => {
    const match = matcher.scan('Mustafa al-Kadhimi met Biden.')[0];
    if (!match) throw new Error('no match');
    expect(subjectOf({ kind: 'person', target: match.id, match, text: 'x' } as PageMark).fidelity).toBeNull();
  });
});
