/**
 * Site control in the built extension, in Chromium and Firefox: the popup's switches turn a served page off and on
 * without a reload, its page list matches the marks, the options page round-trips every setting, the shortcut /
 * context menu path (`run-action`, the code path `commands.onCommand` and `contextMenus.onClicked` call) toggles the
 * site and walks the marks, a corrupted stored value shows its default, and settings survive a browser restart.
 *
 * The popup is opened as a page, `popup.html?tab=<id>`: a real toolbar popup cannot be opened headless. Browser
 * shortcuts and native context menus cannot be driven headless either; see the `run-action` tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NAMES, launchBrowser, type TestBrowser } from '../../scripts/browsers';
import { startServer, type StaticServer } from '../../scripts/serve';
import { describeEachBrowser, FIXTURE_PAGES_DIR, type E2EEnv, type TestPage } from './harness';

/** The extension API as seen from an extension page (`browser` in Firefox, `chrome` in Chromium). */
interface ExtApi {
  tabs: {
    query(query: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options?: object): Promise<unknown>;
  };
  storage: {
    sync: {
      clear(): Promise<void>;
      set(items: object): Promise<void>;
      get(keys: null): Promise<Record<string, unknown>>;
    };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registered backstory- highlights: name → number of ranges; and whether a card host exists. */
function pageMarks(): { names: Record<string, number>; total: number; cards: number } {
  const names: Record<string, number> = {};
  let total = 0;
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('backstory-')) return;
    names[name] = highlight.size;
    total += highlight.size;
  });
  return { names, total, cards: document.querySelectorAll('backstory-card').length };
}

async function waitMarks(page: TestPage, predicate: (marks: ReturnType<typeof pageMarks>) => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  let last = await page.evaluate(pageMarks, undefined);
  while (!predicate(last)) {
    if (Date.now() > deadline) throw new Error(`${what}; last seen ${JSON.stringify(last)}`);
    await sleep(150);
    last = await page.evaluate(pageMarks, undefined);
  }
  return last;
}

const extensionPages = new Set<TestPage>();
/** Makes each reload's URL unique, so waiting for the URL waits for the new document. */
let loads = 0;
afterEach(async () => {
  await Promise.all([...extensionPages].map((page) => page.close()));
  extensionPages.clear();
});

/**
 * Navigates to an extension page and waits until it is there. Firefox's BiDi never reports `load` for a
 * moz-extension:// navigation, so the URL is polled instead of awaiting the navigation.
 */
async function gotoExtensionPage(page: TestPage, url: string): Promise<void> {
  if (page.raw.kind === 'playwright') return page.goto(url);
  void page.raw.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 15_000 }).catch(() => undefined);
  await page.waitFor((expected) => location.href === expected && document.readyState !== 'loading', url);
}

/** Brings a tab to the front: background tabs have throttled timers and may not lay out or scroll. */
async function front(page: TestPage): Promise<void> {
  await page.raw.page.bringToFront();
}

/** Opens an extension page (`popup.html`, `options.html?…`) in a new tab. */
async function openExtensionPage(env: E2EEnv, relative: string): Promise<TestPage> {
  const origin = env.browser.extensionOrigin;
  if (!origin) throw new Error('no extension origin (is the gecko id in the manifest?)');
  const page = await env.browser.newPage();
  extensionPages.add(page);
  await gotoExtensionPage(page, new URL(relative, origin).href);
  return page;
}

/** In an extension page: the id of the tab whose content script reports `url`. */
function tabIdOf(url: string): Promise<number | null> {
  const g = globalThis as unknown as { browser?: ExtApi; chrome?: ExtApi };
  const api = (g.browser ?? g.chrome) as ExtApi;
  return api.tabs.query({}).then(async (tabs) => {
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      try {
        const summary = (await api.tabs.sendMessage(tab.id, { type: 'page-summary' }, { frameId: 0 })) as {
          url?: string;
        } | null;
        if (summary?.url === url) return tab.id;
      } catch {
        // A tab without our content script.
      }
    }
    return null;
  });
}

