/**
 * `npm start`: builds the extension, serves the fixture pages from 127.0.0.1 and opens the demo pages in Chromium
 * with the extension loaded.
 *
 * - With a display (DISPLAY or WAYLAND_DISPLAY set): a visible browser that stays open until you close it or press
 *   Ctrl-C.
 * - Without one: headless; writes full-page screenshots to artifacts/demo/<page>.png, prints their paths, exits.
 */
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, type TestBrowser, type TestPage } from './browsers/browsers';
import { startServer, type StaticServer } from './browsers/serve';

const PAGES_DIR = 'test/fixtures/pages';
const SCREENSHOT_DIR = 'artifacts/demo';

/** The demo pages: the file name (also the screenshot name) and, headless, the query that makes a still picture. */
const DEMO_PAGES = [
  { name: 'iraq-talks', file: 'iraq-talks.html', headlessQuery: '' },
  // Headless, stay on page 1 once the live entries have arrived, so the screenshot shows them.
  { name: 'live-blog', file: 'live-blog.html', headlessQuery: '?entries=3&interval=200&autonav=0' },
] as const;

function build(): void {
  console.log('› npm run build');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}

/** The `backstory:*` measures in the page once the content script has run; [] if it did not within the time. */
async function contentScriptMeasures(page: TestPage): Promise<string[]> {
  try {
    return await page.waitFor(
      () => {
        const names = performance
          .getEntriesByType('measure')
          .map((entry) => entry.name)
          .filter((name) => name.startsWith('backstory:'));
        return names.length > 0 ? names : null;
      },
      undefined,
      { timeout: 5_000 },
    );
  } catch {
    return [];
  }
}

async function runHeadless(browser: TestBrowser, server: StaticServer): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const written: string[] = [];
  for (const demo of DEMO_PAGES) {
    const page = await browser.newPage();
    try {
      await page.goto(new URL(demo.file + demo.headlessQuery, server.url).href);
      const measures = await contentScriptMeasures(page);
      console.log(
        `  ${demo.file}: content script ${measures.length > 0 ? `ran (${measures.join(', ')})` : 'NOT seen'}`,
      );
      if (demo.name === 'live-blog') {
        await page.waitFor(() => document.documentElement.dataset.liveState === 'complete', undefined, {
          timeout: 5_000,
        });
      }
      // The last entry's re-scan runs after a short debounce: wait until the extension has been quiet for 500 ms.
      await page
        .waitFor(
          () => {
            const ends = performance
              .getEntriesByType('measure')
              .filter((entry) => entry.name.startsWith('backstory:'))
              .map((entry) => entry.startTime + entry.duration);
            return ends.length > 0 && performance.now() - Math.max(...ends) > 500;
          },
          undefined,
          { timeout: 5_000 },
        )
        .catch(() => undefined);
      const file = path.resolve(SCREENSHOT_DIR, `${demo.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      written.push(file);
    } finally {
      await page.close();
    }
  }
  console.log('Screenshots:');
  for (const file of written) console.log(`  ${file}`);
}

async function runHeaded(browser: TestBrowser, server: StaticServer): Promise<void> {
  if (browser.raw.kind !== 'playwright') throw new Error('the demo runs in Chromium');
  const { context } = browser.raw;
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  for (const demo of DEMO_PAGES) {
    const page = await browser.newPage();
    await page.goto(new URL(demo.file, server.url).href);
  }
  // The persistent context opens with one blank tab; drop it so only the demo pages show.
  for (const page of context.pages()) if (page.url() === 'about:blank') await page.close();
  console.log(`Extension ${browser.extensionId} loaded. Demo pages:`);
  for (const demo of DEMO_PAGES) console.log(`  ${new URL(demo.file, server.url).href}`);
  console.log('Close the browser window or press Ctrl-C to stop.');
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await Promise.race([closed, interrupted]);
}

async function main(): Promise<void> {
  build();
  const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const server = await startServer(PAGES_DIR);
  let browser: TestBrowser | undefined;
  try {
    console.log(`Serving ${PAGES_DIR} at ${server.url}`);
    browser = await launchBrowser('chromium', { headless: !headed });
    if (headed) await runHeaded(browser, server);
    else await runHeadless(browser, server);
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
