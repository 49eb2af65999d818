/**
 * Launches real Chromium and Firefox with the built extension loaded, behind one small interface, so an end-to-end
 * test or a script is written once and runs in both browsers. Recipes: ../../../shared/brief/BROWSER-TESTING.md.
 *
 * Every launch, navigation and wait is bounded in time; `close()` never throws and never hangs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page as PlaywrightPage } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSER_NAMES: readonly BrowserName[] = ['chromium', 'firefox'];

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const FIREFOX_PATH = '/usr/bin/firefox-esr';

/** Where `npm run build` and `npm run build:firefox` put the unpacked extension. */
export const EXTENSION_DIRS: Readonly<Record<BrowserName, string>> = {
  chromium: '.output/chrome-mv3',
  firefox: '.output/firefox-mv2',
};

/**
 * Chromium's command line for every test, corpus and bench launch (the extension flags come first): no sandbox or GPU
 * (containers), no QUIC, no first-run, background or sync traffic, and every host name unresolvable but 127.0.0.1,
 * so nothing a page references can leave this machine.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** Chromium's flags that load the unpacked extension at `extensionDir` (and no other). */
export const chromiumExtensionArgs = (extensionDir: string): string[] => [
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
];

/** Upper bounds, in ms. Generous: the machine has 2 cores and may run other jobs. */
export const TIMEOUTS = { launch: 30_000, navigation: 20_000, wait: 10_000, evaluate: 10_000, close: 10_000 } as const;

/** A function run in the page: no closures, it is serialised. Its argument must be JSON-like. */
export type PageFunction<A, R> = (arg: A) => R | Promise<R>;

/** One tab, the same whichever browser runs it. */
export interface TestPage {
  readonly browser: BrowserName;
  /** Navigates and waits for the `load` event. */
  goto(url: string): Promise<void>;
  /** The page's current URL. */
  url(): Promise<string>;
  /** Runs `fn(arg)` in the page's main world and returns its (serialisable) result. */
  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R>;
  /** Polls `fn(arg)` in the page until it returns a truthy value, which it returns; throws after `timeout` ms. */
  waitFor<A, R>(
    fn: PageFunction<A, R>,
    arg: A,
    options?: { timeout?: number; interval?: number },
  ): Promise<NonNullable<R>>;
  /** A PNG of the viewport, or of the whole page with `fullPage`. Written to `path` when given. */
  screenshot(options?: { path?: string; fullPage?: boolean }): Promise<Uint8Array>;
  close(): Promise<void>;
  /** The underlying page, for the rare test that needs one browser's own API. */
  readonly raw: { kind: 'playwright'; page: PlaywrightPage } | { kind: 'puppeteer'; page: PuppeteerPage };
}

/** A browser with the extension installed. */
export interface TestBrowser {
  readonly name: BrowserName;
  /** Chromium: the id from the service worker URL. Firefox: the add-on id returned by `installExtension`. */
  readonly extensionId: string;
  /**
   * The origin of extension pages, to open them (`popup.html`, `options.html`): `chrome-extension://<id>/`, or in
   * Firefox `moz-extension://<uuid>/` with the UUID pinned by `extensions.webextensions.uuids` when the manifest
   * has a gecko id (undefined without one: Firefox then picks a random UUID).
   */
  readonly extensionOrigin: string | undefined;
  newPage(): Promise<TestPage>;
  close(): Promise<void>;
  /** The underlying handle. */
  readonly raw: { kind: 'playwright'; context: BrowserContext } | { kind: 'puppeteer'; browser: PuppeteerBrowser };
}

export interface LaunchOptions {
  /** Default true. */
  headless?: boolean;
  /** Default: EXTENSION_DIRS[name], resolved against the current directory. */
  extensionDir?: string;
  /** Default 1280×800. */
  viewport?: { width: number; height: number };
  /** A profile directory kept across launches (e.g. to test that settings survive a restart). Default: a fresh one. */
  userDataDir?: string;
}

/** The UUID Firefox gives the add-on's moz-extension:// origin in tests (any fixed UUID would do). */
export const FIREFOX_EXTENSION_UUID = '5f0c6f6e-3c1a-4b8e-9d2a-6b7e1c2d3a4f';

/** The gecko id in a built manifest, if any. */
function geckoId(extensionDir: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
      browser_specific_settings?: { gecko?: { id?: unknown } };
    };
    const id = manifest.browser_specific_settings?.gecko?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Launches `name` with the built extension loaded. */
export async function launchBrowser(name: BrowserName, options: LaunchOptions = {}): Promise<TestBrowser> {
  const extensionDir = path.resolve(options.extensionDir ?? EXTENSION_DIRS[name]);
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build && npm run build:firefox\` first.`);
  }
  const executable = name === 'chromium' ? CHROMIUM_PATH : FIREFOX_PATH;
  if (!existsSync(executable)) {
    throw new Error(`${executable} is missing: install it with \`apt-get install -y chromium firefox-esr\`.`);
  }
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const headless = options.headless ?? true;
  return name === 'chromium'
    ? launchChromium(extensionDir, headless, viewport, options.userDataDir)
    : launchFirefox(extensionDir, headless, viewport, options.userDataDir);
}