/** In an extension page: runs a storage.sync call. */
function syncStorage(arg: { op: 'clear' } | { op: 'set'; items: Record<string, unknown> } | { op: 'get' }) {
  const g = globalThis as unknown as { browser?: ExtApi; chrome?: ExtApi };
  const api = (g.browser ?? g.chrome) as ExtApi;
  if (arg.op === 'clear') return api.storage.sync.clear().then(() => ({}));
  if (arg.op === 'set') return api.storage.sync.set(arg.items).then(() => ({}));
  return api.storage.sync.get(null) as Promise<Record<string, unknown>>;
}

/** In an extension page: sends a message to the background. */
function sendRuntime(message: unknown): Promise<unknown> {
  const g = globalThis as unknown as { browser?: ExtApi; chrome?: ExtApi };
  const api = (g.browser ?? g.chrome) as ExtApi;
  return api.runtime.sendMessage(message);
}

interface PopupView {
  ready: boolean;
  site: string;
  siteOn: boolean;
  globalOn: boolean;
  status: string;
  items: { target: string; kind: string; count: number; name: string }[];
}

function readPopup(): PopupView {
  const q = <T extends Element>(selector: string) => document.querySelector<T>(selector);
  return {
    ready: q<HTMLElement>('#bs-popup')?.dataset.ready === 'true',
    site: q('#bs-site-label')?.textContent ?? '',
    siteOn: q<HTMLInputElement>('#bs-site-switch')?.checked ?? false,
    globalOn: q<HTMLInputElement>('#bs-global-switch')?.checked ?? false,
    status: q('#bs-status')?.textContent ?? '',
    items: Array.from(document.querySelectorAll<HTMLButtonElement>('.bs-item')).map((button) => ({
      target: button.dataset.target ?? '',
      kind: button.dataset.kind ?? '',
      count: Number(button.querySelector('.bs-item-count')?.textContent),
      name: button.querySelector('.bs-item-name')?.textContent ?? '',
    })),
  };
}

interface PopupPaint {
  /** First contentful paint (or first paint), else the load event end: ms from navigation start. */
  firstPaint: number;
  source: string;
  domContentLoaded: number;
}

/** In the popup page: its paint timing, or null until there is one. */
function popupPaint(): PopupPaint | null {
  const paints = performance.getEntriesByType('paint');
  const paint =
    paints.find((entry) => entry.name === 'first-contentful-paint') ??
    paints.find((entry) => entry.name === 'first-paint');
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const domContentLoaded = Math.round(navigation?.domContentLoadedEventEnd ?? 0);
  if (paint) return { firstPaint: Math.round(paint.startTime), source: paint.name, domContentLoaded };
  // No paint entry (older Gecko): the load event end, which comes after the first render's layout.
  if (navigation && navigation.loadEventEnd > 0)
    return { firstPaint: Math.round(navigation.loadEventEnd), source: 'loadEventEnd', domContentLoaded };
  return null;
}

async function setupArticle(env: E2EEnv) {
  const options = await openExtensionPage(env, 'options.html');
  await options.evaluate(syncStorage, { op: 'clear' });
  const article = await env.openPage('iraq-talks.html');
  await article.evaluate(() => {
    (window as unknown as { __notReloaded: boolean }).__notReloaded = true;
  }, undefined);
  await waitMarks(article, (marks) => marks.total > 5, 'the article was never marked');
  const tabId = await options.waitFor(tabIdOf, await article.url());
  return { article, options, tabId };
}

const notReloaded = (page: TestPage) =>
  page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true, undefined);

