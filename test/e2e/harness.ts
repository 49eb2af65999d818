/**
 * Vitest glue for end-to-end tests written once and run in both browsers:
 *
 * ```ts
 * describeEachBrowser('my feature', (env) => {
 *   it('works', async () => {
 *     const page = await env.openPage('iraq-talks.html');
 *     expect(await page.evaluate(() => document.title, undefined)).toContain('Kadhimi');
 *   });
 * });
 * ```
 *
 * Each browser gets its own `describe` block, launched once in `beforeAll` and always closed in `afterAll`, with the
 * fixture pages served from 127.0.0.1. Pages opened with `env.openPage` are closed after each test.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import {
  BROWSER_NAMES,
  launchBrowser,
  type BrowserName,
  type TestBrowser,
  type TestPage,
} from '../../tools/browsers/browsers';
import { startServer, type StaticServer } from '../../tools/browsers/serve';

export { BROWSER_NAMES, TIMEOUTS, withTimeout, type BrowserName, type TestPage } from '../../tools/browsers/browsers';

/** The team's own test pages. */
export const FIXTURE_PAGES_DIR = path.resolve('test/fixtures/pages');

/** What a test sees; valid inside `it`/hooks (it is filled in `beforeAll`). */
export interface E2EEnv {
  readonly browserName: BrowserName;
  /** The launched browser with the extension installed. */
  readonly browser: TestBrowser;
  /** Base URL of the fixture server, ending with `/`. */
  readonly baseUrl: string;
  /** The absolute URL of a fixture page (`'iraq-talks.html'`, `'live-blog.html?entries=2'`). */
  fixtureUrl(relative: string): string;
  /** Opens a new tab at a fixture page (or an absolute URL), waits for `load`, and closes it after the test. */
  openPage(relativeOrAbsolute: string): Promise<TestPage>;
  /**
   * Opens an extension page (`options.html`, `builder.html?tab=3`) in a new tab, waits until it has loaded and, when
   * given, until `ready()` holds in it; closes it after the test. Firefox's BiDi never reports `load` for
   * moz-extension:// navigations, so the URL and `readyState` are polled there.
   */
  openExtensionPage(relative: string, ready?: () => boolean): Promise<TestPage>;
}

/** Defines `describe('<name> [chromium]')` and `describe('<name> [firefox]')` with a ready `E2EEnv`. */
export function describeEachBrowser(
  name: string,
  body: (env: E2EEnv) => void,
  options: { browsers?: readonly BrowserName[]; root?: string } = {},
): void {
  for (const browserName of options.browsers ?? BROWSER_NAMES) {
    describe(`${name} [${browserName}]`, () => {
      let server: StaticServer | undefined;
      let browser: TestBrowser | undefined;
      const openPages = new Set<TestPage>();

      const env: E2EEnv = {
        browserName,
        get browser() {
          if (!browser) throw new Error(`${browserName} is not launched (did beforeAll fail?)`);
          return browser;
        },
        get baseUrl() {
          if (!server) throw new Error('The fixture server is not running (did beforeAll fail?)');
          return server.url;
        },
        fixtureUrl: (relative) => new URL(relative, env.baseUrl).href,
        async openPage(relativeOrAbsolute) {
          const page = await env.browser.newPage();
          openPages.add(page);
          await page.goto(new URL(relativeOrAbsolute, env.baseUrl).href);
          return page;
        },
        async openExtensionPage(relative, ready) {
          const origin = env.browser.extensionOrigin;
          if (!origin) throw new Error('no extension origin (is the gecko id in the manifest?)');
          const url = new URL(relative, origin).href;
          const page = await env.browser.newPage();
          openPages.add(page);
          if (page.raw.kind === 'playwright') await page.goto(url);
          else {
            void page.raw.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 15_000 }).catch(() => undefined);
            await page.waitFor((expected) => location.href === expected && document.readyState !== 'loading', url);
          }
          if (ready) await page.waitFor(ready, undefined, { timeout: 20_000 });
          return page;
        },
      };

      beforeAll(async () => {
        server = await startServer(options.root ?? FIXTURE_PAGES_DIR);
        browser = await launchBrowser(browserName);
      });

      afterEach(async () => {
        await Promise.all([...openPages].map((page) => page.close()));
        openPages.clear();
      });

      afterAll(async () => {
        await browser?.close();
        await server?.close();
        browser = undefined;
        server = undefined;
      });

      body(env);
    });
  }
}
