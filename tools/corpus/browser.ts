/**
 * Driving Chromium for the corpus run: launching it with and without the extension, opening a page with its errors
 * watched, running the in-page probes (main world, our isolated world, fresh isolated worlds), waiting until the
 * extension's passes are done.
 */
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumExtensionArgs, withTimeout } from '../browsers/browsers';
import { newErrorLog, watchErrors, type ErrorLog } from './errors';
import { LONG_TASK_RECORDER, measureFloor, readState, waitForIdle, type PageState } from './probes';
import { MAX_SETTLE_MS, MIN_SETTLE_MS, POLL_MS, QUIET_MS, VIEWPORT } from './tunables';

/** Runs a serialised in-page function. tsx wraps named inner functions in `__name(…)`; the page gets a stand-in. */
export async function inPage<A, R>(page: Page, fn: (arg: A) => R, arg: A, timeout: number): Promise<Awaited<R>> {
  const expression = `((__name) => (${fn.toString()})(${JSON.stringify(arg)}))((f) => f)`;
  return withTimeout(page.evaluate(expression) as Promise<Awaited<R>>, timeout, `evaluating ${fn.name} in the page`);
}

/**
 * Runs a serialised function in an isolated world of the page (its own globals, the same DOM): what a page does to
 * the DOM prototypes in its own world cannot fool it. The world is created on first use.
 */
export async function inWorld<A, R>(load: Load, fn: (arg: A) => R, arg: A, timeout: number): Promise<Awaited<R>> {
  const run = async (): Promise<Awaited<R>> => {
    if (load.world === undefined) {
      const tree = (await load.session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      const world = await load.session.send('Page.createIsolatedWorld', {
        frameId: tree.frameTree.frame.id,
        worldName: 'backstory-corpus',
      });
      load.world = world.executionContextId;
    }
    const result = await load.session.send('Runtime.evaluate', {
      expression: `((__name) => (${fn.toString()})(${JSON.stringify(arg)}))((f) => f)`,
      contextId: load.world,
      returnByValue: true,
      awaitPromise: true,
    });
    if (result.exceptionDetails) {
      const details = result.exceptionDetails;
      throw new Error(`${fn.name} threw in the page: ${details.exception?.description ?? details.text}`);
    }
    return result.result.value as Awaited<R>;
  };
  return withTimeout(run(), timeout, `evaluating ${fn.name} in the page`);
}

/** Runs a serialised function once in a new isolated world of the page (nothing of ours has run there yet). */
let freshWorlds = 0;
export async function inFreshWorld<A, R>(load: Load, fn: (arg: A) => R, arg: A, timeout: number): Promise<Awaited<R>> {
  const tree = (await load.session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const world = await load.session.send('Page.createIsolatedWorld', {
    frameId: tree.frameTree.frame.id,
    worldName: `backstory-floor-${++freshWorlds}`,
  });
  return inWorld({ ...load, world: world.executionContextId }, fn, arg, timeout);
}

/**
 * The floor at load: waits for the page's first idle period after `load` (when our first pass runs; at most
 * 500 ms), then one floor run in a fresh isolated world. Call it before anything else reads the page.
 */
export async function floorAtLoad(load: Load): Promise<number> {
  await inPage(load.page, waitForIdle, 500, 5_000);
  const result = await inFreshWorld(load, measureFloor, 1, 15_000);
  return result.runs[0] ?? 0;
}

/**
 * A headless Chromium (fresh profile) with the unpacked extension at `extensionDir` loaded, or without any extension
 * for `null`; long tasks are recorded in every page it opens.
 */
export async function launchContext(extensionDir: string | null): Promise<BrowserContext> {
  const args = extensionDir ? [...chromiumExtensionArgs(extensionDir), ...CHROMIUM_ARGS] : [...CHROMIUM_ARGS];
  const context = await withTimeout(
    chromium.launchPersistentContext('', {
      executablePath: CHROMIUM_PATH,
      headless: true,
      timeout: 30_000,
      viewport: VIEWPORT,
      reducedMotion: 'reduce',
      args,
    }),
    30_000,
    `launching Chromium ${extensionDir ? 'with' : 'without'} the extension`,
  );
  if (extensionDir) {
    // The extension is loaded once its service worker runs.
    try {
      if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 10_000 });
    } catch (error) {
      await closeQuietly(context);
      throw new Error(`The extension did not start in Chromium: ${(error as Error).message}`, { cause: error });
    }
  }
  await context.addInitScript({ content: LONG_TASK_RECORDER });
  return context;
}

export async function closeQuietly(target: { close(): Promise<unknown> }): Promise<void> {
  await withTimeout(target.close(), 10_000, 'closing').catch(() => undefined);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Load {
  page: Page;
  /** The page's DevTools session (Runtime and Log enabled). */
  session: CDPSession;
  /** Errors and console output of every world of the page, counted from before navigation until the page closes. */
  errors: ErrorLog;
  /** The execution context id of our isolated world, once created. */
  world?: number;
}

/** Opens `url` in a new tab of `context` (pushed to `opened`, for the caller to close) and waits for `load`. */
export async function openPage(context: BrowserContext, url: string, deadline: number, opened: Page[]): Promise<Load> {
  const page = await withTimeout(context.newPage(), 10_000, 'opening a tab');
  opened.push(page);
  const errors = newErrorLog();
  const session = await context.newCDPSession(page);
  await withTimeout(watchErrors(session, errors), 10_000, 'enabling the protocol domains');
  const timeout = Math.max(1_000, deadline - Date.now());
  await page.goto(url, { waitUntil: 'load', timeout });
  return { page, session, errors };
}

/** Waits until the extension's passes are done (or, without the extension, for the same minimum time). */
export async function settle(
  page: Page,
  withExtension: boolean,
  deadline: number,
): Promise<{ state: PageState; settled: boolean }> {
  const started = Date.now();
  const limit = Math.min(deadline - 2_000, started + MAX_SETTLE_MS);
  let state = await inPage(page, readState, undefined, 10_000);
  const maxPolls = Math.ceil(MAX_SETTLE_MS / POLL_MS) + 1;
  for (let poll = 0; poll < maxPolls; poll++) {
    const sinceLoad = state.now - state.loadEnd;
    const lastEnd = Math.max(0, ...state.measures.map((m) => m.start + m.duration));
    const hasScan = state.measures.some((m) => m.name === 'backstory:scan');
    const quiet = state.now - lastEnd >= QUIET_MS;
    if (sinceLoad >= MIN_SETTLE_MS && (!withExtension || (hasScan && quiet))) return { state, settled: true };
    if (Date.now() >= limit) break;
    await sleep(POLL_MS);
    state = await inPage(page, readState, undefined, 10_000);
  }
  return { state, settled: false };
}