async function launchChromium(
  extensionDir: string,
  headless: boolean,
  viewport: { width: number; height: number },
  userDataDir = '',
): Promise<TestBrowser> {
  const context = await withTimeout(
    chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless,
      timeout: TIMEOUTS.launch,
      viewport,
      args: [...chromiumExtensionArgs(extensionDir), ...CHROMIUM_ARGS],
    }),
    TIMEOUTS.launch,
    'launching Chromium',
  );
  const close = (): Promise<void> =>
    withTimeout(context.close(), TIMEOUTS.close, 'closing Chromium').catch(() => undefined);
  try {
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: TIMEOUTS.wait }));
    const extensionId = new URL(worker.url()).host;
    return {
      name: 'chromium',
      extensionId,
      extensionOrigin: `chrome-extension://${extensionId}/`,
      raw: { kind: 'playwright', context },
      newPage: async () => wrapPlaywrightPage(await withTimeout(context.newPage(), TIMEOUTS.wait, 'opening a tab')),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function launchFirefox(
  extensionDir: string,
  headless: boolean,
  viewport: { width: number; height: number },
  userDataDir?: string,
): Promise<TestBrowser> {
  const id = geckoId(extensionDir);
  const browser = await withTimeout(
    puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless,
      timeout: TIMEOUTS.launch,
      protocolTimeout: TIMEOUTS.launch,
      defaultViewport: viewport,
      ...(userDataDir ? { userDataDir } : {}),
      // WebDriver BiDi refuses to navigate to moz-extension:// pages (popup.html, options.html) without this flag.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'xpinstall.signatures.required': false,
        ...(id ? { 'extensions.webextensions.uuids': JSON.stringify({ [id]: FIREFOX_EXTENSION_UUID }) } : {}),
      },
    }),
    TIMEOUTS.launch,
    'launching Firefox',
  );
  const close = async (): Promise<void> => {
    await withTimeout(browser.close(), TIMEOUTS.close, 'closing Firefox').catch(() => undefined);
    // If the polite close hung, make sure no Firefox process outlives the test run.
    const child = browser.process();
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    const extensionId = await withTimeout(
      browser.installExtension(extensionDir),
      TIMEOUTS.wait,
      'installing the add-on in Firefox',
    );
    return {
      name: 'firefox',
      extensionId,
      extensionOrigin: id ? `moz-extension://${FIREFOX_EXTENSION_UUID}/` : undefined,
      raw: { kind: 'puppeteer', browser },
      newPage: async () => wrapPuppeteerPage(await withTimeout(browser.newPage(), TIMEOUTS.wait, 'opening a tab')),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Polls through `evaluate` so both browsers behave the same; bounded in time and count. */
async function poll<R>(
  evaluateOnce: () => Promise<R>,
  options: { timeout?: number; interval?: number },
  what: string,
): Promise<NonNullable<R>> {
  const timeout = options.timeout ?? TIMEOUTS.wait;
  const interval = options.interval ?? 100;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (let attempt = 0; attempt < Math.ceil(timeout / interval) + 1; attempt++) {
    try {
      const value = await evaluateOnce();
      if (value) return value;
    } catch (error) {
      // Navigations destroy the execution context mid-poll; keep polling until the deadline.
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
  const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`Timed out after ${timeout} ms waiting for ${what}${cause}`);
}

function wrapPlaywrightPage(page: PlaywrightPage): TestPage {
  page.setDefaultTimeout(TIMEOUTS.wait);
  page.setDefaultNavigationTimeout(TIMEOUTS.navigation);
  const evaluate = <A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> =>
    withTimeout(
      page.evaluate(fn as (arg: unknown) => unknown, arg as unknown) as Promise<R>,
      TIMEOUTS.evaluate,
      'page.evaluate in Chromium',
    );
  return {
    browser: 'chromium',
    raw: { kind: 'playwright', page },
    async goto(url) {
      await page.goto(url, { waitUntil: 'load', timeout: TIMEOUTS.navigation });
    },
    url: async () => page.url(),
    evaluate,
    waitFor: (fn, arg, options = {}) => poll(() => evaluate(fn, arg), options, `a condition in Chromium: ${fn.name}`),
    async screenshot(options = {}) {
      return page.screenshot({ path: options.path, fullPage: options.fullPage ?? false, timeout: TIMEOUTS.wait });
    },
    close: () => withTimeout(page.close(), TIMEOUTS.close, 'closing a Chromium tab').catch(() => undefined),
  };
}

function wrapPuppeteerPage(page: PuppeteerPage): TestPage {
  page.setDefaultTimeout(TIMEOUTS.wait);
  page.setDefaultNavigationTimeout(TIMEOUTS.navigation);
  const evaluate = <A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> =>
    withTimeout(
      page.evaluate(fn as (arg: unknown) => unknown, arg as unknown) as Promise<R>,
      TIMEOUTS.evaluate,
      'page.evaluate in Firefox',
    );
  return {
    browser: 'firefox',
    raw: { kind: 'puppeteer', page },
    async goto(url) {
      await page.goto(url, { waitUntil: 'load', timeout: TIMEOUTS.navigation });
    },
    url: async () => page.url(),
    evaluate,
    waitFor: (fn, arg, options = {}) => poll(() => evaluate(fn, arg), options, `a condition in Firefox: ${fn.name}`),
    async screenshot(options = {}) {
      const png = await withTimeout(
        page.screenshot({
          fullPage: options.fullPage ?? false,
          type: 'png',
          ...(options.path ? { path: options.path as `${string}.png` } : {}),
        }),
        TIMEOUTS.wait,
        'a Firefox screenshot',
      );
      return png;
    },
    close: () => withTimeout(page.close(), TIMEOUTS.close, 'closing a Firefox tab').catch(() => undefined),
  };
}
