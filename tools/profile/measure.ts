/**
 * The headline cost figures, per page, in one run: for each of `loads` rounds, four fresh tabs of the page —
 *
 * 1. with the extension, CPU-profiled from navigation until settled: our main-thread time, start-up, the longest
 *    stretch (load-cost.ts);
 * 2. with the extension, not profiled: the renderer's task time (the cross-check's "with");
 * 3. without the extension: the renderer's task time (the cross-check's "without"), then mark.js marking the pack's
 *    alias list in that page (an isolated world of its own);
 * 4. without the extension: the floor, one TreeWalker pass reading the page's text in a fresh isolated world at the
 *    page's first idle period after load (tools/corpus: the same floor the corpus reports).
 *
 * Each timed load starts QUIET_BEFORE_TIMED_LOAD_MS after the previous tab closed. Medians per page; the longest
 * stretch is the worst of the loads.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { closeQuietly, floorAtLoad, launchContext, openPage, settle, sleep } from '../corpus/browser';
import { median } from '../corpus/stats';
import { QUIET_BEFORE_TIMED_LOAD_MS } from '../corpus/tunables';
import type { FunctionCost } from './cpu-profile';
import { extensionScripts } from './cpu-profile';
import { markJsTime, plainLoad, profiledLoad, type LoadSteps, type ProfiledLoad } from './load-cost';

/** Per-page time limit of one load, ms. */
const LOAD_TIMEOUT_MS = 30_000;

export interface PageCost {
  readonly file: string;
  readonly sizeBytes: number;
  readonly loads: number;
  /** Median main-thread time of our code per load, ms, and every load's figure. */
  readonly ourMs: number;
  readonly ourRunsMs: readonly number[];
  /** Median of it before the first pass, ms. */
  readonly startupMs: number;
  /** Worst longest stretch of our code over the loads, ms. */
  readonly longestStretchMs: number;
  /** Median cold TreeWalker pass in a fresh isolated world, ms. */
  readonly floorMs: number;
  /** ourMs / floorMs. */
  readonly ratio: number;
  /** Median renderer task time per load with and without the extension (not profiled), ms, and their difference. */
  readonly taskWithMs: number;
  readonly taskWithoutMs: number;
  readonly taskDeltaMs: number;
  /** Median time of mark.js marking the alias list, ms; the marks it made; markJsMs / ourMs. */
  readonly markJsMs: number;
  readonly markJsMarks: number;
  readonly markJsRatio: number;
  /** Our costliest functions in the median load. */
  readonly top: readonly FunctionCost[];
  /** Start-up by function, mean per load over the loads: self time, and total time (anywhere on the stack). */
  readonly startupSelf: readonly FunctionCost[];
  readonly startupTotal: readonly FunctionCost[];
}

export interface MeasureOptions {
  /** Base URL the pages are served from (ends with `/`). */
  readonly baseUrl: string;
  readonly files: readonly { readonly file: string; readonly sizeBytes: number }[];
  readonly extensionDir: string;
  readonly loads: number;
  /** The alias list mark.js marks (every alias of the pack). */
  readonly aliases: readonly string[];
  /** Loads in which mark.js is timed too (default: all; it takes up to 20 s a load on the largest pages). */
  readonly markJsLoads?: number;
  /**
   * Loads with the extension only (the profiled one and the unprofiled one of the cross-check): no load without
   * it, no floor, no mark.js (their fields are NaN). For variants compared with a full measure of the same run.
   */
  readonly withOnly?: boolean;
  /** Run once in the context with the extension before the first page (e.g. importing packs). */
  readonly prepare?: (context: BrowserContext) => Promise<void>;
  readonly log?: (line: string) => void;
}

/** The service worker's origin: every script of ours has it. */
function extensionOrigin(context: BrowserContext): string {
  const worker = context.serviceWorkers()[0];
  if (!worker) throw new Error('The extension has no service worker');
  return `chrome-extension://${new URL(worker.url()).host}`;
}

function stepsFor(url: string, withExtension: boolean): LoadSteps {
  return {
    navigate: async (page) => {
      await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    },
    settle: async (page) => {
      await settle(page, withExtension, Date.now() + LOAD_TIMEOUT_MS);
    },
  };
}

/** Opens a tab after the quiet pause, runs `fn` in it, closes it. */
async function inNewTab<T>(context: BrowserContext, fn: (page: Page) => Promise<T>): Promise<T> {
  await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
  const page = await context.newPage();
  try {
    return await fn(page);
  } finally {
    await closeQuietly(page);
  }
}

interface Round {
  readonly profiled: ProfiledLoad;
  readonly taskWithMs: number;
  readonly taskWithoutMs: number;
  /** Null in the loads where mark.js was not timed. */
  readonly markJs: { ms: number; marks: number } | null;
  readonly floorMs: number;
}

async function round(
  contexts: { readonly with: BrowserContext; readonly without: BrowserContext | null },
  url: string,
  isOurs: (url: string) => boolean,
  aliases: readonly string[] | null,
): Promise<Round> {
  const profiled = await inNewTab(contexts.with, (page) =>
    profiledLoad(contexts.with, page, isOurs, stepsFor(url, true)),
  );
  const withTask = await inNewTab(contexts.with, (page) => plainLoad(contexts.with, page, stepsFor(url, true)));
  if (!contexts.without) {
    return { profiled, taskWithMs: withTask.taskMs, taskWithoutMs: NaN, markJs: null, floorMs: NaN };
  }
  const without = contexts.without;
  const plain = await inNewTab(without, async (page) => {
    const load = await plainLoad(without, page, stepsFor(url, false));
    const markJs = aliases ? await markJsTime(without, page, aliases) : null;
    return { taskMs: load.taskMs, markJs };
  });
  await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
  const opened: Page[] = [];
  let floorMs: number;
  try {
    floorMs = await floorAtLoad(await openPage(without, url, Date.now() + LOAD_TIMEOUT_MS, opened));
  } finally {
    await Promise.all(opened.map(closeQuietly));
  }
  return { profiled, taskWithMs: withTask.taskMs, taskWithoutMs: plain.taskMs, markJs: plain.markJs, floorMs };
}

