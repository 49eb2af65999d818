/**
 * Smoke test: the built extension loads in both browsers, its content script runs on a served news page, and the
 * page's DOM is exactly what the server sent.
 */
import { expect, it } from 'vitest';
import { describeEachBrowser } from './harness';

/** Names of the `backstory:*` performance measures in the page, or null while there are none. */
function backstoryMeasures(): string[] | null {
  const names = performance
    .getEntriesByType('measure')
    .map((entry) => entry.name)
    .filter((name) => name.startsWith('backstory:'));
  return names.length > 0 ? names : null;
}

/**
 * Compares the live `<body>` with the one the server sent (fetched again and parsed here), ignoring the extension's
 * own `<backstory-card>` host. Returns the two serialisations so a failure shows the difference.
 */
async function bodyAsServedVsLive(): Promise<{ served: string; live: string }> {
  const response = await fetch(location.href, { cache: 'no-store' });
  const served = new DOMParser().parseFromString(await response.text(), 'text/html');
  const serialize = (body: HTMLElement): string => {
    const copy = body.cloneNode(true) as HTMLElement;
    for (const host of copy.querySelectorAll('backstory-card')) host.remove();
    // DOMParser parses with scripting off, so <noscript> holds elements there but raw text in the live page.
    for (const noscript of copy.querySelectorAll('noscript')) noscript.replaceChildren();
    return new XMLSerializer().serializeToString(copy);
  };
  return { served: serialize(served.body), live: serialize(document.body) };
}

describeEachBrowser('smoke', (env) => {
  it('installs the extension and knows its id', () => {
    expect(env.browser.extensionId).toBeTruthy();
    if (env.browserName === 'chromium') {
      // Chromium ids are 32 letters a–p, derived from the service worker URL.
      expect(env.browser.extensionId).toMatch(/^[a-p]{32}$/);
      expect(env.browser.extensionOrigin).toBe(`chrome-extension://${env.browser.extensionId}/`);
    }
  });

  it.runIf(env.browserName === 'chromium')('runs the background service worker', () => {
    const { raw } = env.browser;
    if (raw.kind !== 'playwright') throw new Error('expected a Playwright context for Chromium');
    const workers = raw.context.serviceWorkers().map((worker) => worker.url());
    expect(workers).toContain(`${env.browser.extensionOrigin}background.js`);
  });

  it('runs the content script on a news page without changing its DOM', async () => {
    const page = await env.openPage('iraq-talks.html');
    const measures = await page.waitFor(backstoryMeasures, undefined, { timeout: 10_000 });
    expect(measures.length).toBeGreaterThan(0);
    expect(measures.every((name) => name.startsWith('backstory:'))).toBe(true);

    // Give any late work by the extension a moment to (wrongly) touch the page before comparing.
    await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 300)), undefined);
    const { served, live } = await page.evaluate(bodyAsServedVsLive, undefined);
    expect(served.length).toBeGreaterThan(1000);
    expect(live).toBe(served);
  });

  it('is served with a Content-Security-Policy that keeps everything on this machine', async () => {
    const page = await env.openPage('iraq-talks.html');
    const csp = await page.evaluate(
      async () => (await fetch(location.href, { cache: 'no-store' })).headers.get('content-security-policy'),
      undefined,
    );
    expect(csp).toBe("default-src 'self' 'unsafe-inline' data: blob:");
  });

  it('live blog fixture: appends entries, then navigates with pushState (no reload); the content script runs', async () => {
    const page = await env.openPage('live-blog.html?entries=3&interval=100');
    await page.waitFor(backstoryMeasures, undefined);
    const before = await page.evaluate(() => performance.timeOrigin, undefined);
    const state = await page.waitFor(
      () =>
        document.documentElement.dataset.liveState === 'page-2'
          ? { entries: document.documentElement.dataset.liveEntries, search: location.search }
          : null,
      undefined,
      { timeout: 5_000 },
    );
    expect(state).toEqual({ entries: '3', search: '?page=2' });
    expect(await page.evaluate(() => performance.timeOrigin, undefined)).toBe(before);
    expect(await page.url()).toMatch(/\/live-blog\.html\?page=2$/);
  });
});