describeEachBrowser('site control', (env) => {
  it('the popup switch turns the page off and on without a reload, and its list matches the marks', async () => {
    const { article, tabId } = await setupArticle(env);
    const popup = await openExtensionPage(env, `popup.html?tab=${tabId}`);
    await popup.waitFor(() => document.querySelector<HTMLElement>('#bs-popup')?.dataset.ready === 'true', undefined);
    const marks = await waitMarks(article, (all) => all.total > 5, 'marks');
    const view = await popup.waitFor((total) => {
      const v = readPopupInPage();
      return v.items.reduce((sum, item) => sum + item.count, 0) === total ? v : null;
      function readPopupInPage() {
        return {
          site: document.querySelector('#bs-site-label')?.textContent ?? '',
          siteOn: document.querySelector<HTMLInputElement>('#bs-site-switch')?.checked ?? false,
          items: Array.from(document.querySelectorAll<HTMLButtonElement>('.bs-item')).map((button) => ({
            kind: button.dataset.kind ?? '',
            count: Number(button.querySelector('.bs-item-count')?.textContent),
          })),
        };
      }
    }, marks.total);
    expect(view.site).toBe('127.0.0.1');
    expect(view.siteOn).toBe(true);
    // Every kind in the list has a highlight with exactly that many ranges.
    const perKind: Record<string, number> = {};
    for (const item of view.items)
      perKind[`backstory-${item.kind}`] = (perKind[`backstory-${item.kind}`] ?? 0) + item.count;
    const drawn = Object.fromEntries(Object.entries(marks.names).filter(([, size]) => size > 0));
    expect(perKind).toEqual(drawn);

    if (env.browserName === 'chromium') {
      const raw = popup.raw;
      if (raw.kind === 'playwright') await raw.page.setViewportSize({ width: 360, height: 560 });
      await popup.screenshot({ path: 'docs/screenshots/popup.png' });
    }

    await popup.evaluate(() => document.querySelector<HTMLInputElement>('#bs-site-switch')?.click(), undefined);
    await waitMarks(article, (all) => all.total === 0 && Object.keys(all.names).length === 0 && all.cards === 0, 'off');
    expect(await notReloaded(article)).toBe(true);
    const off = await popup.waitFor(() => {
      const sw = document.querySelector<HTMLInputElement>('#bs-site-switch');
      return sw && !sw.checked ? (document.querySelector('#bs-status')?.textContent ?? '') : null;
    }, undefined);
    expect(off).toMatch(/off on this page/);

    await popup.evaluate(() => document.querySelector<HTMLInputElement>('#bs-site-switch')?.click(), undefined);
    await waitMarks(article, (all) => all.total === marks.total, 'back on');
    expect(await notReloaded(article)).toBe(true);

    // Everything off, then on.
    await popup.evaluate(() => document.querySelector<HTMLInputElement>('#bs-global-switch')?.click(), undefined);
    await waitMarks(article, (all) => Object.keys(all.names).length === 0, 'everything off');
    await popup.evaluate(() => document.querySelector<HTMLInputElement>('#bs-global-switch')?.click(), undefined);
    await waitMarks(article, (all) => all.total === marks.total, 'everything back on');
  });

  it('clicking an item in the popup scrolls the tab to its first mark', async () => {
    const { article, tabId } = await setupArticle(env);
    const popup = await openExtensionPage(env, `popup.html?tab=${tabId}`);
    await popup.waitFor(() => document.querySelectorAll('.bs-item').length > 3, undefined);
    await front(article);
    await article.evaluate(() => window.scrollTo(0, document.body.scrollHeight), undefined);
    const bottom = await article.evaluate(() => window.scrollY, undefined);
    // The first item is the first mark in reading order, near the top of the page.
    await popup.evaluate(() => document.querySelector<HTMLButtonElement>('.bs-item')?.click(), undefined);
    const moved = await article.waitFor((from) => (window.scrollY < from ? window.scrollY : null), bottom);
    expect(moved).toBeLessThan(bottom);
  });

  it('the shortcut and menu path (run-action) toggles the site and walks the marks', async () => {
    const { article, options, tabId } = await setupArticle(env);
    const before = await waitMarks(article, (all) => all.total > 5, 'marks');
    expect(await options.evaluate(sendRuntime, { type: 'run-action', action: 'next-mark', tabId })).toEqual({
      ok: true,
    });
    const off = await options.evaluate(sendRuntime, { type: 'run-action', action: 'toggle-site', tabId });
    expect(off).toEqual({ ok: true, enabled: false });
    await waitMarks(article, (all) => Object.keys(all.names).length === 0, 'off by shortcut');
    const stored = (await options.evaluate(syncStorage, { op: 'get' })) as Record<string, unknown>;
    expect(stored.sites).toEqual([{ host: '127.0.0.1', subdomains: true }]);
    const on = await options.evaluate(sendRuntime, { type: 'run-action', action: 'toggle-site', tabId });
    expect(on).toEqual({ ok: true, enabled: true });
    await waitMarks(article, (all) => all.total === before.total, 'on by shortcut');
    expect(await notReloaded(article)).toBe(true);
  });

  it('the popup paints fast (first paint measured and printed; asserted only with a wide margin)', async () => {
    const { tabId } = await setupArticle(env);
    const figures: PopupPaint[] = [];
    // Two opens: the first loads the popup's files cold, the second is what a user sees on a later click.
    for (let open = 0; open < 2; open++) {
      const popup = await openExtensionPage(env, `popup.html?tab=${tabId}&open=${++loads}`);
      await front(popup);
      await popup.waitFor(() => document.querySelector<HTMLElement>('#bs-popup')?.dataset.ready === 'true', undefined);
      figures.push(await popup.waitFor(popupPaint, undefined));
      await popup.close();
      extensionPages.delete(popup);
    }
    console.log(`[${env.browserName}] popup paint (ms from navigation start): ${JSON.stringify(figures)}`);
    for (const figure of figures) {
      // The budget is 100 ms; this only catches a gross regression (a headless tab on a 2-core box is noisy).
      expect(figure.firstPaint).toBeGreaterThan(0);
      expect(figure.firstPaint).toBeLessThan(1000);
    }
  });

  it('"Show backstory for …": a selected name is reported, and the menu\'s reveal opens its card', async () => {
    const { article, options, tabId } = await setupArticle(env);
    // The content script's `selection` message goes to every extension page too; the options page records it.
    await options.evaluate(() => {
      const g = globalThis as unknown as { browser?: ExtApi; chrome?: ExtApi; __selections?: unknown[] };
      const api = (g.browser ?? g.chrome) as ExtApi & {
        runtime: { onMessage: { addListener(listener: (message: unknown) => void): void } };
      };
      g.__selections = [];
      api.runtime.onMessage.addListener((message) => {
        if ((message as { type?: string }).type === 'selection') g.__selections?.push(message);
      });
    }, undefined);
    const summary = (await options.evaluate((id: number) => {
      const g = globalThis as unknown as { browser?: ExtApi; chrome?: ExtApi };
      return ((g.browser ?? g.chrome) as ExtApi).tabs.sendMessage(id, { type: 'page-summary' }, { frameId: 0 });
    }, tabId)) as { items: { target: string; kind: string; name: string }[] };
    const people = summary.items.filter((item) => item.kind === 'person');
    expect(people.length).toBeGreaterThan(0);

    // Select the first person's full name where it appears in the text, as a user's drag would.
    await front(article);
    const selected = await article.evaluate(
      (names: string[]) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const name of names) {
            const at = text.indexOf(name);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + name.length);
            const selection = window.getSelection();
            selection?.removeAllRanges();
            selection?.addRange(range);
            return selection?.toString() ?? null;
          }
        }
        return null;
      },
      people.map((item) => item.name),
    );
    expect(selected).toBeTruthy();
    const person = people.find((item) => item.name === selected);
    if (!person) throw new Error(`selected ${selected}, not a listed person`);

    const reported = await options.waitFor((target: string) => {
      const list = (globalThis as unknown as { __selections?: { entity: { id: string; name: string } | null }[] })
        .__selections;
      return list?.find((message) => message.entity?.id === target) ?? null;
    }, person.target);
    expect(reported).toEqual({ type: 'selection', entity: { id: person.target, name: person.name } });

    // The menu item's click handler (background-control.ts `onMenu`, MENU_IDS.showEntity) sends exactly this to the
    // tab's top frame for the reported entity; a native context menu cannot be clicked headless.
    const revealed = await options.evaluate(
      (arg: { tabId: number; target: string }) => {
        const g = globalThis as unknown as { browser?: ExtApi; chrome?: ExtApi };
        return ((g.browser ?? g.chrome) as ExtApi).tabs.sendMessage(
          arg.tabId,
          { type: 'reveal', target: arg.target },
          { frameId: 0 },
        );
      },
      { tabId, target: reported.entity?.id ?? '' },
    );
    expect(revealed).toBe(true);
    const card = await article.waitFor(() => {
      const root = document.querySelector('backstory-card')?.shadowRoot;
      const dialog = root?.querySelector<HTMLElement>('[role="dialog"]');
      const id = dialog?.getAttribute('aria-labelledby');
      const title = id ? root?.getElementById(id)?.textContent : null;
      return title ? { title, cards: document.querySelectorAll('backstory-card').length } : null;
    }, undefined);
    expect(card.cards).toBe(1);
    expect(card.title).toContain(person.name);

    // Clearing the selection reports `entity: null` (the menu item hides).
    await article.evaluate(() => window.getSelection()?.removeAllRanges(), undefined);
    await options.waitFor(() => {
      const list = (globalThis as unknown as { __selections?: { entity: unknown }[] }).__selections;
      return list?.at(-1)?.entity === null;
    }, undefined);
  });

  it('the options page round-trips every setting and the page follows live', async () => {
    const { article, options } = await setupArticle(env);
    await gotoExtensionPage(options, new URL(`options.html?load=${++loads}`, env.browser.extensionOrigin).href);
    await options.waitFor(
      () => document.querySelector<HTMLElement>('#bs-options')?.dataset.ready === 'true',
      undefined,
    );
    // One synchronous step per evaluate (Firefox's extension pages do not settle long async evaluates well).
    type Step =
      | { radio: string; value: string }
      | { uncheck: string }
      | { select: string; value: string }
      | { site: string; subdomains: boolean };
    const steps: Step[] = [
      { radio: 'mentions', value: 'all' },
      { radio: 'scope', value: 'page' },
      { uncheck: 'quote' },
      { select: '#bs-markStyle', value: 'background' },
      { select: '#bs-hoverDelay', value: '750' },
      { select: '#bs-theme', value: 'dark' },
      { site: 'https://www.Example.com/news', subdomains: true },
      { site: 'bücher.de', subdomains: false },
      { radio: 'siteMode', value: 'only' },
      { radio: 'siteMode', value: 'except' },
    ];
    for (const step of steps) {
      await options.evaluate((s: Step) => {
        const changed = (element: Element) => element.dispatchEvent(new Event('change', { bubbles: true }));
        if ('radio' in s) {
          const input = document.querySelector(`input[name="${s.radio}"][value="${s.value}"]`) as HTMLInputElement;
          input.checked = true;
          changed(input);
        } else if ('uncheck' in s) {
          const input = document.querySelector(`input[name="kinds"][value="${s.uncheck}"]`) as HTMLInputElement;
          input.checked = false;
          changed(input);
        } else if ('select' in s) {
          const input = document.querySelector(s.select) as HTMLInputElement | HTMLSelectElement;
          input.value = s.value;
          changed(input);
        } else {
          (document.querySelector('#bs-site-input') as HTMLInputElement).value = s.site;
          (document.querySelector('#bs-site-subdomains') as HTMLInputElement).checked = s.subdomains;
          (document.querySelector('#bs-site-form') as HTMLFormElement).requestSubmit();
        }
      }, step);
      await sleep(120);
    }
    // The page follows live: no quote marks, every mention, the background style adopted.
    const live = await waitMarks(
      article,
      (all) => !all.names['backstory-quote'] && (all.names['backstory-person'] ?? 0) > 6,
      'settings applied live',
    );
    expect(live.total).toBeGreaterThan(0);
    expect(await article.evaluate(() => document.adoptedStyleSheets.length, undefined)).toBeGreaterThan(0);

    if (env.browserName === 'chromium')
      await options.screenshot({ path: 'docs/screenshots/options.png', fullPage: true });

    await gotoExtensionPage(options, new URL(`options.html?load=${++loads}`, env.browser.extensionOrigin).href);
    await options.waitFor(
      () => document.querySelector<HTMLElement>('#bs-options')?.dataset.ready === 'true',
      undefined,
    );
    const shown = await options.evaluate(() => {
      const $ = <T extends Element>(selector: string) => document.querySelector(selector) as T;
      const checked = (name: string) => $<HTMLInputElement>(`input[name="${name}"]:checked`).value;
      return {
        enabled: $<HTMLInputElement>('#bs-enabled').checked,
        siteMode: checked('siteMode'),
        mentions: checked('mentions'),
        scope: checked('scope'),
        kinds: Array.from(document.querySelectorAll<HTMLInputElement>('input[name="kinds"]:checked')).map(
          (i) => i.value,
        ),
        markStyle: $<HTMLSelectElement>('#bs-markStyle').value,
        hoverDelay: $<HTMLInputElement>('#bs-hoverDelay').value,
        theme: $<HTMLSelectElement>('#bs-theme').value,
        sites: Array.from(document.querySelectorAll<HTMLElement>('#bs-site-list li[data-host]')).map(
          (li) => li.dataset.host,
        ),
      };
    }, undefined);
    expect(shown).toEqual({
      enabled: true,
      siteMode: 'except',
      mentions: 'all',
      scope: 'page',
      kinds: ['person', 'organization', 'group', 'place', 'media', 'event'],
      markStyle: 'background',
      hoverDelay: '750',
      theme: 'dark',
      sites: ['example.com', 'xn--bcher-kva.de'],
    });
    const stored = (await options.evaluate(syncStorage, { op: 'get' })) as Record<string, unknown>;
    expect(stored.sites).toEqual([
      { host: 'example.com', subdomains: true },
      { host: 'xn--bcher-kva.de', subdomains: false },
    ]);
  });

  it('a corrupted stored value shows its default and keeps the rest', async () => {
    const { article, options } = await setupArticle(env);
    await options.evaluate(syncStorage, {
      op: 'set',
      items: {
        kinds: 'everything',
        hoverDelay: -40,
        sites: [{ host: 'cnn.com', subdomains: true, evil: '<img onerror=alert(1)>' }],
        theme: { dark: true },
        mentions: 'all',
      },
    });
    await gotoExtensionPage(options, new URL(`options.html?load=${++loads}`, env.browser.extensionOrigin).href);
    await options.waitFor(
      () => document.querySelector<HTMLElement>('#bs-options')?.dataset.ready === 'true',
      undefined,
    );
    const shown = await options.evaluate(
      () => ({
        kinds: document.querySelectorAll('input[name="kinds"]:checked').length,
        hoverDelay: document.querySelector<HTMLInputElement>('#bs-hoverDelay')?.value,
        theme: document.querySelector<HTMLSelectElement>('#bs-theme')?.value,
        sites: document.querySelectorAll('#bs-site-list li[data-host]').length,
        mentions: document.querySelector<HTMLInputElement>('input[name="mentions"]:checked')?.value,
      }),
      undefined,
    );
    expect(shown).toEqual({ kinds: 7, hoverDelay: '300', theme: 'auto', sites: 0, mentions: 'all' });
    // The page keeps working with the valid setting (every mention) and defaults elsewhere.
    await waitMarks(article, (all) => (all.names['backstory-person'] ?? 0) > 6, 'every mention, live');
  });
});

