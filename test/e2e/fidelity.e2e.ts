/**
 * Quote fidelity in both browsers: four pages the team wrote quote a quote of the bundled pack word for word, with
 * one word changed, with an ellipsis, and in part. A click on the quote's mark opens its card, which says how the
 * page quotes it (a text badge, the page's word next to the source's, what the ellipsis stands for, the quoted part
 * marked); the popup's list (`popup.html?tab=<id>`) says the same of the quote. Saves the "words changed" card and
 * popup in docs/screenshots/quote-card-changed.png and popup-quote-changed.png (Chromium). A page that quotes the
 * same quote twice, word for word and then altered: the popup shows the altered state and opens that mark's card.
 */
import { expect, it } from 'vitest';
import { describeEachBrowser } from './harness';
import { tabIdOf } from './extension-page';
import { markBox, clickAt } from './hostile-kit';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the card and the popup should say of each page's quote. */
const CASES = [
  {
    page: 'quote-verbatim.html',
    quote: 'q-1',
    state: 'verbatim',
    badge: 'Verbatim',
    note: 'The whole quote, word for word.',
    card: [] as string[],
    popupLine: null as string | null,
  },
  {
    page: 'quote-changed.html',
    quote: 'q-1',
    state: 'changed',
    badge: 'Words changed',
    note: '1 word differs from the source.',
    card: ['This page “by” · Source “at”'],
    popupLine: '“by” for “at”',
  },
  {
    page: 'quote-elided.html',
    quote: 'q-3',
    state: 'elided',
    badge: 'Elided',
    note: 'An ellipsis stands for 10 words of the source.',
    card: ['“…” stands for “and do not agree to their presence under any circumstances”'],
    popupLine: '… for “and do not agree to their presence under any circumstances”',
  },
  {
    page: 'quote-shortened.html',
    quote: 'q-3',
    state: 'shortened',
    badge: 'Shortened',
    note: 'Part of the quote: words 19–30 of 33.',
    card: [] as string[],
    popupLine: 'Quotes “fiercely oppose the U.S. military presence, and demand a complete pullout”',
  },
];

/** In the page: the text of the first quote mark. */
function quoteMarkText(): string | null {
  let text: string | null = null;
  CSS.highlights.get('backstory-quote')?.forEach((range) => {
    text ??= (range as Range).toString();
  });
  return text;
}

/** In the page: what the open card says of the quote's fidelity, read through the open shadow root. */
function readFidelity() {
  const shadow = document.querySelector('backstory-card')?.shadowRoot;
  const dialog = shadow?.querySelector<HTMLElement>('[role="dialog"]');
  if (!dialog?.matches(':popover-open')) return null;
  const section = dialog.querySelector<HTMLElement>('.bs-fidelity');
  const all = (selector: string) =>
    Array.from(dialog.querySelectorAll(selector), (node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim());
  return {
    target: dialog.dataset.target ?? null,
    state: section?.dataset.fidelity ?? null,
    badge: dialog.querySelector('.bs-badge')?.textContent ?? null,
    note: dialog.querySelector('.bs-fidelity-note')?.textContent ?? null,
    details: [...all('.bs-change'), ...all('.bs-elision')],
    emphasised: dialog.querySelector('mark.bs-matched')?.textContent ?? null,
    quote: dialog.querySelector('.bs-quote')?.textContent ?? null,
  };
}

/** In the popup page: its quote items, once it has rendered its data. */
function readPopupQuotes() {
  if (document.querySelector<HTMLElement>('#bs-popup')?.dataset.ready !== 'true') return null;
  const items = Array.from(document.querySelectorAll<HTMLElement>('.bs-group-quote .bs-item'), (item) => ({
    target: item.dataset.target ?? null,
    state: item.querySelector<HTMLElement>('.bs-item-fidelity')?.dataset.fidelity ?? null,
    badge: item.querySelector('.bs-fidelity-badge')?.textContent ?? null,
    line: item.querySelector('.bs-fidelity-line')?.textContent ?? null,
  }));
  return items.length ? items : null;
}

describeEachBrowser('quote fidelity', (env) => {
  it('a quote marked twice: the popup shows its most telling state, and its item opens that mark’s card', async () => {
    const page = await env.openPage('quote-twice.html');
    await page.waitFor(() => (CSS.highlights.get('backstory-quote')?.size ?? 0) >= 2, undefined, { timeout: 10_000 });
    const finder = await env.openExtensionPage('options.html');
    const tabId = await finder.waitFor(tabIdOf, await page.url());
    const popup = await env.openExtensionPage(`popup.html?tab=${tabId}`);
    const items = await popup.waitFor(readPopupQuotes, undefined);
    expect(items).toEqual([{ target: 'q-1', state: 'changed', badge: 'Words changed', line: '“by” for “at”' }]);
    expect(
      await popup.evaluate(() => document.querySelector('.bs-group-quote .bs-item-count')?.textContent, undefined),
    ).toBe('2');
    await popup.evaluate(
      () => document.querySelector<HTMLButtonElement>('.bs-group-quote .bs-item')?.click(),
      undefined,
    );
    const card = await page.waitFor(readFidelity, undefined);
    expect(card).toMatchObject({ target: 'q-1', state: 'changed', details: ['This page “by” · Source “at”'] });
  });

  for (const expected of CASES) {
    it(`${expected.page}: the card and the popup say "${expected.badge}"`, async () => {
      const page = await env.openPage(expected.page);
      const text = await page.waitFor(quoteMarkText, undefined, { timeout: 10_000 });
      const box = await page.waitFor(markBox, text);
      await clickAt(page, box);
      const card = await page.waitFor(readFidelity, undefined);
      expect(card).toMatchObject({
        target: expected.quote,
        state: expected.state,
        badge: expected.badge,
        note: expected.note,
        details: expected.card,
      });
      if (expected.state === 'shortened') {
        expect(card.emphasised).toBe('fiercely oppose the U.S. military presence, and demand a complete pullout');
        expect(card.quote?.length).toBeGreaterThan((card.emphasised ?? '').length + 2);
      }
      if (expected.state === 'changed' && env.browserName === 'chromium' && page.raw.kind === 'playwright') {
        await sleep(300); // the opening transition
        const rect = await page.evaluate(
          () =>
            document
              .querySelector('backstory-card')
              ?.shadowRoot?.querySelector('[role="dialog"]')
              ?.getBoundingClientRect()
              .toJSON() as { x: number; y: number; width: number; height: number } | undefined,
          undefined,
        );
        if (rect) {
          const pad = 24;
          await page.raw.page.screenshot({
            path: 'docs/screenshots/quote-card-changed.png',
            clip: {
              x: Math.max(0, rect.x - pad),
              y: Math.max(0, rect.y - pad),
              width: rect.width + 2 * pad,
              height: rect.height + 2 * pad,
            },
          });
        }
      }

      const finder = await env.openExtensionPage('options.html');
      const tabId = await finder.waitFor(tabIdOf, await page.url());
      const popup = await env.openExtensionPage(`popup.html?tab=${tabId}`);
      const items = await popup.waitFor(readPopupQuotes, undefined);
      expect(items).toEqual([
        { target: expected.quote, state: expected.state, badge: expected.badge, line: expected.popupLine },
      ]);
      if (expected.state === 'changed' && popup.raw.kind === 'playwright') {
        await popup.raw.page.setViewportSize({ width: 360, height: 400 });
        await popup.screenshot({ path: 'docs/screenshots/popup-quote-changed.png', fullPage: true });
      }
    });
  }
});
