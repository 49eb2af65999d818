/**
 * The popover card in both browsers: hover with intent, leaving, click, the keyboard path (next-mark) with Esc and
 * focus return, related-entity navigation and back, the accessible name, the open shadow root, "Read in source"
 * and the reader's anchors, and a page whose CSS tries to restyle, clip or cover the card. Saves the screenshots
 * in docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachBrowser, type TestPage } from './harness';
import { tabIdOf } from './extension-page';
import { markBox, readCard, waitCardOf } from './hostile-kit';

const SCREENSHOTS = 'docs/screenshots';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The extension API as an extension page sees it. */
interface ExtApi {
  tabs: {
    query(query: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options?: object): Promise<unknown>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** `extension.getViews`, to find the reader tab from another extension page. */
interface ExtViews {
  extension: { getViews(filter: { type: 'tab' }): Window[] };
}

/** Waits for the mark whose text is `text`, scrolls it to the middle of the viewport and returns its box. */
async function waitMark(page: TestPage, text: string) {
  await page.waitFor(markBox, text, { timeout: 10_000 });
  await page.evaluate((wanted) => {
    let found: Range | null = null;
    CSS.highlights.forEach((highlight, name) => {
      if (!name.startsWith('backstory-')) return;
      for (const range of highlight as unknown as Iterable<Range>)
        if (!found && range.toString() === wanted) found = range;
    });
    const rect = (found as Range | null)?.getBoundingClientRect();
    if (rect && (rect.top < 0 || rect.bottom > innerHeight)) scrollBy(0, rect.top - innerHeight / 3);
  }, text);
  await sleep(100);
  return page.waitFor(markBox, text, { timeout: 10_000 });
}

// ── Input, the same in both browsers ─────────────────────────────────────────────────────────────────────────
async function move(page: TestPage, x: number, y: number, steps = 4) {
  if (page.raw.kind === 'playwright') await page.raw.page.mouse.move(x, y, { steps });
  else await page.raw.page.mouse.move(x, y, { steps });
}
async function click(page: TestPage, x: number, y: number) {
  if (page.raw.kind === 'playwright') await page.raw.page.mouse.click(x, y);
  else await page.raw.page.mouse.click(x, y);
}
async function press(page: TestPage, key: 'Escape' | 'Tab') {
  if (page.raw.kind === 'playwright') await page.raw.page.keyboard.press(key);
  else await page.raw.page.keyboard.press(key);
}
async function front(page: TestPage) {
  if (page.raw.kind === 'playwright') await page.raw.page.bringToFront();
  else await page.raw.page.bringToFront();
}
async function shot(page: TestPage, path: string, clip?: { x: number; y: number; width: number; height: number }) {
  if (page.raw.kind === 'playwright') return page.raw.page.screenshot({ path, clip });
  return page.raw.page.screenshot({ path, clip });
}
/** The value, or a thrown error naming what was missing (tests read better than non-null assertions). */
function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

const center = (box: { x: number; y: number; width: number; height: number }) => ({
  x: box.x + box.width / 2,
  y: box.y + box.height / 2,
});

/** In an extension page: what a keyboard shortcut does (the background's `run-action`, as commands call it). */
function runAction(arg: { action: string; tabId: number }): Promise<unknown> {
  const g = globalThis as unknown as { browser?: ExtApi; chrome?: ExtApi };
  const api = (g.browser ?? g.chrome) as ExtApi;
  return api.runtime.sendMessage({ type: 'run-action', action: arg.action, tabId: arg.tabId });
}

describeEachBrowser('card', (env) => {
  it('opens on hover after the intent delay, stays while the pointer travels into it, closes on leaving', async () => {
    const page = await env.openPage('iraq-talks.html');
    await front(page);
    const biden = center(await waitMark(page, 'Biden'));
    await move(page, 5, 5, 1);
    await move(page, biden.x, biden.y);
    await sleep(120);
    expect((await page.evaluate(readCard, undefined)).open).toBe(false);
    const state = await waitCardOf(page, (s) => s.open, 'hover never opened the card');
    expect(state.target).toBe('joe-biden');
    expect(state.name).toBe('Joe Biden');
    // Into the card: it stays open.
    const rect = need(state.rect, 'card box');
    await move(page, rect.x + rect.width / 2, rect.y + rect.height / 2, 8);
    await sleep(700);
    expect((await page.evaluate(readCard, undefined)).open).toBe(true);
    // Away to an empty margin: it closes.
    await move(page, 1200, 780, 4);
    await waitCardOf(page, (s) => !s.open, 'the card stayed after the pointer left');
  });

  it('never opens for a mark the pointer left before the delay (stale hover)', async () => {
    const page = await env.openPage('iraq-talks.html');
    await front(page);
    const biden = center(await waitMark(page, 'Biden'));
    await move(page, biden.x, biden.y);
    await sleep(80);
    await move(page, 1200, 780, 1);
    await sleep(700);
    expect((await page.evaluate(readCard, undefined)).open).toBe(false);
  });

  it('opens on click, pinned, with focus inside; related entities switch the card and back returns', async () => {
    const page = await env.openPage('iraq-talks.html');
    await front(page);
    const kadhimi = center(await waitMark(page, 'Kadhimi'));
    await click(page, kadhimi.x, kadhimi.y);
    const state = await waitCardOf(page, (s) => s.open, 'click never opened the card', 1_000);
    expect(state.target).toBe('mustafa-al-kadhimi');
    expect(state.focusInside).toBe(true);
    // The host: <backstory-card> with an open shadow root and role="dialog" inside.
    expect(state).toMatchObject({ hosts: 1, mode: 'open', role: 'dialog', name: 'Mustafa al-Kadhimi' });
    if (page.raw.kind === 'playwright') {
      // Playwright's own accessible-name computation, through the shadow root.
      expect(await page.raw.page.getByRole('dialog', { name: 'Mustafa al-Kadhimi' }).count()).toBe(1);
    }
    const related = await page.evaluate(() => {
      const shadow = document.querySelector('backstory-card')?.shadowRoot;
      const button = shadow?.querySelector<HTMLButtonElement>('.bs-related .bs-entity');
      const id = button?.dataset.entity ?? null;
      button?.click();
      return id;
    }, undefined);
    expect(related).toBeTruthy();
    const switched = await waitCardOf(page, (s) => s.target === related, 'the related entity never showed');
    expect(switched.name).not.toBe('Mustafa al-Kadhimi');
    await page.evaluate(() => {
      document.querySelector('backstory-card')?.shadowRoot?.querySelector<HTMLButtonElement>('.bs-back')?.click();
    }, undefined);
    await waitCardOf(page, (s) => s.target === 'mustafa-al-kadhimi', 'back never returned');
    // Pinned: moving away does not close it; a click elsewhere does.
    await move(page, 1200, 780, 2);
    await sleep(600);
    expect((await page.evaluate(readCard, undefined)).open).toBe(true);
    await click(page, 1200, 780);
    await waitCardOf(page, (s) => !s.open, 'a click elsewhere did not close the card');
  });

  it('the next-mark shortcut opens the first mark with focus; Esc closes and returns focus', async () => {
    const article = await env.openPage('iraq-talks.html');
    await waitMark(article, 'Biden');
    const options = await env.openExtensionPage('options.html');
    const tabId = await options.waitFor(tabIdOf, await article.url());
    await front(article);
    await article.evaluate(() => {
      const link = document.querySelector<HTMLAnchorElement>('nav.sections a');
      if (link) link.id = 'focus-before';
      link?.focus();
    }, undefined);
    await options.evaluate(runAction, { action: 'next-mark', tabId });
    const first = await article.evaluate(() => document.activeElement?.id ?? null, undefined);
    const state = await waitCardOf(article, (s) => s.open && s.focusInside, 'next-mark never opened the card');
    expect(first === 'focus-before' || state.focusInside).toBe(true);
    const target = state.target;
    expect(target).toBeTruthy();
    // Tab stays inside the card.
    await press(article, 'Tab');
    await press(article, 'Tab');
    expect((await article.evaluate(readCard, undefined)).focusInside).toBe(true);
    await options.evaluate(runAction, { action: 'next-mark', tabId });
    await waitCardOf(article, (s) => s.open && s.target !== target, 'the second next-mark did not move on');
    await options.evaluate(runAction, { action: 'previous-mark', tabId });
    await waitCardOf(article, (s) => s.open && s.target === target, 'previous-mark did not go back');
    await front(article);
    await press(article, 'Escape');
    const closed = await waitCardOf(article, (s) => !s.open, 'Esc did not close the card');
    expect(closed.activeId).toBe('focus-before');
  });

  it('"Read in source" opens the reader at that quote, in view and emphasised', async () => {
    const page = await env.openPage('iraq-talks.html');
    await front(page);
    const quoteText = await page.waitFor(() => {
      let text: string | null = null;
      CSS.highlights.get('backstory-quote')?.forEach((range) => {
        text ??= (range as Range).toString();
      });
      return text;
    }, undefined);
    const box = center(await waitMark(page, quoteText));
    await click(page, box.x, box.y);
    const state = await waitCardOf(page, (s) => s.open && s.target?.startsWith('q-') === true, 'no quote card');
    if (env.browserName === 'chromium') {
      await sleep(300); // the opening transition
      await shot(page, `${SCREENSHOTS}/quote-card-light.png`, clipAround(need(state.rect, 'card box')));
    }
    // An extension page watches for the reader tab the background opens (extension.getViews lists our tabs).
    const watcher = await env.openExtensionPage('options.html');
    await front(page);
    // A page script's click() is ignored (SECURITY.md); a person's click is a real mouse click on the button.
    await page.evaluate(() => {
      document.querySelector('backstory-card')?.shadowRoot?.querySelector<HTMLButtonElement>('.bs-read')?.click();
    }, undefined);
    await sleep(300);
    const readBox = await page.evaluate(() => {
      const button = document.querySelector('backstory-card')?.shadowRoot?.querySelector<HTMLButtonElement>('.bs-read');
      button?.scrollIntoView({ block: 'nearest' });
      const rect = button?.getBoundingClientRect();
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    }, undefined);
    const noTabYet = await watcher.evaluate(() => {
      const g = globalThis as unknown as { browser?: ExtViews; chrome?: ExtViews };
      return ((g.browser ?? g.chrome)?.extension.getViews({ type: 'tab' }) ?? []).filter((view) =>
        view.location.href.includes('reader.html'),
      ).length;
    }, undefined);
    expect(noTabYet, "a page script's click opened the reader").toBe(0);
    const target = need(readBox, 'Read in source button');
    await click(page, target.x, target.y);
    const origin = need(env.browser.extensionOrigin, 'extension origin');
    const expected = `${origin}reader.html#${state.target}`;
    const url = await watcher.waitFor(
      (wanted) => {
        const g = globalThis as unknown as { browser?: ExtViews; chrome?: ExtViews };
        const views = (g.browser ?? g.chrome)?.extension.getViews({ type: 'tab' }) ?? [];
        return views.map((view) => view.location.href).find((href) => href === wanted) ?? null;
      },
      expected,
      { timeout: 10_000 },
    );
    expect(url).toBe(expected);
  });

  it('the reader opens at #q-… with that quote scrolled into view and emphasised, with highlights and cards', async () => {
    const reader = await env.openExtensionPage('reader.html#q-12');
    const state = await reader.waitFor(
      (id) => {
        const element = document.getElementById(id);
        const rect = element?.getBoundingClientRect();
        return element?.classList.contains('rd-target') && rect && rect.top >= 0 && rect.bottom <= innerHeight
          ? { scrolled: scrollY }
          : null;
      },
      'q-12',
      { timeout: 10_000 },
    );
    expect(state.scrolled).toBeGreaterThan(0);
    // The reader's highlighter runs its pass in the page's first idle period.
    const inReader = await reader.waitFor((id) => {
      const element = document.getElementById(id);
      let marks = 0;
      CSS.highlights.forEach((highlight, name) => {
        if (name.startsWith('backstory-')) marks += highlight.size;
      });
      return marks > 0 ? { marks, emphasised: !!element?.classList.contains('rd-target') } : null;
    }, 'q-12');
    expect(inReader.marks).toBeGreaterThan(10);
    expect(inReader.emphasised).toBe(true);
    // A sentence anchor too.
    await reader.evaluate(() => {
      location.hash = 's-3';
    }, undefined);
    await reader.waitFor((id) => document.getElementById(id)?.classList.contains('rd-target'), 's-3');
    // Cards work in the reader: the side list opens the first mention's card.
    await reader.evaluate(() => {
      document.querySelector<HTMLButtonElement>('.rd-item[data-target="nasr-al-shammari"]')?.click();
    }, undefined);
    const card = await waitCardOf(reader, (s) => s.open, 'no card in the reader');
    expect(card.name).toBe('Nasr al-Shammari');
  });

  it('hostile page CSS changes neither the card nor its placement; the top layer beats overlays and clipping', async () => {
    const results: { size: [number, number]; gap: [number, number]; fontSize: string | null; png: Uint8Array }[] = [];
    for (const fixture of ['card-plain.html', 'card-hostile-css.html']) {
      const page = await env.openPage(fixture);
      await front(page);
      const mark = await waitMark(page, 'Joe Biden');
      const c = center(mark);
      await click(page, c.x, c.y);
      const state = await waitCardOf(page, (s) => s.open && s.target === 'joe-biden', `no card on ${fixture}`);
      await sleep(300); // the opening transition
      const settled = await page.evaluate(readCard, undefined);
      const r = need(settled.rect, 'card box');
      expect(settled.topmost).toBe(true);
      // The card without its arrow row and rounded corners (where the page behind shows through).
      const png = await shot(page, `/tmp/backstory-${env.browserName}-${fixture}.png`, {
        x: Math.round(r.x) + 12,
        y: Math.round(r.y) + 12,
        width: Math.round(r.width) - 24,
        height: Math.round(r.height) - 24,
      });
      results.push({
        size: [Math.round(r.width), Math.round(r.height)],
        gap: [Math.round(r.x + r.width / 2 - c.x), Math.round(r.y - (mark.y + mark.height))],
        fontSize: state.fontSize,
        png,
      });
    }
    const plain = need(results[0], 'plain result');
    const hostile = need(results[1], 'hostile result');
    expect(hostile.fontSize).toBe('14px');
    expect(hostile.size).toEqual(plain.size);
    expect(hostile.gap).toEqual(plain.gap);
    const page = await env.openPage('card-plain.html');
    const diff = await page.evaluate(pixelDiff, [
      Buffer.from(plain.png).toString('base64'),
      Buffer.from(hostile.png).toString('base64'),
    ]);
    // Identical but for antialiasing noise (a couple of pixels of the title's first glyph in Chromium).
    expect(diff.sameSize).toBe(true);
    expect(diff.differing).toBeLessThan((plain.size[0] * plain.size[1]) / 1000);
  });

  it('readable at 200% zoom: inside the viewport, no clipped text, scrolls when long; Tab and Esc work', async () => {
    // The zoom proxy: a 640×400 viewport, which is exactly the CSS viewport a 1280×800 window has at 200% zoom.
    // Browser zoom changes only the CSS-px-to-screen ratio; the card is sized in CSS px, so every layout question
    // (does it fit, is text clipped, does it scroll) has the same answer as at real 200% zoom; only rasterisation
    // differs. CSS `zoom: 2` on the page's root would not be honest: it does not shrink the viewport the top layer
    // and Floating UI measure against. Neither harness can zoom a persistent context for real.
    const article = await env.openPage('iraq-talks.html');
    await setViewport(article, ZOOM_200_VIEWPORT);
    expect(await article.evaluate(() => [innerWidth, innerHeight], undefined)).toEqual([640, 400]);
    await front(article);
    const quoteText = await article.waitFor(() => {
      let text: string | null = null;
      CSS.highlights.get('backstory-quote')?.forEach((range) => {
        text ??= (range as Range).toString();
      });
      return text;
    }, undefined);
    // A person card with quotes and related entities (long), a short one, and a quote card.
    for (const [markText, target] of [
      ['Kadhimi', 'mustafa-al-kadhimi'],
      ['Biden', 'joe-biden'],
      [quoteText, 'q-'],
    ] as const) {
      const mark = center(await waitMark(article, markText));
      await click(article, mark.x, mark.y);
      await waitCardOf(article, (s) => s.open && s.target?.startsWith(target) === true, `no card for ${markText}`);
      await sleep(300); // the opening transition
      const layout = await article.evaluate(cardLayout, undefined);
      expect(layout.problems, `${markText}: ${JSON.stringify(layout)}`).toEqual([]);
      expect(layout.fontSize).toBe('14px');
      if (target === 'mustafa-al-kadhimi') expect(layout.scrolls).toBe(true);
      await press(article, 'Escape');
      await waitCardOf(article, (s) => !s.open, `Esc did not close the card of ${markText}`);
    }
    // The keyboard path at 200%: next-mark opens a card with focus, Tab reaches every control and each one is
    // visible when focused, Esc closes and returns focus.
    const options = await env.openExtensionPage('options.html');
    const tabId = await options.waitFor(tabIdOf, await article.url());
    await front(article);
    await article.evaluate(() => {
      const link = document.querySelector<HTMLAnchorElement>('nav.sections a');
      if (link) link.id = 'focus-before';
      link?.focus();
    }, undefined);
    await options.evaluate(runAction, { action: 'next-mark', tabId });
    const opened = await waitCardOf(article, (s) => s.open && s.focusInside, 'next-mark never opened the card');
    // next-mark scrolls the page smoothly to the mark; the card follows it. Tab once both are still.
    let last = '';
    for (let i = 0; i < 30; i++) {
      await sleep(150);
      const now = await article.evaluate(
        () =>
          JSON.stringify([
            scrollY,
            document.querySelector('backstory-card')?.shadowRoot?.querySelector('.bs-card')?.getBoundingClientRect(),
          ]),
        undefined,
      );
      if (now === last) break;
      last = now;
    }
    expect((await article.evaluate(cardLayout, undefined)).problems).toEqual([]);
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await press(article, 'Tab');
      // The browser scrolls a focused control into view, possibly a frame later: poll briefly.
      let focused = await article.evaluate(focusedInCard, undefined);
      for (let wait = 0; wait < 10 && focused.inside && !focused.visible; wait++) {
        await sleep(100);
        focused = await article.evaluate(focusedInCard, undefined);
      }
      expect(focused.inside, `Tab ${i + 1} left the card`).toBe(true);
      expect(focused.visible, `Tab ${i + 1}: ${JSON.stringify(focused)}`).toBe(true);
      if (focused.label) seen.add(focused.label);
    }
    expect(seen.size).toBeGreaterThan(1);
    await press(article, 'Escape');
    const closed = await waitCardOf(article, (s) => !s.open, 'Esc did not close the card at 200%');
    expect(opened.target).toBeTruthy();
    expect(closed.activeId).toBe('focus-before');
  });

  it('RTL page: the card opens next to the mark, inside the viewport, left-to-right and not mirrored', async () => {
    const cards: { fixture: string; png: Uint8Array; size: [number, number]; layout: CardLayout }[] = [];
    for (const fixture of ['card-plain.html', 'card-rtl.html']) {
      const page = await env.openPage(fixture);
      await front(page);
      const mark = await waitMark(page, 'Mustafa al-Kadhimi');
      const c = center(mark);
      await click(page, c.x, c.y);
      await waitCardOf(page, (s) => s.open && s.target === 'mustafa-al-kadhimi', `no card on ${fixture}`);
      await sleep(300); // the opening transition
      const layout = await page.evaluate(cardLayout, undefined);
      expect(layout.problems, `${fixture}: ${JSON.stringify(layout)}`).toEqual([]);
      const card = layout.card;
      // Next to the mark: below it (or above when flipped) at the offset, overlapping it horizontally, and the
      // arrow's tip inside the mark's span.
      // (Within a px: the card's box is rounded to whole px, the mark's line box is not.)
      const gap = layout.side === 'bottom' ? card.y - (mark.y + mark.height) : mark.y - (card.y + card.height);
      expect(Math.abs(gap - 10)).toBeLessThanOrEqual(1);
      expect(card.x).toBeLessThan(mark.x + mark.width);
      expect(card.x + card.width).toBeGreaterThan(mark.x);
      const tip = need(layout.arrowX, 'arrow');
      expect(tip).toBeGreaterThanOrEqual(mark.x - 1);
      expect(tip).toBeLessThanOrEqual(mark.x + mark.width + 1);
      // Its own text is English, left to right, whatever the page's direction.
      expect(layout.direction).toEqual({ card: 'ltr', title: 'ltr', lang: 'en' });
      // Not mirrored: the title starts at the card's left padding, the close button sits at its right end.
      expect(Math.round(layout.titleStart - card.x)).toBe(17);
      expect(Math.round(card.x + card.width - layout.closeEnd)).toBeLessThanOrEqual(8);
      const png = await shot(page, `/tmp/backstory-${env.browserName}-rtl-${fixture}.png`, {
        x: Math.round(card.x) + 12,
        y: Math.round(card.y) + 12,
        width: Math.round(card.width) - 24,
        height: Math.round(card.height) - 24,
      });
      cards.push({ fixture, png, size: [Math.round(card.width), Math.round(card.height)], layout });
    }
    // The same card on the LTR and the RTL page: the same size and, pixel for pixel, the same look.
    const [ltr, rtl] = [need(cards[0], 'LTR card'), need(cards[1], 'RTL card')];
    expect(rtl.size).toEqual(ltr.size);
    const page = await env.openPage('card-plain.html');
    const diff = await page.evaluate(pixelDiff, [
      Buffer.from(ltr.png).toString('base64'),
      Buffer.from(rtl.png).toString('base64'),
    ]);
    expect(diff.sameSize).toBe(true);
    expect(diff.differing, JSON.stringify(diff.box)).toBeLessThan((ltr.size[0] * ltr.size[1]) / 1000);
  });

  {
    it('screenshots: person card and reader, light and dark', async () => {
      if (env.browserName !== 'chromium') return;
      mkdirSync(SCREENSHOTS, { recursive: true });
      const page = await env.openPage('iraq-talks.html');
      await front(page);
      for (const scheme of ['light', 'dark'] as const) {
        if (page.raw.kind === 'playwright') await page.raw.page.emulateMedia({ colorScheme: scheme });
        const m = center(await waitMark(page, 'Nasr al-Shammari'));
        await click(page, m.x, m.y);
        const state = await waitCardOf(page, (s) => s.open, 'no card');
        await sleep(300);
        await shot(page, `${SCREENSHOTS}/person-card-${scheme}.png`, clipAround(need(state.rect, 'card box')));
        if (scheme === 'dark') {
          const q = await page.waitFor(() => {
            let text: string | null = null;
            CSS.highlights.get('backstory-quote')?.forEach((range) => {
              text ??= (range as Range).toString();
            });
            return text;
          }, undefined);
          await press(page, 'Escape');
          const box = center(await waitMark(page, q));
          await click(page, box.x, box.y);
          const quote = await waitCardOf(page, (s) => s.open && s.target?.startsWith('q-') === true, 'no quote card');
          await sleep(300);
          await shot(page, `${SCREENSHOTS}/quote-card-dark.png`, clipAround(need(quote.rect, 'card box')));
        }
        await press(page, 'Escape');
      }
      const reader = await env.openExtensionPage('reader.html#q-3');
      for (const scheme of ['light', 'dark'] as const) {
        if (reader.raw.kind === 'playwright') await reader.raw.page.emulateMedia({ colorScheme: scheme });
        await reader.waitFor((id) => document.getElementById(id)?.classList.contains('rd-target'), 'q-3');
        await sleep(400);
        // The article's opening and the side list; a clip keeps the PNG small.
        await shot(reader, `${SCREENSHOTS}/reader-${scheme}.png`, { x: 110, y: 0, width: 1060, height: 520 });
      }
    });
  }
});

/** What a 1280×800 window shows at 200% zoom, in CSS px. */
const ZOOM_200_VIEWPORT = { width: 640, height: 400 };

async function setViewport(page: TestPage, size: { width: number; height: number }) {
  if (page.raw.kind === 'playwright') await page.raw.page.setViewportSize(size);
  else await page.raw.page.setViewport(size);
}

interface CardLayout {
  problems: string[];
  card: { x: number; y: number; width: number; height: number };
  side: string | null;
  scrolls: boolean;
  fontSize: string;
  arrowX: number | null;
  direction: { card: string; title: string; lang: string | null };
  titleStart: number;
  closeEnd: number;
}

/**
 * In the page: the open card's geometry and what is wrong with it: outside the viewport, a scroller sticking out
 * of the card, text clipped (a block whose content is wider or taller than its box, or wider than the card), or
 * content taller than the card that cannot be scrolled to.
 */
function cardLayout(): CardLayout {
  const shadow = document.querySelector('backstory-card')?.shadowRoot;
  const dialog = shadow?.querySelector<HTMLElement>('[role="dialog"]');
  const scroller = dialog?.querySelector<HTMLElement>('.bs-scroll');
  if (!dialog || !scroller) throw new Error('no open card');
  const problems: string[] = [];
  const box = (r: DOMRect) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
  const card = dialog.getBoundingClientRect();
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  if (card.left < 0 || card.top < 0 || card.right > vw + 0.5 || card.bottom > vh + 0.5) {
    problems.push(`card ${JSON.stringify(box(card))} outside the ${vw}×${vh} viewport`);
  }
  const port = scroller.getBoundingClientRect();
  if (port.left < card.left - 0.5 || port.right > card.right + 0.5 || port.bottom > card.bottom + 0.5) {
    problems.push(`scroller ${JSON.stringify(box(port))} sticks out of the card ${JSON.stringify(box(card))}`);
  }
  if (scroller.scrollWidth > scroller.clientWidth + 1) {
    problems.push(`horizontal overflow ${scroller.scrollWidth} > ${scroller.clientWidth}`);
  }
  const scrolls = scroller.scrollHeight > scroller.clientHeight + 1;
  if (scrolls && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowY)) {
    problems.push('content taller than the card, which does not scroll');
  }
  const blocks = Array.from(
    scroller.querySelectorAll<HTMLElement>('p, h1, h2, h3, li, blockquote, button, footer, section, cite'),
  );
  for (const block of blocks) {
    if (!block.textContent?.trim() || getComputedStyle(block).display === 'inline') continue;
    const r = block.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue; // hidden (the back button on a first card)
    const name = `${block.tagName.toLowerCase()}.${block.className} "${block.textContent.trim().slice(0, 30)}"`;
    if (block.scrollWidth > block.clientWidth + 1 || block.scrollHeight > block.clientHeight + 1) {
      problems.push(
        `${name} clipped: ${block.scrollWidth}×${block.scrollHeight} in ${block.clientWidth}×${block.clientHeight}`,
      );
    }
    if (r.left < port.left - 0.5 || r.right > port.right + 0.5) problems.push(`${name} wider than the card`);
  }
  // Scrolled to the end, the last block is fully inside the visible part of the scroller.
  const last = blocks.filter((block) => block.textContent?.trim()).pop();
  if (last) {
    scroller.scrollTop = scroller.scrollHeight;
    const r = last.getBoundingClientRect();
    if (r.bottom > port.bottom + 0.5 || r.bottom > vh + 0.5) problems.push('the last block cannot be scrolled to');
    scroller.scrollTop = 0;
  }
  const tip = dialog.querySelector<HTMLElement>('.bs-arrow');
  const tipBox = tip && getComputedStyle(tip).display !== 'none' ? tip.getBoundingClientRect() : null;
  const title = shadow?.getElementById(dialog.getAttribute('aria-labelledby') ?? '');
  const titleText = document.createRange();
  if (title) titleText.selectNodeContents(title);
  return {
    problems,
    card: box(card),
    side: dialog.dataset.side ?? null,
    scrolls,
    fontSize: getComputedStyle(dialog).fontSize,
    arrowX: tipBox ? tipBox.x + tipBox.width / 2 : null,
    direction: {
      card: getComputedStyle(dialog).direction,
      title: title ? getComputedStyle(title).direction : '',
      lang: dialog.closest('[lang]')?.getAttribute('lang') ?? null,
    },
    titleStart: titleText.getBoundingClientRect().left,
    closeEnd: dialog.querySelector('.bs-close')?.getBoundingClientRect().right ?? 0,
  };
}