describe('settings survive a browser restart', () => {
  let server: StaticServer | undefined;
  beforeAll(async () => {
    server = await startServer(FIXTURE_PAGES_DIR);
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const name of BROWSER_NAMES) {
    it(`[${name}] keeps the site list and a setting in a persistent profile`, async () => {
      const profile = mkdtempSync(path.join(os.tmpdir(), `backstory-profile-${name}-`));
      let browser: TestBrowser | undefined;
      try {
        browser = await launchBrowser(name, { userDataDir: profile });
        const origin = browser.extensionOrigin ?? '';
        let page = await browser.newPage();
        await gotoExtensionPage(page, new URL('options.html', origin).href);
        await page.evaluate(syncStorage, { op: 'clear' });
        await page.evaluate(syncStorage, {
          op: 'set',
          items: { sites: [{ host: '127.0.0.1', subdomains: true }], hoverDelay: 900 },
        });
        await sleep(500);
        await browser.close();
        browser = await launchBrowser(name, { userDataDir: profile });
        page = await browser.newPage();
        await gotoExtensionPage(page, new URL(`options.html?load=${++loads}`, browser.extensionOrigin).href);
        await page.waitFor(
          () => document.querySelector<HTMLElement>('#bs-options')?.dataset.ready === 'true',
          undefined,
        );
        const shown = await page.evaluate(
          () => ({
            hoverDelay: document.querySelector<HTMLInputElement>('#bs-hoverDelay')?.value,
            sites: Array.from(document.querySelectorAll<HTMLElement>('#bs-site-list li[data-host]')).map(
              (li) => li.dataset.host,
            ),
          }),
          undefined,
        );
        expect(shown).toEqual({ hoverDelay: '900', sites: ['127.0.0.1'] });
        // And the listed site stays off after the restart.
        const article = await browser.newPage();
        await article.goto(new URL('iraq-talks.html', server?.url ?? '').href);
        await sleep(1500);
        expect((await article.evaluate(pageMarks, undefined)).total).toBe(0);
      } finally {
        await browser?.close();
        rmSync(profile, { recursive: true, force: true });
      }
    });
  }
});

export { readPopup };
