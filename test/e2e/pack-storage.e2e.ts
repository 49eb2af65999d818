/**
 * When the packs' storage fails, in the built extension in both browsers: the options page says so clearly, the
 * bundled pack (and any pack already stored) keeps working, and nothing is lost.
 *
 * - No IndexedDB for the window (what Firefox's private windows give extensions): the options page runs with
 *   `IDBFactory.prototype.open` throwing the `SecurityError` such a window throws; nothing else in the browser is
 *   touched. In Chromium the stub is installed before the page's scripts run (Playwright's `addInitScript`). Firefox's
 *   WebDriver BiDi runs no preload script in moz-extension:// pages, so there the loaded page installs the stub, puts
 *   back a fresh copy of its own markup and runs its own script again (a second instance of the module, which opens
 *   the store anew): the same code path from a clean page.
 * - A full quota on import: `IDBObjectStore.prototype.put` throws `QuotaExceededError` for the imported pack's
 *   record only, installed in the loaded options page (the store looks the method up on each call); the message
 *   names the file, the pack stored before stays on and marked, and no half-written pack appears.
 */
import path from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachBrowser, type E2EEnv, type TestPage } from './harness';
import { chooseFiles } from './extension-page';
import { buildEnvoyPack } from './test-pack';
import { markBox } from './hostile-kit';

const OUT_DIR = path.resolve('artifacts/e2e/pack-storage');
const ENVOY = 'Jeanine Hennis-Plasschaert';
const LIVE_MS = 5_000;

let packText = '';
beforeAll(() => {
  packText = buildEnvoyPack(OUT_DIR);
});

const extensionPages = new Set<TestPage>();
afterEach(async () => {
  await Promise.all([...extensionPages].map((page) => page.close()));
  extensionPages.clear();
});

/** Chromium, before the options page's scripts: IndexedDB cannot be opened (as in a private window). */
function noIndexedDb(): void {
  IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
}

/**
 * Firefox: in the loaded options page, IndexedDB cannot be opened any more, and the page starts again from its own
 * markup and script (see the file's comment).
 */
async function restartWithoutIndexedDb(): Promise<void> {
  IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  const html = await (await fetch(location.href)).text();
  const fresh = new DOMParser().parseFromString(html, 'text/html');
  const src = fresh.querySelector('script[type="module"]')?.getAttribute('src');
  if (!src) throw new Error('the options page has no module script');
  document.body.replaceWith(document.adoptNode(fresh.body));
  // A script element, not `import()` (vitest rewrites that in functions it sends to the page).
  const script = document.createElement('script');
  script.type = 'module';
  script.src = `${new URL(src, location.href).href}?again`;
  document.head.append(script);
}

/** In the options page: storing a pack record whose id starts with `full-` hits a full quota. */
function fullQuota(): void {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function guarded(this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const id = (value as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id.startsWith('full-')) {
      throw new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError');
    }
    return put.call(this, value, key);
  };
}

/**
 * Opens the options page, with `init` run before its scripts when given (Firefox's BiDi never reports `load` for
 * moz-extension:// navigations: polled), and waits until it has shown its packs.
 */
async function openOptions(env: E2EEnv, options: { indexedDb?: boolean } = {}): Promise<TestPage> {
  const origin = env.browser.extensionOrigin;
  if (!origin) throw new Error('no extension origin (is the gecko id in the manifest?)');
  const url = new URL('options.html', origin).href;
  const page = await env.browser.newPage();
  extensionPages.add(page);
  const raw = page.raw;
  const ready = () => page.waitFor(() => document.getElementById('bs-options')?.dataset.ready === 'true', undefined);
  if (raw.kind === 'playwright') {
    if (options.indexedDb === false) await raw.page.addInitScript(noIndexedDb);
    await page.goto(url);
    await ready();
  } else {
    void raw.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 15_000 }).catch(() => undefined);
    await page.waitFor((expected) => location.href === expected && document.readyState !== 'loading', url);
    await ready();
    if (options.indexedDb === false) {
      await page.evaluate(restartWithoutIndexedDb, undefined);
      await ready();
    }
  }
  return page;
}

/** In the options page: the pack status line once it names `wanted`. */
function statusNaming(wanted: string): string | null {
  const text = document.getElementById('bs-pack-status')?.textContent ?? '';
  return text.includes(wanted) ? text : null;
}

const packIds = () =>
  Array.from(document.querySelectorAll<HTMLElement>('#bs-pack-list li[data-pack]'), (li) => li.dataset.pack);

describeEachBrowser('pack storage failures', (env) => {
  it('without IndexedDB the options page says so, the bundled pack still marks, an import changes nothing', async () => {
    const options = await openOptions(env, { indexedDb: false });
    const status = await options.waitFor(statusNaming, 'cannot be stored in this window');
    expect(status).toContain('The bundled pack still works');
    // The bundled pack is listed, and still marks pages.
    expect(await options.evaluate(packIds, undefined)).toEqual(['iraq-july-2021']);
    const article = await env.openPage('un-briefing.html');
    await article.waitFor(markBox, 'Mustafa al-Kadhimi', { timeout: 10_000 });

    expect(await options.evaluate(chooseFiles, [{ name: 'un-envoy.json', text: packText }])).toBe(true);
    await options.waitFor(
      () => {
        const text = document.getElementById('bs-pack-status')?.textContent ?? '';
        return !text.includes('Imported') && /cannot be stored in this window/.test(text) ? text : null;
      },
      undefined,
      { timeout: LIVE_MS },
    );
    // Nothing was stored: a normal options page lists the bundled pack alone, and the article never marks the envoy.
    const normal = await openOptions(env);
    expect(await normal.evaluate(packIds, undefined)).toEqual(['iraq-july-2021']);
    expect(await article.evaluate(markBox, ENVOY)).toBeNull();
    expect(await article.evaluate(markBox, 'Mustafa al-Kadhimi')).not.toBeNull();
  });

  it('a full quota on import names the file; the packs stored before are unaffected and nothing is lost', async () => {
    const article = await env.openPage('un-briefing.html');
    await article.waitFor(markBox, 'Mustafa al-Kadhimi', { timeout: 10_000 });
    // A pack stored normally first.
    const normal = await openOptions(env);
    await normal.evaluate(chooseFiles, [{ name: 'un-envoy.json', text: packText }]);
    await normal.waitFor(statusNaming, 'Imported');
    await article.waitFor(markBox, ENVOY, { timeout: LIVE_MS });

    const full = await openOptions(env);
    await full.evaluate(fullQuota, undefined);
    const other = { ...(JSON.parse(packText) as object), id: 'full-envoy-copy' };
    await full.evaluate(chooseFiles, [{ name: 'second-pack.json', text: JSON.stringify(other) }]);
    const status = await full.waitFor(statusNaming, 'second-pack.json', { timeout: LIVE_MS });
    expect(status).toBe(
      "Could not save second-pack.json: the browser's storage for Backstory is full. Delete a pack or free disk " +
        'space; nothing was changed.',
    );
    expect(await full.evaluate(packIds, undefined)).toEqual(['iraq-july-2021', 'un-envoy-2021']);

    // Nothing lost, nothing half-written: a fresh options page lists the same packs; both packs still mark.
    const again = await openOptions(env);
    expect(await again.evaluate(packIds, undefined)).toEqual(['iraq-july-2021', 'un-envoy-2021']);
    expect(await article.evaluate(markBox, ENVOY)).not.toBeNull();
    expect(await article.evaluate(markBox, 'Mustafa al-Kadhimi')).not.toBeNull();
  });
});
