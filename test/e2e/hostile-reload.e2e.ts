/**
 * The extension is reloaded (as an update does) under a page with marks and an open card, in both browsers. The
 * two browsers do different things, both checked here:
 *
 * - Chromium keeps the old content script running, orphaned (`runtime.id` is gone), and injects nothing new into
 *   open tabs. The content runtime notices within a second (or at the next pointer, key or focus event) and removes
 *   everything: no `backstory-` highlight, no `<backstory-card>`, nothing in the console.
 * - Firefox destroys the old content script's sandbox (none of its code runs again: it cannot clean up) and injects
 *   the new version into the open page, which marks it again. The new instance removes what the old one left: the
 *   old card is gone, every `backstory-` highlight is a new one, one card host at most, and a click opens a working
 *   card. Nothing in the console.
 *
 * Chromium reloads through the service worker (`chrome.runtime.reload()`: the old worker closes); Firefox through an
 * extension page (`browser.runtime.reload()`), since its background page is not reachable over WebDriver BiDi.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachBrowser, withTimeout, type E2EEnv, type TestPage } from './harness';
import {
  click,
  createRecorder,
  front,
  markCentre,
  marksIncluding,
  ourHighlightNames,
  reader,
  sleep,
  waitCard,
  watchConsole,
} from './hostile-kit';

/** How long the page may show what a gone extension left, in ms (the content runtime checks every second). */
const CLEAN_WITHIN_MS = 5_000;

const recorder = createRecorder('hostile-reload');

/** In the page: what the extension has in it now. */
function traces() {
  const names: string[] = [];
  CSS.highlights.forEach((_, name) => {
    if (name.startsWith('backstory-')) names.push(name);
  });
  const hosts = Array.from(document.querySelectorAll('backstory-card'));
  const stash = (window as unknown as { __before?: Map<string, unknown> }).__before;
  return {
    names,
    hosts: hosts.length,
    openCards: hosts.filter((host) => host.shadowRoot?.querySelector('[role="dialog"]')?.matches(':popover-open'))
      .length,
    /** Highlights still the very objects registered before the reload. */
    sameAsBefore: stash ? names.filter((name) => CSS.highlights.get(name) === stash.get(name)) : [],
    /** WXT's "a newer content script started" message, posted by a new instance. */
    newInstance: (window as unknown as { __started?: number }).__started ?? 0,
    scans: performance.getEntriesByType('measure').filter((entry) => entry.name === 'backstory:scan').length,
  };
}