/** In the page: the element focused inside the card, and whether it is visible (in its scroller and the viewport). */
function focusedInCard() {
  const host = document.querySelector('backstory-card');
  const shadow = host?.shadowRoot;
  const focused = shadow?.activeElement as HTMLElement | null | undefined;
  const scroller = shadow?.querySelector('.bs-scroll');
  const port = scroller?.getBoundingClientRect();
  const r = focused?.getBoundingClientRect();
  const visible =
    !!r &&
    !!port &&
    r.height > 0 &&
    r.top >= port.top - 0.5 &&
    r.bottom <= port.bottom + 0.5 &&
    r.top >= 0 &&
    r.bottom <= innerHeight;
  return {
    inside: document.activeElement === host,
    label: focused ? `${focused.className}:${focused.textContent ?? ''}` : null,
    visible: visible || focused?.getAttribute('role') === 'dialog',
    rect: r ? { top: r.top, bottom: r.bottom } : null,
    port: port ? { top: port.top, bottom: port.bottom } : null,
    scrollTop: scroller ? [scroller.scrollTop, scroller.scrollHeight, scroller.clientHeight] : null,
  };
}

/** In a page: how many pixels of two PNGs (base64) differ by more than a rounding step, and where. */
async function pixelDiff([a, b]: string[]) {
  const load = async (data: string | undefined) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height);
  };
  const [x, y] = [await load(a), await load(b)];
  if (x.width !== y.width || x.height !== y.height) return { sameSize: false, differing: -1, box: null };
  let differing = 0;
  let box: { left: number; top: number; right: number; bottom: number } | null = null;
  for (let i = 0; i < x.data.length; i += 4) {
    let delta = 0;
    for (let c = 0; c < 3; c++) delta = Math.max(delta, Math.abs((x.data[i + c] ?? 0) - (y.data[i + c] ?? 0)));
    if (delta <= 8) continue;
    differing++;
    const px = (i / 4) % x.width;
    const py = Math.floor(i / 4 / x.width);
    box = box
      ? {
          left: Math.min(box.left, px),
          top: Math.min(box.top, py),
          right: Math.max(box.right, px),
          bottom: Math.max(box.bottom, py),
        }
      : { left: px, top: py, right: px, bottom: py };
  }
  return { sameSize: true, differing, box };
}

/** The card plus a margin (and the mark above it), clamped to the viewport. */
function clipAround(rect: { x: number; y: number; width: number; height: number }) {
  const x = Math.max(0, Math.round(rect.x) - 40);
  const y = Math.max(0, Math.round(rect.y) - 60);
  return {
    x,
    y,
    width: Math.min(1280 - x, Math.round(rect.width) + 80),
    height: Math.min(800 - y, Math.round(rect.height) + 90),
  };
}