function summarise(file: string, sizeBytes: number, rounds: readonly Round[]): PageCost {
  const ours = rounds.map((r) => r.profiled.ourMs);
  const ourMs = median(ours);
  const floorMs = median(rounds.map((r) => r.floorMs));
  const taskWithMs = median(rounds.map((r) => r.taskWithMs));
  const taskWithoutMs = median(rounds.map((r) => r.taskWithoutMs));
  const markJsRuns = rounds.flatMap((r) => (r.markJs ? [r.markJs] : []));
  const markJsMs = median(markJsRuns.map((run) => run.ms));
  const medianRound = [...rounds].sort((a, b) => a.profiled.ourMs - b.profiled.ourMs)[Math.floor(rounds.length / 2)];
  return {
    file,
    sizeBytes,
    loads: rounds.length,
    ourMs,
    ourRunsMs: ours,
    startupMs: median(rounds.map((r) => r.profiled.startupMs)),
    longestStretchMs: Math.max(0, ...rounds.map((r) => r.profiled.longestStretchMs)),
    floorMs,
    ratio: floorMs > 0 ? ourMs / floorMs : Number.POSITIVE_INFINITY,
    taskWithMs,
    taskWithoutMs,
    taskDeltaMs: taskWithMs - taskWithoutMs,
    markJsMs,
    markJsMarks: median(markJsRuns.map((run) => run.marks)),
    markJsRatio: ourMs > 0 ? markJsMs / ourMs : Number.POSITIVE_INFINITY,
    top: medianRound?.profiled.top ?? [],
    startupSelf: meanPerLoad(rounds.map((r) => r.profiled.startupSelf)),
    startupTotal: meanPerLoad(rounds.map((r) => r.profiled.startupTotal)),
  };
}

/** Each function's time summed over the loads and divided by their number, most costly first. */
function meanPerLoad(loads: readonly (readonly FunctionCost[])[], top = 25): FunctionCost[] {
  const sum = new Map<string, FunctionCost>();
  for (const load of loads) {
    for (const fn of load) {
      const key = `${fn.name}\u0000${fn.url}\u0000${fn.line}`;
      const before = sum.get(key);
      sum.set(key, { ...fn, selfMs: (before?.selfMs ?? 0) + fn.selfMs });
    }
  }
  return [...sum.values()]
    .map((fn) => ({ ...fn, selfMs: fn.selfMs / Math.max(1, loads.length) }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
}

/** Measures every page of `options.files`; one Chromium with the extension and one without, for the whole run. */
export async function measureLoadCosts(options: MeasureOptions): Promise<PageCost[]> {
  const withExtension = await launchContext(options.extensionDir);
  const without = options.withOnly
    ? null
    : await launchContext(null).catch(async (error: unknown) => {
        await closeQuietly(withExtension);
        throw error;
      });
  const contexts = { with: withExtension, without };
  const isOurs = extensionScripts(extensionOrigin(withExtension));
  const costs: PageCost[] = [];
  try {
    await options.prepare?.(withExtension);
    for (const { file, sizeBytes } of options.files) {
      const url = new URL(encodeURIComponent(file), options.baseUrl).href;
      const rounds: Round[] = [];
      const markJsLoads = options.markJsLoads ?? options.loads;
      for (let i = 0; i < options.loads; i++) {
        rounds.push(await round(contexts, url, isOurs, i < markJsLoads && without ? options.aliases : null));
      }
      const cost = summarise(file, sizeBytes, rounds);
      const ours =
        `${file}: ours ${cost.ourMs.toFixed(1)} ms (start-up ${cost.startupMs.toFixed(1)}, longest stretch ` +
        `${cost.longestStretchMs.toFixed(1)})`;
      // Loads with the extension only (the 50-pack loads) have no floor, cross-check or mark.js to show.
      options.log?.(
        without
          ? `${ours}, floor ${cost.floorMs.toFixed(1)} ms, ×${cost.ratio.toFixed(2)}; ` +
              `tasks +${cost.taskDeltaMs.toFixed(0)} ms; mark.js ${cost.markJsMs.toFixed(0)} ms (${cost.markJsRatio.toFixed(0)}×)`
          : ours,
      );
      costs.push(cost);
    }
  } finally {
    await closeQuietly(withExtension);
    if (without) await closeQuietly(without);
  }
  return costs;
}

/** The pages the headline figures are measured on: the `largest` largest and `smallest` smallest of a folder. */
export function headlinePages<T extends { readonly sizeBytes: number }>(
  pages: readonly T[],
  largest = 5,
  smallest = 3,
): { largest: T[]; smallest: T[] } {
  const bySize = [...pages].sort((a, b) => b.sizeBytes - a.sizeBytes);
  const big = bySize.slice(0, largest);
  const small = bySize.slice(big.length).slice(-smallest).reverse();
  return { largest: big, smallest: small };
}
