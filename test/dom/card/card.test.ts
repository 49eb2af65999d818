// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import { createCard, createPlainHost } from '../../../src/card/card';
import { createCardData } from '../../../src/card/model';
import { piecesOf, renderArticle } from '../../../src/pages/reader/article';

const pack = packData as unknown as Pack;

function setup() {
  document.body.replaceChildren();
  const anchor = document.createElement('p');
  anchor.textContent = 'Mustafa al-Kadhimi';
  document.body.append(anchor);
  const read: string[] = [];
  const card = createCard({
    doc: document,
    data: createCardData(pack),
    host: createPlainHost(document, ''),
    openReader: (target) => read.push(target),
    mentionsOf: () => 2,
  });
  return { card, anchor, read };
}

const shadow = () => document.querySelector('backstory-card')?.shadowRoot ?? null;
const dialog = () => shadow()?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
const accessibleName = () => {
  const id = dialog()?.getAttribute('aria-labelledby') ?? '';
  return shadow()?.getElementById(id)?.textContent ?? null;
};

afterEach(() => document.body.replaceChildren());

describe('createCard', () => {
  it('adds nothing to the page until shown, then a <backstory-card> with an open shadow root and a dialog', async () => {
    const { card, anchor } = setup();
    expect(document.querySelector('backstory-card')).toBeNull();
    expect(await card.show('mustafa-al-kadhimi', anchor)).toBe(true);
    const host = document.querySelector('backstory-card');
    expect(host?.shadowRoot?.mode).toBe('open');
    expect(dialog()?.getAttribute('popover')).toBe('manual');
    expect(accessibleName()).toBe('Mustafa al-Kadhimi');
    expect(card.isOpen()).toBe(true);
    expect(shadow()?.querySelector('.bs-mentions')?.textContent).toBe('2 mentions here');
  });

  it("names a quote card after the speaker and opens the speaker's card, with a way back", async () => {
    const { card, anchor } = setup();
    await card.show({ target: 'q-3', text: 'We fiercely oppose the U.S. military presence' }, anchor);
    expect(accessibleName()).toBe('Nasr al-Shammari');
    const back = shadow()?.querySelector<HTMLButtonElement>('.bs-back');
    expect(back?.hidden).toBe(true);
    shadow()?.querySelector<HTMLButtonElement>('.bs-speaker')?.click();
    expect(dialog()?.dataset.target).toBe('nasr-al-shammari');
    expect(back?.hidden).toBe(false);
    // Related entity, then back twice.
    const related = shadow()?.querySelector<HTMLButtonElement>('.bs-related .bs-entity');
    const relatedId = related?.dataset.entity;
    related?.click();
    expect(dialog()?.dataset.target).toBe(relatedId);
    back?.click();
    expect(dialog()?.dataset.target).toBe('nasr-al-shammari');
    back?.click();
    expect(dialog()?.dataset.target).toBe('q-3');
    expect(back?.hidden).toBe(true);
  });

  it('closes on Esc and returns focus to where it was', async () => {
    const { card, anchor } = setup();
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    await card.show('joe-biden', anchor, { focus: true });
    dialog()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(card.isOpen()).toBe(false);
    expect(document.activeElement).toBe(button);
  });

  it('ignores a "Read in source" click made by a page script (the real click is an e2e test)', async () => {
    const { card, anchor, read } = setup();
    await card.show('q-1', anchor);
    const readButton = shadow()?.querySelector<HTMLButtonElement>('.bs-read');
    expect(readButton?.dataset.anchor).toBe('q-1');
    readButton?.click();
    expect(read).toEqual([]);
  });

  it('ignores a show superseded by a hide (stale guard)', async () => {
    const { card, anchor } = setup();
    const late = card.show('joe-biden', anchor);
    card.hide();
    expect(await late).toBe(false);
    expect(card.isOpen()).toBe(false);
  });
});

describe('reader article', () => {
  it('wraps sentences as s-<n> and quotes as q-<n>, text unchanged', () => {
    const article = renderArticle(document, pack);
    document.body.append(article);
    for (const sentence of pack.source.sentences) {
      expect(document.getElementById(`s-${sentence.id.slice(1)}`)).not.toBeNull();
    }
    for (const quote of pack.quotes) {
      const parts = Array.from(document.querySelectorAll(`[data-quote="${quote.id}"]`));
      expect(document.getElementById(quote.id)).toBe(parts[0]);
      // A quote over two sentences loses only the space between them.
      expect(
        parts
          .map((part) => part.textContent)
          .join('')
          .replace(/\s+/g, ''),
      ).toBe(quote.text.replace(/\s+/g, ''));
    }
    const paragraphs = Array.from(article.querySelectorAll('.rd-paragraph')).map((p) => p.textContent);
    expect(paragraphs.join('\n')).toBe(pack.source.text);
  });

  it('cuts a span at quote edges', () => {
    expect(piecesOf(0, 10, [{ id: 'q', start: 3, end: 12 }])).toEqual([
      { start: 0, end: 3, quote: null },
      { start: 3, end: 10, quote: 'q' },
    ]);
  });
});