describeEachBrowser('extension reloaded under an open page', (env: E2EEnv) => {
  const pages: TestPage[] = [];
  afterEach(async () => {
    await Promise.all(pages.map((page) => page.close()));
    pages.length = 0;
    recorder.write(env.browserName);
  });

  /** Reloads the extension; resolves once the browser has started the new version. */
  async function reloadExtension(): Promise<void> {
    const raw = env.browser.raw;
    if (raw.kind === 'playwright') {
      const context = raw.context;
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
      // The old worker closing is the sign the reload happened (the new one starts only when an event needs it).
      const closed = new Promise<void>((resolve) => worker.once('close', () => resolve()));
      // The worker is gone before evaluate can answer.
      await worker
        .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload())
        .catch(() => undefined);
      await withTimeout(closed, 10_000, 'the service worker closing after chrome.runtime.reload()');
      return;
    }
    const origin = env.browser.extensionOrigin;
    if (!origin) throw new Error('no extension origin (is the gecko id in the manifest?)');
    const extensionPage = await env.browser.newPage();
    pages.push(extensionPage);
    const url = new URL('options.html', origin).href;
    // Firefox's BiDi never reports `load` for moz-extension:// navigations, so the URL is polled instead.
    if (extensionPage.raw.kind === 'puppeteer') {
      void extensionPage.raw.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 15_000 }).catch(() => undefined);
    }
    await extensionPage.waitFor((wanted) => location.href === wanted && document.readyState !== 'loading', url);
    // Answer first, then reload (the page goes away with the old version).
    await extensionPage.evaluate(() => {
      setTimeout(
        () => (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload(),
        50,
      );
    }, undefined);
  }

  it('leaves no marks, no card and nothing in the console behind (Firefox: only the new version’s)', async () => {
    const page = await env.browser.newPage();
    pages.push(page);
    const watch = watchConsole(page);
    await page.goto(env.fixtureUrl('card-plain.html'));
    await front(page);
    const read = reader(page);
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Joe Biden'], 10_000);
    const kadhimi = await markCentre(read, 'Mustafa al-Kadhimi');
    await click(page, kadhimi.x, kadhimi.y);
    await waitCard(read, (state) => state.open && state.target === 'mustafa-al-kadhimi', 'no card before the reload');
    await read(() => {
      const w = window as unknown as { __before?: Map<string, unknown>; __started?: number };
      w.__before = new Map();
      CSS.highlights.forEach((highlight, name) => w.__before?.set(name, highlight));
      w.__started = 0;
      window.addEventListener('message', (event: MessageEvent<{ type?: unknown }>) => {
        if (String(event.data?.type).endsWith('wxt:content-script-started')) w.__started = (w.__started ?? 0) + 1;
      });
    }, undefined);
    const before = await read(traces, undefined);
    expect(before).toMatchObject({ hosts: 1, openCards: 1 });
    expect(before.names.length).toBeGreaterThan(0);

    const reloaded = Date.now();
    await reloadExtension();

    if (env.browserName === 'chromium') {
      let after = await read(traces, undefined);
      while ((after.names.length > 0 || after.hosts > 0) && Date.now() - reloaded < CLEAN_WITHIN_MS) {
        await sleep(100);
        after = await read(traces, undefined);
      }
      const cleanMs = Date.now() - reloaded;
      expect(after, `${cleanMs} ms after the reload`).toMatchObject({ names: [], hosts: 0, newInstance: 0 });
      // And it stays clean: the orphan answers no pointer (a click on where the mark was opens nothing).
      await click(page, kadhimi.x, kadhimi.y);
      await sleep(500);
      expect(await read(traces, undefined)).toMatchObject({ names: [], hosts: 0 });
      expect(await read(ourHighlightNames, undefined)).toEqual([]);
      recorder.record(env.browserName, {
        case: 'extension reloaded',
        extensionMessages: watch.extension,
        pageErrors: watch.pageErrors,
        extra: { before, after, cleanMs },
      });
    } else {
      // The new version starts in the page, marks it again and removes the old card.
      let after = await read(traces, undefined);
      while (
        !(after.newInstance > 0 && after.scans > before.scans && after.openCards === 0) &&
        Date.now() - reloaded < CLEAN_WITHIN_MS * 2
      ) {
        await sleep(100);
        after = await read(traces, undefined);
      }
      const cleanMs = Date.now() - reloaded;
      expect(after.newInstance, 'the new version started in the page').toBeGreaterThan(0);
      expect(after, `${cleanMs} ms after the reload`).toMatchObject({ hosts: 0, openCards: 0, sameAsBefore: [] });
      await marksIncluding(read, ['Mustafa al-Kadhimi', 'Joe Biden'], 10_000);
      // Its card works, and it is the only one.
      const biden = await markCentre(read, 'Joe Biden');
      await click(page, biden.x, biden.y);
      const card = await waitCard(read, (state) => state.open, 'the new version opened no card');
      expect(card).toMatchObject({ target: 'joe-biden', hosts: 1 });
      recorder.record(env.browserName, {
        case: 'extension reloaded',
        extensionMessages: watch.extension,
        pageErrors: watch.pageErrors,
        extra: { before, after, cleanMs },
      });
    }
    expect(watch.extension, 'the extension threw or logged').toEqual([]);
  });
});
