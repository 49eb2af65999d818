/**
 * The extension's whole main-thread bill for one page load, as the browser pays it: a V8 CPU profile of the page's
 * renderer from before navigation until the page has settled, every sample with our code on the stack counted
 * (start-up, settings, messages, walk, match, marks, observers; see cpu-profile.ts), split at the first highlighting
 * pass into start-up and the rest. Beside it, without profiling: the renderer's task time (`Performance.getMetrics`
 * `TaskDuration`) of the same load, to compare with a load of the page without the extension (the cross-check that
 * needs no attribution at all), and mark.js marking the same alias list in a page without the extension.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { inclusiveCost, profileCost, type CpuProfile, type FunctionCost } from './cpu-profile';

/** Sampling interval of the profiler, µs (DevTools' default is 1,000). */
export const SAMPLING_US = 500;

/** One profiled load of a page with the extension. */
export interface ProfiledLoad {
  /** Main-thread time with our code on the stack, from navigation until settled, ms. */
  readonly ourMs: number;
  /** Of it, before the first highlighting pass started (module, settings, messages, matcher), ms. */
  readonly startupMs: number;
  /** The longest stretch of our code without a break, ms. */
  readonly longestStretchMs: number;
  /** The renderer's task time for the whole load, ms (with the profiler's own overhead). */
  readonly taskMs: number;
  /** Our most costly functions in this load. */
  readonly top: readonly FunctionCost[];
  /** Time profiled, ms. */
  readonly profiledMs: number;
  /** Start-up only: our functions by self time, and by total time (anywhere on the stack). */
  readonly startupSelf: readonly FunctionCost[];
  readonly startupTotal: readonly FunctionCost[];
}

/** One load of the page without the extension. */
export interface PlainLoad {
  /** The renderer's task time for the whole load, ms. */
  readonly taskMs: number;
}

interface Metrics {
  metrics: { name: string; value: number }[];
}

async function metric(session: CDPSession, name: string): Promise<number> {
  const { metrics } = (await session.send('Performance.getMetrics')) as Metrics;
  return metrics.find((entry) => entry.name === name)?.value ?? 0;
}

/** `performance.now()` of the first `backstory:scan` measure's start, or null. */
function firstScanStart(): number | null {
  const scan = performance.getEntriesByName('backstory:scan')[0];
  return scan ? scan.startTime : null;
}

export interface LoadSteps {
  /** Navigates the page (`page.goto` until `load`, with the caller's timeout). */
  navigate(page: Page): Promise<void>;
  /** Waits until the page (and the extension, when loaded) is settled. */
  settle(page: Page): Promise<void>;
}

/**
 * Loads `page` with the profiler running and returns what our scripts (`isOurs(url)`) cost. The page must be new
 * (nothing loaded yet) and its context must have the extension loaded.
 */
export async function profiledLoad(
  context: BrowserContext,
  page: Page,
  isOurs: (url: string) => boolean,
  steps: LoadSteps,
): Promise<ProfiledLoad> {
  const session = await context.newCDPSession(page);
  try {
    await session.send('Performance.enable', { timeDomain: 'timeTicks' });
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await session.send('Profiler.start');
    await steps.navigate(page);
    await steps.settle(page);
    const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
    const taskMs = (await metric(session, 'TaskDuration')) * 1000;
    // Both in the renderer's monotonic clock (seconds for the metric, µs for the profile): a page's `performance.now()`
    // is relative to its navigation start.
    const navigationStartUs = (await metric(session, 'NavigationStart')) * 1e6;
    const scanAt = await page.evaluate(firstScanStart);
    const cost = profileCost(profile, isOurs);
    const split = scanAt === null ? profile.endTime : navigationStartUs + scanAt * 1000;
    const startupProfile = { ...profile, ...untilTime(profile, split) };
    const startup = profileCost(startupProfile, isOurs, 40);
    return {
      ourMs: cost.ourMs,
      startupMs: startup.ourMs,
      longestStretchMs: cost.longestStretchMs,
      taskMs,
      top: cost.top,
      profiledMs: cost.profiledMs,
      startupSelf: startup.top,
      startupTotal: inclusiveCost(startupProfile, isOurs, 40),
    };
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** The samples of `profile` taken before `endUs`. */
function untilTime(profile: CpuProfile, endUs: number): Pick<CpuProfile, 'samples' | 'timeDeltas' | 'endTime'> {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let t = profile.startTime;
  const all = profile.samples ?? [];
  for (let i = 0; i < all.length; i++) {
    t += profile.timeDeltas?.[i] ?? 0;
    if (t >= endUs) break;
    samples.push(all[i] ?? 0);
    timeDeltas.push(profile.timeDeltas?.[i] ?? 0);
  }
  return { samples, timeDeltas, endTime: Math.min(endUs, profile.endTime) };
}

/** Loads `page` (a context without the extension) and returns its task time. */
export async function plainLoad(context: BrowserContext, page: Page, steps: LoadSteps): Promise<PlainLoad> {
  const session = await context.newCDPSession(page);
  try {
    await session.send('Performance.enable', { timeDomain: 'timeTicks' });
    await steps.navigate(page);
    await steps.settle(page);
    return { taskMs: (await metric(session, 'TaskDuration')) * 1000 };
  } finally {
    await session.detach().catch(() => undefined);
  }
}

let markJsSource: string | undefined;

/** mark.js's browser build (UMD: defines `Mark` in the world it runs in). */
function markJs(): string {
  markJsSource ??= readFileSync(createRequire(import.meta.url).resolve('mark.js/dist/mark.min.js'), 'utf8');
  return markJsSource;
}

/**
 * mark.js marking `aliases` in the body of a loaded page, in an isolated world of its own (the page's scripts
 * cannot interfere): one `mark()` call with every alias, exact words, no separate word search, cold. Wraps matches
 * in `<mark>` elements, so the page is spent afterwards. Returns the time of the call, ms, and the marks made.
 */
export async function markJsTime(
  context: BrowserContext,
  page: Page,
  aliases: readonly string[],
): Promise<{ ms: number; marks: number }> {
  const session = await context.newCDPSession(page);
  try {
    const tree = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = await session.send('Page.createIsolatedWorld', {
      frameId: tree.frameTree.frame.id,
      worldName: 'backstory-markjs',
    });
    const load = await session.send('Runtime.evaluate', { expression: markJs(), contextId: executionContextId });
    if (load.exceptionDetails) throw new Error(`mark.js did not load: ${load.exceptionDetails.text}`);
    const run = `(() => {
      const keywords = ${JSON.stringify(aliases)};
      let marks = 0;
      const started = performance.now();
      new Mark(document.body).mark(keywords, {
        separateWordSearch: false,
        accuracy: 'exactly',
        diacritics: false,
        exclude: ['script', 'style', 'noscript', 'template', 'textarea', 'select'],
        each: () => { marks++; },
      });
      return { ms: performance.now() - started, marks };
    })()`;
    const result = await session.send('Runtime.evaluate', {
      expression: run,
      contextId: executionContextId,
      returnByValue: true,
    });
    if (result.exceptionDetails) throw new Error(`mark.js threw: ${result.exceptionDetails.text}`);
    return result.result.value as { ms: number; marks: number };
  } finally {
    await session.detach().catch(() => undefined);
  }
}
