/**
 * The corpus run: `npm run corpus -- <folder> [--out artifacts/corpus] [--max-pages N] [--largest N] [--timeout ms]
 * [--filter s] [--extension dir]` (`--largest`: only the N largest pages; `--extension`: another unpacked Chromium
 * build, default `.output/chrome-mv3`).
 *
 * Serves every `.html` page of `<folder>` from 127.0.0.1 (with the CSP header that keeps everything on this machine)
 * and opens each in Chromium twice: once with the built extension (`.output/chrome-mv3`, built beforehand: this
 * command builds nothing) and once in a plain context without it. Per page it reports the marks per entity and quote,
 * the pass time against a floor measured in the same page, long tasks, page and console errors (the extension's
 * apart), whether the page's text and layout stayed exactly the same, and marks in places where marks must never go.
 * Then it turns Backstory off for the site the way the popup's switch does (the `run-action` `toggle-site` message
 * to the background, which writes the site list to the settings storage) and checks that the page is back to what it
 * was without the extension: no `backstory-` highlight, no `<backstory-card>`, the same text and block boxes. It turns
 * the site back on before the next page.
 *
 * Writes `report.json` and `report.md` to the out folder, prints the table and a summary, and exits with 1 when
 * anything broke (text or layout changed, forbidden marks, errors or console output from the extension at any time of
 * the visit, a page that hangs only with the extension, anything left or changed after turning it off), 0 otherwise,
 * 2 on bad usage.
 *
 * Everything is bounded: a per-page time limit, a page count limit, and every wait loop bounded in count and time.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  chromiumExtensionArgs,
  EXTENSION_DIRS,
  withTimeout,
} from '../tools/browsers/browsers';
import { startServer, type StaticServer } from '../tools/browsers/serve';

// ── Options ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface CorpusOptions {
  folder: string;
  out: string;
  maxPages: number;
  /** Time limit for one page (both loads, waits and measurements), ms. */
  pageTimeout: number;
  /** Only pages whose file name contains this. */
  filter: string | undefined;
  /** Only the N largest pages (after `filter`), instead of the first `maxPages` by name. */
  largest: number | undefined;
  extensionDir: string;
}

const USAGE =
  'usage: npm run corpus -- <folder> [--out artifacts/corpus] [--max-pages 500] [--largest N] [--timeout 30000]' +
  ' [--filter text] [--extension .output/chrome-mv3]';

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): CorpusOptions {
  const options: CorpusOptions = {
    folder: '',
    out: 'artifacts/corpus',
    maxPages: 500,
    pageTimeout: 30_000,
    filter: undefined,
    largest: undefined,
    extensionDir: EXTENSION_DIRS.chromium,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    const count = (name: string, min: number): number => {
      const number = Number(value());
      if (!Number.isInteger(number) || number < min) throw new UsageError(`${name} must be an integer ≥ ${min}`);
      return number;
    };
    if (arg === '--out') options.out = value();
    else if (arg === '--max-pages') options.maxPages = count('--max-pages', 1);
    else if (arg === '--largest') options.largest = count('--largest', 1);
    else if (arg === '--timeout') options.pageTimeout = count('--timeout', 5_000);
    else if (arg === '--filter') options.filter = value();
    else if (arg === '--extension') options.extensionDir = value();
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError('give exactly one folder of saved pages');
  options.folder = positional[0] ?? '';
  return options;
}

// ── Tunables ────────────────────────────────────────────────────────────────────────────────────────────────────

/** The extension's work is done when no `backstory:` measure appeared for this long… */
const QUIET_MS = 700;
/** …and at least this long has passed since `load` (debounced re-scans run within ~1 s of a mutation). */
const MIN_SETTLE_MS = 1_500;
/** The longest we wait for the page to settle; past it the page is measured anyway and flagged. */
const MAX_SETTLE_MS = 10_000;
const POLL_MS = 100;
/** Floor runs (median taken). */
const FLOOR_RUNS = 15;
/**
 * Fresh isolated worlds the cold floor runs in, one run each. Our pass runs once per page, in the content script's
 * isolated world, with cold code and no DOM wrappers made yet; the floor it is compared with is measured the same way.
 */
const COLD_FLOOR_WORLDS = 3;
/**
 * Loads of the page without the extension whose floor is measured at load: one TreeWalker pass in a fresh isolated
 * world, in the page's first idle period after `load` (when our first pass runs), before anything else walked the
 * page. The floors measured later in the page with the extension come after our own pass and the page's settling,
 * with the DOM already walked and warm in the CPU caches, and run 1.1-1.7× faster than at load on the largest pages.
 */
const AT_LOAD_FLOOR_LOADS = 5;
/**
 * A pause before each load whose first pass or floor is timed: the tab closed just before is still being torn down
 * (its renderer exits, the browser cleans up), and on a 2-core machine that work lands in whatever runs next. With
 * back-to-back loads, the median page's pass swung 7.5-25 ms from load to load.
 */
const QUIET_BEFORE_TIMED_LOAD_MS = 400;
/**
 * The largest pages, whose median ratio the summary reports: they get {@link AT_LOAD_FLOOR_LOADS} loads without the
 * extension for the floor and as many with it for the pass (the first full pass of each load; median of each).
 */
const RATIO_PAGES = 5;
/** Block-level boxes compared between the two loads. */
const MAX_BOXES = 3_000;
/** A box moved or resized by more than this (CSS px) counts as a layout change. */
const BOX_TOLERANCE = 0.5;
const MAX_SAMPLES = 5;
const MAX_PAGE_BYTES_WARNING = 20_000_000;
const VIEWPORT = { width: 1280, height: 800 };
/** Tasks longer than this are long tasks (the browser's own threshold, and the issue's budget). */
const LONG_TASK_MS = 50;
/** Longest wait for the content script to report "off" and leave no highlight or card after the site is turned off. */
const TOGGLE_WAIT_MS = 5_000;
/** Then at least this long for anything the teardown might still do asynchronously, before the page is compared… */
const TOGGLE_SETTLE_MS = 100;
/** …and, before and after turning off, until the DOM had no mutation for this long (a page's own tickers)… */
const DOM_QUIET_MS = 250;
/** …waiting at most this long for it. */
const MAX_DOM_QUIET_WAIT_MS = 2_000;
const TOGGLE_POLL_MS = 50;

// ── Report shapes ───────────────────────────────────────────────────────────────────────────────────────────────

export interface Sample {
  text: string;
}

export interface ErrorSummary {
  /** Uncaught exceptions thrown by the page's own scripts. */
  pageErrors: number;
  /** Console errors of the page (exceptions excluded), CSP and network blocks excluded. */
  consoleErrors: number;
  /** Requests or resources blocked by the CSP, or failing to resolve: expected for saved pages. */
  blocked: number;
  /** Anything the extension threw or logged (any level). Must be 0. */
  extension: number;
  samples: { page: string[]; console: string[]; extension: string[] };
}

export interface ForbiddenMark {
  highlight: string;
  text: string;
  reason: string;
  where: string;
}

/** The page after Backstory was turned off for its site (by the popup switch's message), compared to without it. */
export interface ToggleOffReport {
  /**
   * `ok`: off, nothing left, the page as without the extension; `changed`: something left or different; `failed`: the
   * site could not be turned off, or the content script never reported "off"; `skipped`: the visit ended before.
   */
  status: 'ok' | 'changed' | 'failed' | 'skipped';
  /** From the toggle message to the content script reporting "off" with no highlight and no card left, ms. */
  reactMs: number | null;
  /** Ages of the page (ms since navigation) at the snapshots just before turning off and after. */
  agesMs: [number, number] | null;
  /** `backstory-` entries still in `CSS.highlights` after the wait. */
  highlightsLeft: number;
  /** `<backstory-card>` elements still in the document. */
  cardsLeft: number;
  /** The text differs from both the page without the extension and the page just before turning off. */
  textChanged: boolean;
  textDiff?: string;
  /** Block boxes that differ from both, likewise. */
  layoutChanged: number;
  layoutSamples: string[];
  domChanged: boolean;
  /** The site was turned back on afterwards (through the same message). */
  restored: boolean;
  /** What the page changed by itself over the same interval without the extension (not counted). */
  unstable: string[];
  problem?: string;
  /** One line per kind of difference; empty when the page is back as it was. */
  reasons: string[];
}

export interface PageReport {
  file: string;
  sizeBytes: number;
  status: 'ok' | 'timeout' | 'error';
  /** What went wrong when status is not ok. */
  problem?: string;
  /** `document.body.innerText.length` with the extension off. */
  textChars: number;
  /** Characters the highlighter read (the `chars` of its last full pass). */
  scanChars: number;
  marks: {
    /** Ranges registered under `backstory-` names. */
    total: number;
    byHighlight: Record<string, number>;
    /** Marks per entity or quote id, from the last `backstory:scan` detail. */
    byTarget: Record<string, number>;
    /** `kind: text` of the first marks. */
    samples: string[];
  };
  entitiesFound: number;
  quotesFound: number;
  measures: {
    scans: number[];
    updates: number[];
    /** Sum of every `backstory:` measure, ms. */
    sumMs: number;
    /**
     * The first full pass (`backstory:scan`) of each load with the extension, ms: the load analysed below first, then
     * the extra loads of the summary's pages ({@link AT_LOAD_FLOOR_LOADS} in all).
     */
    loadPassesMs: number[];
    /** Median of `loadPassesMs` (one load: its first pass); the pass time of the table and of the ratios. */
    passMs: number | null;
  };
  floor: {
    /** Repeated runs in the page's main world; the first pays for the JIT and the DOM wrappers, later ones do not. */
    runsMs: number[];
    /** Median of `runsMs`: the floor warm, in a world whose wrappers exist. */
    medianMs: number;
    textOnlyMedianMs: number;
    /** One run in each of {@link COLD_FLOOR_WORLDS} fresh isolated worlds: what a content script's first pass meets. */
    coldRunsMs: number[];
    /** Median of `coldRunsMs`: the floor after the pass, on the settled page. */
    coldMs: number;
    /**
     * One run per load of the page without the extension ({@link AT_LOAD_FLOOR_LOADS} loads for the largest pages, one
     * for the others), in a fresh isolated
     * world at the page's first idle period after `load`: the moment and conditions of our pass.
     */
    atLoadRunsMs: number[];
    /** Median of `atLoadRunsMs`: the floor the ratio uses. */
    atLoadMs: number;
    chars: number;
    textNodes: number;
  };
  /** passMs / floor.atLoadMs: our one pass against one TreeWalker pass in the same conditions (cold, at load). */
  ratio: number | null;
  /** passMs / floor.coldMs: against the cold floor measured after our pass, on the settled page. */
  settledRatio: number | null;
  /** passMs / floor.medianMs: against the warm main-world floor, for reference. */
  warmRatio: number | null;
  longTasks: {
    /** All long tasks in the page with the extension. */
    total: number;
    /** Long tasks overlapping one of our measures. */
    ours: number;
    longestOursMs: number;
    longestMs: number;
    /**
     * The long task holding the start of the first `backstory:scan`, if any: `[start, duration]`, and how much of it
     * ran before the scan began (the content script's start-up: loading the pack, building the matcher).
     */
    firstScanTask: { start: number; duration: number; beforeScanMs: number } | null;
    /** `[start, duration]` of the long tasks overlapping our measures (first 20). */
    oursList: [number, number][];
    /** Long tasks in the page without the extension (the page's own baseline). */
    withoutExtension: number;
  };
  errors: ErrorSummary;
  /** Errors of the same page without the extension, for comparison. */
  errorsWithoutExtension: Omit<ErrorSummary, 'samples'>;
  settled: boolean;
  breakage: {
    textChanged: boolean;
    textDiff?: string;
    layoutChanged: number;
    layoutSamples: string[];
    domChanged: boolean;
    forbiddenMarks: ForbiddenMark[];
    highlightsWithoutExtension: number;
    extensionErrors: number;
    /** The page without the extension differs between two loads (text or boxes that were then not compared). */
    unstable: string[];
    /** One line per kind of breakage; empty when the page is clean. */
    reasons: string[];
  };
  toggleOff: ToggleOffReport;
  elapsedMs: number;
}

export interface CorpusReport {
  folder: string;
  date: string;
  extensionDir: string;
  pages: PageReport[];
  summary: {
    pages: number;
    completed: number;
    largestFive: { file: string; sizeBytes: number; ratio: number | null }[];
    largestFiveMedianRatio: number | null;
    /** The same against the cold floor measured after the pass. */
    largestFiveMedianSettledRatio: number | null;
    /** The same against the warm main-world floor. */
    largestFiveMedianWarmRatio: number | null;
    longestTaskOfOurs: { file: string; ms: number } | null;
    /** Pages turned off with nothing left and nothing changed, of those that got there. */
    toggleOff: { ok: number; checked: number; medianReactMs: number | null };
    /** Errors and console messages from the extension, all pages, all of each visit. */
    extensionMessages: number;
    broken: number;
    breakage: { file: string; reasons: string[] }[];
    elapsedMs: number;
  };
}

// ── In-page functions (serialised: no closures, plain data in and out) ─────────────────────────────────────────

/** Installed before any page script: records long tasks in a non-enumerable global. */
const LONG_TASK_RECORDER = `(() => {
  try {
    const list = [];
    Object.defineProperty(window, '__backstoryCorpusLongTasks', { value: list, enumerable: false });
    new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) if (list.length < 10000) list.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

interface MeasureEntry {
  name: string;
  start: number;
  duration: number;
  detail: unknown;
}

interface PageState {
  measures: MeasureEntry[];
  longTasks: [number, number][];
  now: number;
  loadEnd: number;
}

function readState(): PageState {
  const measures = performance
    .getEntriesByType('measure')
    .filter((entry) => entry.name.startsWith('backstory:'))
    .slice(0, 5_000)
    .map((entry) => {
      let detail: unknown;
      try {
        detail = JSON.parse(JSON.stringify((entry as PerformanceMeasure).detail ?? null));
      } catch {
        detail = null;
      }
      return { name: entry.name, start: entry.startTime, duration: entry.duration, detail };
    });
  const recorded = (window as unknown as { __backstoryCorpusLongTasks?: [number, number][] })
    .__backstoryCorpusLongTasks;
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return {
    measures,
    longTasks: Array.isArray(recorded) ? recorded.slice(0, 10_000) : [],
    now: performance.now(),
    loadEnd: navigation?.loadEventEnd ?? 0,
  };
}

interface Snapshot {
  text: string;
  elementCount: number;
  /** A hash of the tag sequence, to tell a changed DOM shape. */
  shape: string;
  /** [element index, tag, x, y, width, height] of block-level elements, in document order. */
  boxes: [number, string, number, number, number, number][];
}

function takeSnapshot(maxBoxes: number): Snapshot {
  const body = document.body;
  if (!body) return { text: '', elementCount: 0, shape: '', boxes: [] };
  const all = body.getElementsByTagName('*');
  const boxes: Snapshot['boxes'] = [];
  let index = 0;
  let hash = 5381;
  const blockDisplay = /^(block|flex|grid|list-item|table|flow-root|inline-block|inline-flex|inline-grid)/;
  const round = (value: number) => Math.round(value * 100) / 100;
  for (let i = 0; i < all.length; i++) {
    const element = all[i];
    if (!element || element.localName === 'backstory-card') continue;
    index++;
    for (let c = 0; c < element.localName.length; c++) hash = ((hash * 33) ^ element.localName.charCodeAt(c)) >>> 0;
    if (boxes.length >= maxBoxes) continue;
    const display = getComputedStyle(element).display;
    if (!blockDisplay.test(display)) continue;
    const rect = element.getBoundingClientRect();
    boxes.push([
      index,
      element.localName,
      round(rect.left + scrollX),
      round(rect.top + scrollY),
      round(rect.width),
      round(rect.height),
    ]);
  }
  return { text: body.innerText, elementCount: index, shape: hash.toString(16), boxes };
}

interface FloorResult {
  runs: number[];
  /** The same read without the filter callback: a SHOW_TEXT walk that drops text whose parent is not prose. */
  textOnlyRuns: number[];
  chars: number;
  textNodes: number;
}

/**
 * The floor: one TreeWalker pass over the body reading the text of every node, rejecting the subtrees that are never
 * text (script, style…) the way any visible-text reader must. Run `runs` times (bounded to ~2 s), median taken by the
 * caller: the first runs pay for the JIT.
 */
function measureFloor(runs: number): FloorResult {
  const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'TEXTAREA', 'SELECT']);
  const result: FloorResult = { runs: [], textOnlyRuns: [], chars: 0, textNodes: 0 };
  const body = document.body;
  if (!body) return { ...result, runs: [0], textOnlyRuns: [0] };
  const budgetEnd = performance.now() + 2_000;
  for (let run = 0; run < runs && performance.now() < budgetEnd; run++) {
    let started = performance.now();
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.nodeType === 1 && skipped.has((node as Element).tagName)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    const parts: string[] = [];
    let nodes = 0;
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.nodeType === 3) {
        parts.push((node as Text).data);
        nodes++;
      }
    }
    const text = parts.join('');
    result.runs.push(performance.now() - started);
    result.chars = text.length;
    result.textNodes = nodes;

    started = performance.now();
    const texts = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const read: string[] = [];
    for (let node = texts.nextNode(); node !== null; node = texts.nextNode()) {
      if (!skipped.has(node.parentNode?.nodeName ?? '')) read.push((node as Text).data);
    }
    read.join('');
    result.textOnlyRuns.push(performance.now() - started);
  }
  return result;
}

interface HighlightScan {
  total: number;
  /** `highlight: text` of the first marks, to eyeball what was marked. */
  samples: string[];
  byHighlight: Record<string, number>;
  forbidden: ForbiddenMark[];
  forbiddenCount: number;
}

/** Every `backstory-` range, and those in places marks must never go. */
function scanHighlights(maxSamples: number): HighlightScan {
  const result: HighlightScan = { total: 0, samples: [], byHighlight: {}, forbidden: [], forbiddenCount: 0 };
  if (typeof CSS === 'undefined' || !CSS.highlights) return result;
  const forbiddenSelector =
    'input, textarea, select, option, button, code, pre, kbd, samp, script, style, noscript, template, svg, math, [aria-hidden="true"], [hidden]';
  const describe = (element: Element | null): string => {
    const parts: string[] = [];
    for (let e = element, depth = 0; e && depth < 4; e = e.parentElement, depth++) {
      parts.unshift(e.localName + (e.id ? `#${e.id}` : ''));
    }
    return parts.join(' > ');
  };
  const elementOf = (node: Node): Element | null =>
    node.nodeType === 1 ? (node as Element) : (node.parentElement ?? null);
  const reasonFor = (range: Range): string | null => {
    for (const node of [range.startContainer, range.endContainer]) {
      if (!node.isConnected || node.ownerDocument !== document) return 'outside the document';
      if (!document.body?.contains(node)) return 'outside the body';
    }
    if (range.collapsed) return 'empty range';
    for (const node of [range.startContainer, range.endContainer, range.commonAncestorContainer]) {
      const element = elementOf(node);
      if (!element) return 'no element';
      const bad = element.closest(forbiddenSelector);
      if (bad)
        return `inside <${bad.localName}${bad.hasAttribute('hidden') ? ' hidden' : ''}${bad.getAttribute('aria-hidden') === 'true' ? ' aria-hidden' : ''}>`;
      if ((element as HTMLElement).isContentEditable) return 'inside an editable area';
      const visible =
        typeof element.checkVisibility === 'function'
          ? element.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)
          : true;
      if (!visible) return 'inside a hidden element';
    }
    return null;
  };
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('backstory-')) return;
    let count = 0;
    for (const abstract of highlight as unknown as Iterable<AbstractRange>) {
      count++;
      if (result.samples.length < 40 && abstract instanceof Range) {
        result.samples.push(`${name.slice('backstory-'.length)}: ${abstract.toString().slice(0, 80)}`);
      }
      if (!(abstract instanceof Range)) continue;
      const reason = reasonFor(abstract);
      if (reason === null) continue;
      result.forbiddenCount++;
      if (result.forbidden.length < maxSamples) {
        result.forbidden.push({
          highlight: name,
          text: abstract.toString().slice(0, 80),
          reason,
          where: describe(elementOf(abstract.startContainer)),
        });
      }
    }
    result.byHighlight[name] = count;
    result.total += count;
  });
  return result;
}

/** What the extension left in the page: `backstory-` highlights (names) and card hosts. */
function leftovers(): { highlights: number; cards: number } {
  let highlights = 0;
  if (typeof CSS !== 'undefined' && CSS.highlights) {
    CSS.highlights.forEach((_, name) => {
      if (name.startsWith('backstory-')) highlights++;
    });
  }
  return { highlights, cards: document.querySelectorAll('backstory-card').length };
}

/** Starts recording the time of the last DOM mutation (in our isolated world, where the page cannot see it). */
function watchMutations(): boolean {
  const world = globalThis as unknown as { __backstoryLastMutation?: number };
  if (world.__backstoryLastMutation !== undefined) return true;
  world.__backstoryLastMutation = 0;
  new MutationObserver(() => {
    world.__backstoryLastMutation = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  return true;
}

/** Milliseconds since the last DOM mutation recorded by `watchMutations`. */
function quietFor(): number {
  return (
    performance.now() - ((globalThis as unknown as { __backstoryLastMutation?: number }).__backstoryLastMutation ?? 0)
  );
}

// ── In an extension page (the control tab): the same messages the popup sends ─────────────────────────────────

/** The extension API as an extension page sees it (Chromium's `chrome`). */
interface ControlApi {
  tabs: {
    query(query: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options?: object): Promise<unknown>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { sync: { remove(keys: string[]): Promise<void> } };
}

/** The tab whose content script answers `page-summary` for `url`, and whether it says it is on; null if none. */
function findTab(url: string): Promise<{ tabId: number; enabled: boolean } | null> {
  const api = (globalThis as unknown as { chrome: ControlApi }).chrome;
  return api.tabs.query({}).then(async (tabs) => {
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      try {
        const summary = (await api.tabs.sendMessage(tab.id, { type: 'page-summary' }, { frameId: 0 })) as {
          url?: string;
          enabled?: boolean;
        } | null;
        if (summary?.url === url) return { tabId: tab.id, enabled: summary.enabled === true };
      } catch {
        // A tab without our content script.
      }
    }
    return null;
  });
}

/** Sends a message to the background, as the popup does. */
function toBackground(message: unknown): Promise<unknown> {
  return (globalThis as unknown as { chrome: ControlApi }).chrome.runtime.sendMessage(message);
}

/** The last resort when the site could not be turned back on by message: an empty site list (the default). */
function clearSiteList(): Promise<boolean> {
  return (globalThis as unknown as { chrome: ControlApi }).chrome.storage.sync.remove(['sites']).then(() => true);
}

/** Runs a serialised in-page function. tsx wraps named inner functions in `__name(…)`; the page gets a stand-in. */
async function inPage<A, R>(page: Page, fn: (arg: A) => R, arg: A, timeout: number): Promise<Awaited<R>> {
  const expression = `((__name) => (${fn.toString()})(${JSON.stringify(arg)}))((f) => f)`;
  return withTimeout(page.evaluate(expression) as Promise<Awaited<R>>, timeout, `evaluating ${fn.name} in the page`);
}

/**
 * Runs a serialised function in an isolated world of the page (its own globals, the same DOM): what a page does to
 * the DOM prototypes in its own world cannot fool it. The world is created on first use.
 */
async function inWorld<A, R>(load: Load, fn: (arg: A) => R, arg: A, timeout: number): Promise<Awaited<R>> {
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
async function inFreshWorld<A, R>(load: Load, fn: (arg: A) => R, arg: A, timeout: number): Promise<Awaited<R>> {
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
async function floorAtLoad(load: Load): Promise<number> {
  await inPage(load.page, waitForIdle, 500, 5_000);
  const result = await inFreshWorld(load, measureFloor, 1, 15_000);
  return result.runs[0] ?? 0;
}

/** Resolves in the page's next idle period, or after `timeout` ms. */
function waitForIdle(timeout: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 0);
  });
}

// ── Errors: every execution context, via the DevTools protocol ──────────────────────────────────────────────────

export interface ErrorLog {
  summary: ErrorSummary;
}

function newErrorLog(): ErrorLog {
  return {
    summary: {
      pageErrors: 0,
      consoleErrors: 0,
      blocked: 0,
      extension: 0,
      samples: { page: [], console: [], extension: [] },
    },
  };
}

interface CallFrame {
  url?: string;
}
interface StackTrace {
  callFrames?: CallFrame[];
}

const isExtensionUrl = (url: string | undefined): boolean => !!url && /^(chrome|moz)-extension:\/\//.test(url);
const fromExtension = (url: string | undefined, stack: StackTrace | undefined): boolean =>
  isExtensionUrl(url) || (stack?.callFrames ?? []).some((frame) => isExtensionUrl(frame.url));

function push(list: string[], text: string): void {
  if (list.length < MAX_SAMPLES) list.push(text.replace(/\s+/g, ' ').slice(0, 300));
}

/** Listens to exceptions and console output of every world of the page (content scripts included). */
async function watchErrors(session: CDPSession, log: ErrorLog): Promise<void> {
  const extensionContexts = new Set<number>();
  const s = log.summary;
  session.on('Runtime.executionContextCreated', (event) => {
    const context = event.context as { id: number; origin?: string; auxData?: { type?: string } };
    if (isExtensionUrl(context.origin)) extensionContexts.add(context.id);
  });
  session.on('Runtime.exceptionThrown', (event) => {
    const details = event.exceptionDetails as {
      text?: string;
      url?: string;
      stackTrace?: StackTrace;
      executionContextId?: number;
      exception?: { description?: string };
    };
    const text = `${details.text ?? ''} ${details.exception?.description ?? ''}`.trim();
    if (extensionContexts.has(details.executionContextId ?? -1) || fromExtension(details.url, details.stackTrace)) {
      s.extension++;
      push(s.samples.extension, `exception: ${text}`);
    } else {
      s.pageErrors++;
      push(s.samples.page, text);
    }
  });
  session.on('Runtime.consoleAPICalled', (event) => {
    const call = event as {
      type: string;
      executionContextId?: number;
      stackTrace?: StackTrace;
      args?: { value?: unknown; description?: string }[];
    };
    const text = (call.args ?? [])
      .map((arg) => (arg.value !== undefined ? String(arg.value) : (arg.description ?? '')))
      .join(' ');
    if (extensionContexts.has(call.executionContextId ?? -1) || fromExtension(undefined, call.stackTrace)) {
      s.extension++;
      push(s.samples.extension, `console.${call.type}: ${text}`);
    } else if (call.type === 'error' || call.type === 'assert') {
      s.consoleErrors++;
      push(s.samples.console, text);
    }
  });
  session.on('Log.entryAdded', (event) => {
    const entry = event.entry as { level: string; source: string; text: string; url?: string; stackTrace?: StackTrace };
    if (fromExtension(entry.url, entry.stackTrace)) {
      s.extension++;
      push(s.samples.extension, `${entry.source} ${entry.level}: ${entry.text}`);
    } else if (entry.level === 'error') {
      if (entry.source === 'network' || entry.source === 'security' || /Content Security Policy/i.test(entry.text)) {
        s.blocked++;
      } else {
        s.consoleErrors++;
        push(s.samples.console, `${entry.source}: ${entry.text}`);
      }
    }
  });
  await session.send('Runtime.enable');
  await session.send('Log.enable');
}

// ── Browsers ────────────────────────────────────────────────────────────────────────────────────────────────────

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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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

// ── Comparing ───────────────────────────────────────────────────────────────────────────────────────────────────

function textDiff(a: string, b: string): string {
  let i = 0;
  const max = Math.min(a.length, b.length);
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 60));
  return `at char ${i}: without ${around(a)} / with ${around(b)}`;
}

const sameBox = (a: Snapshot['boxes'][number] | undefined, b: Snapshot['boxes'][number] | undefined): boolean =>
  !!a &&
  !!b &&
  a[0] === b[0] &&
  a[1] === b[1] &&
  Math.abs(a[2] - b[2]) <= BOX_TOLERANCE &&
  Math.abs(a[3] - b[3]) <= BOX_TOLERANCE &&
  Math.abs(a[4] - b[4]) <= BOX_TOLERANCE &&
  Math.abs(a[5] - b[5]) <= BOX_TOLERANCE;

const boxMap = (snapshot: Snapshot) => new Map(snapshot.boxes.map((box) => [box[0], box]));

/** Indices of boxes that differ between two snapshots (present in one only, or moved). */
function boxDifferences(a: Snapshot, b: Snapshot): number[] {
  const mb = boxMap(b);
  const differing: number[] = [];
  const seen = new Set<number>();
  for (const box of a.boxes) {
    seen.add(box[0]);
    if (!sameBox(box, mb.get(box[0]))) differing.push(box[0]);
  }
  // Only boxes within the range both snapshots covered: the cap cuts at different places when counts differ.
  const lastA = a.boxes[a.boxes.length - 1]?.[0] ?? 0;
  for (const box of b.boxes) if (!seen.has(box[0]) && box[0] <= lastA) differing.push(box[0]);
  return differing;
}

const lineSet = (text: string) => new Set(text.split('\n').map((line) => line.trim()));

interface Comparison {
  textChanged: boolean;
  textDiff?: string;
  layoutChanged: number;
  /** Indices of the boxes counted in `layoutChanged`. */
  changedBoxes: number[];
  layoutSamples: string[];
  domChanged: boolean;
  unstable: string[];
}

/**
 * Compares the page with the extension (`on`) against it without (`off`, and `off2`, a second load without, when the
 * first comparison found a difference). A difference counts only where the page is stable between its own loads.
 */
function compare(off: Snapshot, on: Snapshot, off2: Snapshot | null): Comparison {
  const result: Comparison = {
    textChanged: false,
    layoutChanged: 0,
    changedBoxes: [],
    layoutSamples: [],
    domChanged: false,
    unstable: [],
  };
  const offs = off2 ? [off, off2] : [off];

  if (offs.every((o) => o.text !== on.text)) {
    if (off2 && off.text !== off2.text) {
      // The page's text varies between loads: only lines present in both loads without the extension must hold.
      const onLines = lineSet(on.text);
      const a = lineSet(off.text);
      const b = lineSet(off2.text);
      const missing = [...a].filter((line) => b.has(line) && !onLines.has(line));
      const extra = [...onLines].filter((line) => !a.has(line) && !b.has(line));
      result.unstable.push('text varies between loads');
      if (missing.length > 0 || extra.length > 0) {
        result.textChanged = true;
        result.textDiff = `lines missing ${JSON.stringify(missing.slice(0, 3))}, new ${JSON.stringify(extra.slice(0, 3))}`;
      }
    } else {
      result.textChanged = true;
      result.textDiff = textDiff(off.text, on.text);
    }
  }

  if (offs.every((o) => o.elementCount !== on.elementCount || o.shape !== on.shape)) {
    if (off2 && (off.elementCount !== off2.elementCount || off.shape !== off2.shape)) {
      result.unstable.push('DOM shape varies between loads');
    } else {
      result.domChanged = true;
    }
  }

  // Boxes are keyed by element index: where the page builds a different DOM from load to load, indices of one load
  // name other elements in another, so boxes are compared only against a load of the same shape.
  const shapeOf = (snapshot: Snapshot) => `${snapshot.elementCount}:${snapshot.shape}`;
  const offShapesDiffer = off2 !== null && shapeOf(off) !== shapeOf(off2);
  const references = offShapesDiffer ? offs.filter((o) => shapeOf(o) === shapeOf(on)) : offs;
  if (references.length === 0) {
    result.unstable.push('layout not compared: no load without the extension had the same DOM shape');
    return result;
  }
  const [reference, second] = references;
  const noisy = new Set(reference && second ? boxDifferences(reference, second) : []);
  if (noisy.size > 0) result.unstable.push(`${noisy.size} boxes vary between loads`);
  const candidates = reference ? boxDifferences(reference, on).filter((i) => !noisy.has(i)) : [];
  const changed = second ? candidates.filter((i) => boxDifferences(second, on).includes(i)) : candidates;
  result.layoutChanged = changed.length;
  result.changedBoxes = changed;
  const offBoxes = boxMap(reference ?? off);
  const onBoxes = boxMap(on);
  for (const i of changed.slice(0, MAX_SAMPLES)) {
    result.layoutSamples.push(
      `#${i} without ${JSON.stringify(offBoxes.get(i) ?? null)} with ${JSON.stringify(onBoxes.get(i) ?? null)}`,
    );
  }
  return result;
}

// ── One page ────────────────────────────────────────────────────────────────────────────────────────────────────

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const round2 = (value: number) => Math.round(value * 100) / 100;

interface Contexts {
  on: BrowserContext;
  off: BrowserContext;
  /** `chrome-extension://<id>/` of the extension in `on`. */
  extensionOrigin: string;
  /** An extension page in `on`, opened before the first page, from which the popup's messages are sent. */
  control: Page | null;
  /** Where the console output of the extension's own pages and service worker goes: the page being visited. */
  visiting: ErrorSummary | null;
  /** Output of those while no page was being visited: counted with the next page. */
  pending: string[];
}

/**
 * Counts the console output of the extension's service worker and pages (the control tab) with the page being
 * visited; the content script's output in that page is counted by `watchErrors`.
 */
function watchExtensionConsole(contexts: Contexts): void {
  const record = (text: string) => {
    if (contexts.visiting) {
      contexts.visiting.extension++;
      push(contexts.visiting.samples.extension, text);
    } else if (contexts.pending.length < 100) contexts.pending.push(text);
  };
  contexts.on.on('console', (message) => {
    const page = message.page();
    // The control tab is ours; without a page, only the extension's service worker (not a page's own workers).
    if (page ? page !== contexts.control : !isExtensionUrl(message.location().url)) return;
    record(`${page ? 'extension page' : 'service worker'} console.${message.type()}: ${message.text()}`);
  });
}

/** The control tab (an extension page of the `on` browser), opened on first use and again if it was closed. */
async function controlPage(contexts: Contexts): Promise<Page> {
  if (contexts.control && !contexts.control.isClosed()) return contexts.control;
  const page = await withTimeout(contexts.on.newPage(), 10_000, 'opening the control tab');
  contexts.control = page;
  page.on('pageerror', (error) => {
    const text = `extension page exception: ${error.message}`;
    if (contexts.visiting) {
      contexts.visiting.extension++;
      push(contexts.visiting.samples.extension, text);
    } else contexts.pending.push(text);
  });
  await page.goto(new URL('options.html', contexts.extensionOrigin).href, { waitUntil: 'load', timeout: 10_000 });
  return page;
}

function emptyReport(file: string, sizeBytes: number): PageReport {
  const errors = newErrorLog().summary;
  return {
    file,
    sizeBytes,
    status: 'ok',
    textChars: 0,
    scanChars: 0,
    marks: { total: 0, byHighlight: {}, byTarget: {}, samples: [] },
    entitiesFound: 0,
    quotesFound: 0,
    measures: { scans: [], updates: [], sumMs: 0, loadPassesMs: [], passMs: null },
    floor: {
      runsMs: [],
      medianMs: 0,
      textOnlyMedianMs: 0,
      coldRunsMs: [],
      coldMs: 0,
      atLoadRunsMs: [],
      atLoadMs: 0,
      chars: 0,
      textNodes: 0,
    },
    ratio: null,
    settledRatio: null,
    warmRatio: null,
    longTasks: {
      total: 0,
      ours: 0,
      longestOursMs: 0,
      longestMs: 0,
      withoutExtension: 0,
      firstScanTask: null,
      oursList: [],
    },
    errors,
    errorsWithoutExtension: { pageErrors: 0, consoleErrors: 0, blocked: 0, extension: 0 },
    settled: false,
    breakage: {
      textChanged: false,
      layoutChanged: 0,
      layoutSamples: [],
      domChanged: false,
      forbiddenMarks: [],
      highlightsWithoutExtension: 0,
      extensionErrors: 0,
      unstable: [],
      reasons: [],
    },
    toggleOff: {
      status: 'skipped',
      reactMs: null,
      agesMs: null,
      highlightsLeft: 0,
      cardsLeft: 0,
      textChanged: false,
      layoutChanged: 0,
      layoutSamples: [],
      domChanged: false,
      restored: false,
      unstable: [],
      reasons: [],
    },
    elapsedMs: 0,
  };
}

type Phase = 'without' | 'with' | 'toggle' | 'again' | 'confirm' | 'done';

/** The page with the extension just before and after its site was turned off, and their ages (ms since navigation). */
interface ToggleSnapshots {
  before: Snapshot;
  beforeAge: number;
  after: Snapshot;
  afterAge: number;
}

/** The page without the extension at the ages of the toggle snapshots: what the page changes by itself meanwhile. */
interface AgedReference {
  early: Snapshot;
  late: Snapshot;
}

/** The page's age (ms since navigation) and a snapshot taken right after, from our isolated world. */
async function agedSnapshot(load: Load): Promise<{ age: number; snapshot: Snapshot }> {
  const age = await inWorld(load, () => performance.now(), undefined, 5_000);
  return { age, snapshot: await inWorld(load, takeSnapshot, MAX_BOXES, 15_000) };
}

/**
 * Turns Backstory off for the page's site with the popup switch's message (`run-action` `toggle-site` from an
 * extension page to the background, which writes the site list to the settings storage), waits for the content script
 * to report "off" and leave no highlight and no card, snapshots the page, and turns the site back on the same way.
 * Fills `report.toggleOff` except the comparison (`judgeToggle`, once the loads without the extension are known).
 * Returns the snapshots, or null when the site could not be turned off. Reads the page from an isolated world.
 */
async function toggleOff(
  contexts: Contexts,
  on: Load,
  report: PageReport,
  deadline: number,
): Promise<ToggleSnapshots | null> {
  const t = report.toggleOff;
  const fail = (problem: string): null => {
    t.status = 'failed';
    t.problem = problem;
    t.reasons.push(`could not turn off: ${problem}`);
    return null;
  };
  const control = await controlPage(contexts);
  const href = on.page.url();
  const waitEnd = Math.min(Date.now() + TOGGLE_WAIT_MS, deadline - 3_000);
  let tab = await inPage(control, findTab, href, 5_000);
  for (let poll = 0; !tab && poll < TOGGLE_WAIT_MS / TOGGLE_POLL_MS && Date.now() < waitEnd; poll++) {
    await sleep(TOGGLE_POLL_MS * 4);
    tab = await inPage(control, findTab, href, 5_000);
  }
  if (!tab) return fail('no tab answered `page-summary` for this page');
  if (!tab.enabled) return fail('the content script said it was off before turning it off');

  await waitDomQuiet(on, deadline);
  const before = await agedSnapshot(on);
  const started = Date.now();
  const message = { type: 'run-action', action: 'toggle-site', tabId: tab.tabId };
  // From here on the site may be off: `runOne` turns it back on if this function does not get to it.
  t.status = 'changed';
  const outcome = (await inPage(control, toBackground, message, 5_000)) as { ok?: boolean; enabled?: boolean } | null;
  if (outcome?.ok !== true || outcome.enabled !== false) return fail(`toggle-site answered ${JSON.stringify(outcome)}`);

  let off = false;
  const limit = Math.min(started + TOGGLE_WAIT_MS, deadline - 2_000);
  for (let poll = 0; poll < TOGGLE_WAIT_MS / TOGGLE_POLL_MS + 1; poll++) {
    off = (await inPage(control, findTab, href, 5_000))?.enabled === false;
    const left = await inWorld(on, leftovers, undefined, 5_000);
    if (off && left.highlights === 0 && left.cards === 0) break;
    if (Date.now() >= limit) break;
    await sleep(TOGGLE_POLL_MS);
  }
  t.reactMs = Date.now() - started;
  if (!off) return fail(`the content script did not report "off" within ${TOGGLE_WAIT_MS} ms`);
  await sleep(TOGGLE_SETTLE_MS);
  await waitDomQuiet(on, deadline);
  const left = await inWorld(on, leftovers, undefined, 5_000);
  t.highlightsLeft = left.highlights;
  t.cardsLeft = left.cards;
  const after = await agedSnapshot(on);
  const back = (await inPage(control, toBackground, message, 5_000)) as { ok?: boolean; enabled?: boolean } | null;
  t.restored = back?.ok === true && back.enabled === true;
  t.agesMs = [Math.round(before.age), Math.round(after.age)];
  return { before: before.snapshot, beforeAge: before.age, after: after.snapshot, afterAge: after.age };
}

/** Waits (bounded) until the page's DOM had no mutation for `DOM_QUIET_MS`. */
async function waitDomQuiet(load: Load, deadline: number): Promise<void> {
  const limit = Math.min(Date.now() + MAX_DOM_QUIET_WAIT_MS, deadline - 3_000);
  for (let poll = 0; poll < MAX_DOM_QUIET_WAIT_MS / TOGGLE_POLL_MS + 1; poll++) {
    const quiet = await inWorld(load, quietFor, undefined, 5_000);
    if (quiet >= DOM_QUIET_MS || Date.now() >= limit) return;
    await sleep(Math.min(DOM_QUIET_MS - quiet, limit - Date.now()) + 5);
  }
}

/** Loads the page without the extension and snapshots it at the ages of the toggle snapshots. */
async function agedReference(
  contexts: Contexts,
  url: string,
  snapshots: ToggleSnapshots,
  deadline: number,
  opened: Page[],
): Promise<AgedReference> {
  const load = await openPage(contexts.off, url, deadline, opened);
  const at = async (age: number): Promise<Snapshot> => {
    const now = await inWorld(load, () => performance.now(), undefined, 5_000);
    const wait = Math.min(age - now, deadline - Date.now() - 3_000);
    if (wait > 0) await sleep(wait);
    return (await agedSnapshot(load)).snapshot;
  };
  const early = await at(snapshots.beforeAge);
  const late = await at(snapshots.afterAge);
  await closeQuietly(load.page);
  return { early, late };
}

/** What differs from `reference` in `changed`: text, DOM shape, box indices. */
function differences(reference: Snapshot, changed: Snapshot, off2: Snapshot | null = null) {
  const c = compare(reference, changed, off2);
  return {
    text: c.textChanged,
    textDiff: c.textDiff,
    dom: c.domChanged,
    boxes: c.changedBoxes,
    samples: c.layoutSamples,
  };
}

/**
 * Judges the page after turning off. A difference counts when the page differs from its loads without the extension
 * (`compare`, as for the page with it) and also from itself just before turning off, so that what already differed
 * while on (judged there) is not counted twice. With `aged` (a load without the extension snapshotted at the same
 * ages), what the page changes by itself over that interval is not counted either, and the page must match that load.
 */
function judgeToggle(
  t: ToggleOffReport,
  snapshots: ToggleSnapshots,
  offSnapshot: Snapshot,
  off2Snapshot: Snapshot | null,
  aged: AgedReference | null,
): void {
  const vsOff = differences(offSnapshot, snapshots.after, off2Snapshot);
  const vsBefore = differences(snapshots.before, snapshots.after);
  let text = vsOff.text && vsBefore.text;
  let dom = vsOff.dom && vsBefore.dom;
  let boxes = vsOff.boxes.filter((i) => vsBefore.boxes.includes(i));
  t.unstable = [];
  if (aged) {
    const self = differences(aged.early, aged.late);
    const vsAged = differences(aged.late, snapshots.after);
    if (self.text) t.unstable.push('text changes by itself meanwhile');
    if (self.dom) t.unstable.push('DOM shape changes by itself meanwhile');
    if (self.boxes.length > 0) t.unstable.push(`${self.boxes.length} boxes move by themselves meanwhile`);
    text = text && vsAged.text && !self.text;
    dom = dom && vsAged.dom && !self.dom;
    boxes = boxes.filter((i) => vsAged.boxes.includes(i) && !self.boxes.includes(i));
  }
  t.textChanged = text;
  delete t.textDiff;
  if (text && vsOff.textDiff) t.textDiff = vsOff.textDiff;
  t.domChanged = dom;
  t.layoutChanged = boxes.length;
  t.layoutSamples = vsOff.samples.filter((sample) => boxes.some((i) => sample.startsWith(`#${i} `)));
  t.reasons = [];
  if (t.highlightsLeft > 0) t.reasons.push(`${t.highlightsLeft} backstory- highlights left after turning off`);
  if (t.cardsLeft > 0) t.reasons.push(`${t.cardsLeft} <backstory-card> left after turning off`);
  if (t.textChanged) t.reasons.push(`text changed after turning off (${t.textDiff ?? ''})`);
  if (t.layoutChanged > 0) t.reasons.push(`${t.layoutChanged} block boxes moved after turning off`);
  if (t.domChanged) t.reasons.push('DOM shape changed after turning off');
  if (!t.restored) t.reasons.push("the popup's message did not turn the site back on");
  t.status = t.reasons.length === 0 ? 'ok' : 'changed';
}

/** True when the page after turning off differs only in text, DOM shape or boxes (what the page may do by itself). */
const toggleShapeOnly = (t: ToggleOffReport): boolean =>
  (t.textChanged || t.domChanged || t.layoutChanged > 0) &&
  t.highlightsLeft === 0 &&
  t.cardsLeft === 0 &&
  t.restored &&
  t.status !== 'failed';

/** Which quote ids exist, to tell quotes from entities in the measure detail. */
type IsQuote = (id: string) => boolean;

async function runPage(
  contexts: Contexts,
  url: string,
  report: PageReport,
  deadline: number,
  opened: Page[],
  isQuote: IsQuote,
  progress: { phase: Phase },
  /** Loads whose floor at load is measured, and loads whose first pass is (the summary's pages: AT_LOAD_FLOOR_LOADS). */
  floorLoads: number,
): Promise<void> {
  // 1. Without the extension.
  progress.phase = 'without';
  await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
  const off = await openPage(contexts.off, url, deadline, opened);
  const atLoadFloor = [await floorAtLoad(off)];
  const offSettle = await settle(off.page, false, deadline);
  const offSnapshot = await inPage(off.page, takeSnapshot, MAX_BOXES, 15_000);
  const offHighlights = await inPage(off.page, scanHighlights, MAX_SAMPLES, 10_000);
  const offLongTasks = (await inPage(off.page, readState, undefined, 10_000)).longTasks;
  report.textChars = offSnapshot.text.length;
  report.breakage.highlightsWithoutExtension = offHighlights.total;
  report.longTasks.withoutExtension = offLongTasks.length;
  const { samples: _unused, ...offErrors } = off.errors.summary;
  void _unused;
  report.errorsWithoutExtension = { ...offErrors };
  void offSettle;
  await closeQuietly(off.page);
  for (let load = 1; load < floorLoads; load++) {
    await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
    const again = await openPage(contexts.off, url, deadline, opened);
    atLoadFloor.push(await floorAtLoad(again));
    await closeQuietly(again.page);
  }

  // 2. With the extension: first the extra loads that only time the first pass, then the load analysed in full.
  progress.phase = 'with';
  const extraPasses: number[] = [];
  for (let load = 1; load < floorLoads; load++) {
    await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
    const again = await openPage(contexts.on, url, deadline, opened);
    const first = (await settle(again.page, true, deadline)).state.measures.find((m) => m.name === 'backstory:scan');
    if (first) extraPasses.push(first.duration);
    await closeQuietly(again.page);
  }
  await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
  const on = await openPage(contexts.on, url, deadline, opened);
  const onSettle = await settle(on.page, true, deadline);
  report.settled = onSettle.settled;
  await inWorld(on, watchMutations, undefined, 5_000);
  const onSnapshot = await inPage(on.page, takeSnapshot, MAX_BOXES, 15_000);
  const highlights = await inPage(on.page, scanHighlights, MAX_SAMPLES, 10_000);
  const coldFloor: number[] = [];
  for (let world = 0; world < COLD_FLOOR_WORLDS; world++) {
    coldFloor.push(...(await inFreshWorld(on, measureFloor, 1, 15_000)).runs);
  }
  const floor = await inPage(on.page, measureFloor, FLOOR_RUNS, 15_000);
  const state = await inPage(on.page, readState, undefined, 10_000);
  report.errors = on.errors.summary;
  // From here until the page is closed, the extension's own pages and service worker log into this page's count.
  contexts.visiting = report.errors;
  for (const text of contexts.pending.splice(0)) {
    report.errors.extension++;
    push(report.errors.samples.extension, text);
  }

  const scans = state.measures.filter((m) => m.name === 'backstory:scan');
  const updates = state.measures.filter((m) => m.name === 'backstory:update');
  const lastScan = scans[scans.length - 1];
  const detail = (lastScan?.detail ?? {}) as { chars?: number; targets?: Record<string, number> };
  report.scanChars = typeof detail.chars === 'number' ? detail.chars : 0;
  const byTarget: Record<string, number> = {};
  for (const [id, count] of Object.entries(detail.targets ?? {})) if (typeof count === 'number') byTarget[id] = count;
  report.marks = {
    total: highlights.total,
    byHighlight: highlights.byHighlight,
    byTarget,
    samples: highlights.samples,
  };
  report.quotesFound = Object.keys(byTarget).filter(isQuote).length;
  report.entitiesFound = Object.keys(byTarget).length - report.quotesFound;
  report.measures = {
    scans: scans.map((m) => round2(m.duration)),
    updates: updates.map((m) => round2(m.duration)),
    sumMs: round2(state.measures.reduce((sum, m) => sum + m.duration, 0)),
    loadPassesMs: [],
    passMs: null,
  };
  const firstScan = scans[0];
  const loadPasses = firstScan ? [firstScan.duration, ...extraPasses] : [];
  report.measures.loadPassesMs = loadPasses.map(round2);
  report.measures.passMs = loadPasses.length > 0 ? round2(median(loadPasses)) : null;
  report.floor = {
    runsMs: floor.runs.map(round2),
    medianMs: round2(median(floor.runs)),
    textOnlyMedianMs: round2(median(floor.textOnlyRuns)),
    coldRunsMs: coldFloor.map(round2),
    coldMs: round2(median(coldFloor)),
    atLoadRunsMs: atLoadFloor.map(round2),
    atLoadMs: round2(median(atLoadFloor)),
    chars: floor.chars,
    textNodes: floor.textNodes,
  };
  const pass = report.measures.passMs;
  report.ratio = pass !== null && report.floor.atLoadMs > 0 ? round2(pass / report.floor.atLoadMs) : null;
  report.settledRatio = pass !== null && report.floor.coldMs > 0 ? round2(pass / report.floor.coldMs) : null;
  report.warmRatio = pass !== null && report.floor.medianMs > 0 ? round2(pass / report.floor.medianMs) : null;

  const overlaps = (task: [number, number]) =>
    state.measures.some((m) => task[0] < m.start + m.duration && m.start < task[0] + task[1]);
  const ours = state.longTasks.filter(overlaps);
  report.longTasks = {
    ...report.longTasks,
    total: state.longTasks.length,
    ours: ours.length,
    longestOursMs: round2(Math.max(0, ...ours.map((task) => task[1]))),
    longestMs: round2(Math.max(0, ...state.longTasks.map((task) => task[1]))),
    firstScanTask: null,
    oursList: ours.slice(0, 20).map(([start, duration]) => [round2(start), round2(duration)]),
  };
  const holding =
    firstScan &&
    state.longTasks.find(([start, duration]) => start <= firstScan.start && firstScan.start <= start + duration);
  if (firstScan && holding) {
    report.longTasks.firstScanTask = {
      start: round2(holding[0]),
      duration: round2(holding[1]),
      beforeScanMs: round2(firstScan.start - holding[0]),
    };
  }
  // 2b. Turned off for the site, as a user would: nothing left, the page as without the extension (judged below).
  progress.phase = 'toggle';
  const toggled = await toggleOff(contexts, on, report, deadline);
  progress.phase = 'with';
  await closeQuietly(on.page);
  contexts.visiting = null;
  let off2: Snapshot | null = null;

  // 3. A second load without the extension, only when something differed: is the page itself unstable?
  let comparison = compare(offSnapshot, onSnapshot, null);
  if (comparison.textChanged || comparison.layoutChanged > 0 || comparison.domChanged) {
    progress.phase = 'again';
    const again = await openPage(contexts.off, url, deadline, opened);
    await settle(again.page, false, deadline);
    // Wait about as long as the page with the extension did, so timers of the page ran as often.
    const onElapsed = onSettle.state.now - onSettle.state.loadEnd;
    const againState = await inPage(again.page, readState, undefined, 10_000);
    const wait = Math.min(onElapsed - (againState.now - againState.loadEnd), deadline - Date.now() - 3_000);
    if (wait > 0) await sleep(wait);
    const off2Snapshot = await inPage(again.page, takeSnapshot, MAX_BOXES, 15_000);
    off2 = off2Snapshot;
    await closeQuietly(again.page);
    comparison = compare(offSnapshot, onSnapshot, off2Snapshot);
    // 4. Still different: load it with the extension once more. Pages whose scripts race build another DOM now and
    // then; a change counts as breakage only when the second load with the extension shows it too.
    if (comparison.textChanged || comparison.layoutChanged > 0 || comparison.domChanged) {
      progress.phase = 'confirm';
      const confirm = await openPage(contexts.on, url, deadline, opened);
      await settle(confirm.page, true, deadline);
      const on2Snapshot = await inPage(confirm.page, takeSnapshot, MAX_BOXES, 15_000);
      await closeQuietly(confirm.page);
      const second = compare(offSnapshot, on2Snapshot, off2Snapshot);
      // A box counts only when both loads with the extension moved it the same way: boxes that differ between
      // those two loads move by themselves (late images, racing scripts).
      const noisy = new Set(boxDifferences(onSnapshot, on2Snapshot));
      const moved = second.changedBoxes.filter((i) => comparison.changedBoxes.includes(i) && !noisy.has(i));
      if (moved.length < second.changedBoxes.length) {
        second.unstable.push(
          `${second.changedBoxes.length - moved.length} boxes vary between loads with the extension`,
        );
        second.changedBoxes = moved;
        second.layoutChanged = moved.length;
        second.layoutSamples = second.layoutSamples.filter((sample) => moved.some((i) => sample.startsWith(`#${i} `)));
      }
      if (
        second.domChanged &&
        `${onSnapshot.elementCount}:${onSnapshot.shape}` !== `${on2Snapshot.elementCount}:${on2Snapshot.shape}`
      ) {
        // Two loads with the extension built two DOMs: the page's own scripts decide its shape, not the extension.
        second.domChanged = false;
        second.unstable.push('DOM shape varies between loads with the extension');
      }
      const reproduced = second.textChanged || second.domChanged || second.layoutChanged > 0;
      comparison = reproduced
        ? second
        : { ...second, unstable: [...second.unstable, 'a first load with the extension differed, a second did not'] };
    }
  }

  const b = report.breakage;
  b.textChanged = comparison.textChanged;
  if (comparison.textDiff) b.textDiff = comparison.textDiff;
  b.layoutChanged = comparison.layoutChanged;
  b.layoutSamples = comparison.layoutSamples;
  b.domChanged = comparison.domChanged;
  b.unstable = comparison.unstable;
  b.forbiddenMarks = highlights.forbidden;
  b.extensionErrors = report.errors.extension;
  if (b.textChanged) b.reasons.push(`text changed (${b.textDiff ?? ''})`);
  if (b.layoutChanged > 0) b.reasons.push(`${b.layoutChanged} block boxes moved`);
  if (b.domChanged) b.reasons.push('DOM shape changed');
  if (highlights.forbiddenCount > 0) {
    const reasons = [...new Set(highlights.forbidden.map((mark) => mark.reason))].join(', ');
    b.reasons.push(`${highlights.forbiddenCount} marks in forbidden places (${reasons})`);
  }
  if (b.extensionErrors > 0) b.reasons.push(`${b.extensionErrors} errors or console messages from the extension`);
  if (b.highlightsWithoutExtension > 0) b.reasons.push('backstory- highlights without the extension');
  if (toggled) {
    judgeToggle(report.toggleOff, toggled, offSnapshot, off2, null);
    // 5. Different after turning off: a load without the extension, snapshotted at the same ages, tells what the page
    // changes by itself over that interval (live blogs, tickers); only the rest counts.
    if (toggleShapeOnly(report.toggleOff)) {
      progress.phase = 'again';
      const aged = await agedReference(contexts, url, toggled, deadline, opened);
      judgeToggle(report.toggleOff, toggled, offSnapshot, off2, aged);
    }
  }
  b.reasons.push(...report.toggleOff.reasons);
  progress.phase = 'done';
}

async function runOne(
  contexts: Contexts,
  server: StaticServer,
  file: string,
  sizeBytes: number,
  options: CorpusOptions,
  isQuote: IsQuote,
  floorLoads: number,
): Promise<PageReport> {
  const started = Date.now();
  const report = emptyReport(file, sizeBytes);
  const deadline = started + options.pageTimeout;
  const url = new URL(file.split('/').map(encodeURIComponent).join('/'), server.url).href;
  const opened: Page[] = [];
  const progress: { phase: Phase } = { phase: 'without' };
  try {
    await withTimeout(
      runPage(contexts, url, report, deadline, opened, isQuote, progress, floorLoads),
      options.pageTimeout,
      `page ${file}`,
    );
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    report.status = /Timed out|Timeout/i.test(message) ? 'timeout' : 'error';
    report.problem = message.slice(0, 300);
    // A page that loads without the extension but not with it is breakage (it hangs or crashes because of us).
    if (progress.phase === 'with' || progress.phase === 'toggle') {
      report.breakage.reasons.push(
        `failed only with the extension${progress.phase === 'toggle' ? ' (turning it off)' : ''}: ${report.problem}`,
      );
    }
    if (progress.phase === 'toggle') report.toggleOff.status = 'failed';
  } finally {
    await Promise.all(opened.map((page) => closeQuietly(page)));
    contexts.visiting = null;
    // The next page must start with the site on, whatever happened to this one.
    if (report.toggleOff.status !== 'skipped' && !report.toggleOff.restored) {
      await controlPage(contexts)
        .then((control) => inPage(control, clearSiteList, undefined, 5_000))
        .catch(() => undefined);
    }
  }
  report.elapsedMs = Date.now() - started;
  return report;
}

// ── Files, report, summary ──────────────────────────────────────────────────────────────────────────────────────

/**
 * `.html`/`.htm` files under `folder` (sub-folders too, bounded), sorted by name: the first `max`, or with `largest`
 * the `largest` biggest files (largest first).
 */
export async function listPages(
  folder: string,
  max: number,
  filter: string | undefined,
  largest?: number,
): Promise<string[]> {
  const found: string[] = [];
  const queue = [''];
  for (let step = 0; queue.length > 0 && step < 10_000; step++) {
    const relative = queue.shift() ?? '';
    const entries = await readdir(path.join(folder, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !entry.name.startsWith('.')) queue.push(child);
      else if (entry.isFile() && /\.html?$/i.test(entry.name) && (!filter || child.includes(filter))) found.push(child);
    }
  }
  found.sort();
  if (largest === undefined) return found.slice(0, max);
  const sized = await Promise.all(
    found.map(async (file) => ({ file, size: (await stat(path.join(folder, file))).size })),
  );
  return sized
    .sort((a, b) => b.size - a.size || a.file.localeCompare(b.file))
    .slice(0, Math.min(largest, max))
    .map((entry) => entry.file);
}

function summarise(pages: PageReport[], elapsedMs: number): CorpusReport['summary'] {
  const largest = [...pages].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, RATIO_PAGES);
  const ratios = largest.map((page) => page.ratio).filter((ratio): ratio is number => ratio !== null);
  const warmRatios = largest.map((page) => page.warmRatio).filter((ratio): ratio is number => ratio !== null);
  const settledRatios = largest.map((page) => page.settledRatio).filter((ratio): ratio is number => ratio !== null);
  let longest: { file: string; ms: number } | null = null;
  for (const page of pages) {
    if (page.longTasks.longestOursMs > (longest?.ms ?? 0))
      longest = { file: page.file, ms: page.longTasks.longestOursMs };
  }
  const breakage = pages
    .filter((page) => page.breakage.reasons.length > 0)
    .map((page) => ({ file: page.file, reasons: page.breakage.reasons }));
  const toggled = pages.filter((page) => page.toggleOff.status !== 'skipped');
  const reacts = toggled.map((page) => page.toggleOff.reactMs).filter((ms): ms is number => ms !== null);
  return {
    pages: pages.length,
    completed: pages.filter((page) => page.status === 'ok').length,
    largestFive: largest.map((page) => ({ file: page.file, sizeBytes: page.sizeBytes, ratio: page.ratio })),
    largestFiveMedianRatio: ratios.length > 0 ? round2(median(ratios)) : null,
    largestFiveMedianWarmRatio: warmRatios.length > 0 ? round2(median(warmRatios)) : null,
    largestFiveMedianSettledRatio: settledRatios.length > 0 ? round2(median(settledRatios)) : null,
    longestTaskOfOurs: longest,
    toggleOff: {
      ok: toggled.filter((page) => page.toggleOff.status === 'ok').length,
      checked: toggled.length,
      medianReactMs: reacts.length > 0 ? Math.round(median(reacts)) : null,
    },
    extensionMessages: pages.reduce((sum, page) => sum + page.errors.extension, 0),
    broken: breakage.length,
    breakage,
    elapsedMs,
  };
}

const fmt = (value: number | null, digits = 1): string => (value === null ? '–' : value.toFixed(digits));

function toggleCell(t: ToggleOffReport): string {
  const ms = t.reactMs === null ? '' : ` (${t.reactMs})`;
  if (t.status === 'ok') return `same${ms}`;
  if (t.status === 'skipped') return '–';
  return `**${t.status}**${ms}`;
}
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function renderMarkdown(report: CorpusReport): string {
  const header = [
    'page',
    'size KB',
    'text chars',
    'marks',
    'entities',
    'quotes',
    'pass ms',
    'floor ms at load (settled / warm)',
    'ratio (settled / warm)',
    'long tasks ours/all (longest ours ms)',
    'errors page/console/ext',
    'turned off (ms)',
    'breakage',
  ];
  const lines = [
    `# Corpus run`,
    '',
    `Folder \`${report.folder}\`, ${report.date}, extension \`${report.extensionDir}\`.`,
    '',
    'Pass ms: the first `backstory:scan` of a load (our own work, without the page between our slices); for the 5',
    `largest pages the median over ${AT_LOAD_FLOOR_LOADS} loads. Floor ms: one`,
    'TreeWalker pass over the body reading its text (script/style/… subtrees rejected): at load, median of one run in a',
    `fresh isolated world per load of the page without the extension (${AT_LOAD_FLOOR_LOADS} loads for the 5 largest pages), at its first idle period after \`load\` (as our`,
    'pass runs); settled, median of 3 fresh worlds in the page with the extension after its pass; warm, median of 15',
    "runs in the page's own world.",
    'Long tasks: those overlapping a `backstory:` measure / all of the page with the extension (longest of ours, ms).',
    'Errors ext: anything the extension (content script, service worker, extension pages) threw or logged during the',
    "whole visit, turning it off included. Turned off: the site turned off by the popup's message; `same` when no",
    'highlight or card was left and the text and block boxes were those of the page without the extension (ms: until',
    'the content script reported off with nothing left).',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 || i === header.length - 1 ? '---' : '--:')).join('|')}|`,
  ];
  for (const page of report.pages) {
    const status = page.status === 'ok' ? '' : `${page.status}: ${page.problem ?? ''}; `;
    const breakage = page.breakage.reasons.length > 0 ? `**${page.breakage.reasons.join('; ')}**` : 'none';
    const unstable = page.breakage.unstable.length > 0 ? ` (page unstable: ${page.breakage.unstable.join(', ')})` : '';
    lines.push(
      `| ${[
        cell(page.file),
        (page.sizeBytes / 1024).toFixed(0),
        String(page.textChars),
        String(page.marks.total),
        String(page.entitiesFound),
        String(page.quotesFound),
        fmt(page.measures.passMs),
        `${fmt(page.floor.atLoadMs)} (${fmt(page.floor.coldMs)} / ${fmt(page.floor.medianMs)})`,
        `${fmt(page.ratio, 2)} (${fmt(page.settledRatio, 2)} / ${fmt(page.warmRatio, 2)})`,
        `${page.longTasks.ours}/${page.longTasks.total} (${fmt(page.longTasks.longestOursMs, 0)})`,
        `${page.errors.pageErrors}/${page.errors.consoleErrors}/${page.errors.extension}`,
        toggleCell(page.toggleOff),
        cell(status + breakage + unstable + (page.settled ? '' : ' (not settled)')),
      ].join(' | ')} |`,
    );
  }
  const s = report.summary;
  lines.push(
    '',
    '## Summary',
    '',
    `- Pages: ${s.pages} (${s.completed} completed), ${(s.elapsedMs / 1000).toFixed(0)} s.`,
    `- Five largest pages, median pass/floor ratio: **${fmt(s.largestFiveMedianRatio, 2)}** against the floor at ` +
      `load (one TreeWalker pass in a fresh isolated world at the page's first idle period, as our pass runs), ` +
      `${fmt(s.largestFiveMedianSettledRatio, 2)} against the same floor measured after our pass on the settled ` +
      `page, ${fmt(s.largestFiveMedianWarmRatio, 2)} against the warm main-world floor ` +
      `(${s.largestFive.map((page) => `${page.file} ${(page.sizeBytes / 1024).toFixed(0)} KB: ${fmt(page.ratio, 2)}`).join('; ')}).`,
    `- Longest task of ours: ${s.longestTaskOfOurs ? `**${s.longestTaskOfOurs.ms.toFixed(0)} ms** (${s.longestTaskOfOurs.file})` : `none over ${LONG_TASK_MS} ms`}.`,
    `- Turned off: **${s.toggleOff.ok}/${s.toggleOff.checked}** pages back as without the extension` +
      (s.toggleOff.medianReactMs !== null ? ` (median ${s.toggleOff.medianReactMs} ms to off)` : '') +
      (s.toggleOff.checked < s.pages ? `; ${s.pages - s.toggleOff.checked} not reached` : '') +
      '.',
    `- Errors or console messages from the extension: **${s.extensionMessages}**.`,
    `- Breakage: **${s.broken} page(s)**${s.broken ? ':' : '.'}`,
    ...s.breakage.map((page) => `  - ${page.file}: ${page.reasons.join('; ')}`),
  );
  const marksPer = new Map<string, number>();
  for (const page of report.pages) {
    for (const [id, count] of Object.entries(page.marks.byTarget)) marksPer.set(id, (marksPer.get(id) ?? 0) + count);
  }
  if (marksPer.size > 0) {
    lines.push(
      '',
      '## Marks per entity and quote (all pages)',
      '',
      [...marksPer]
        .sort((a, b) => b[1] - a[1])
        .map(([id, count]) => `${id} ${count}`)
        .join(', '),
    );
  }
  return lines.join('\n') + '\n';
}

/** Re-runs of a page whose only breakage is a changed text, DOM shape or layout. */
const LAYOUT_RECHECKS = 2;

/**
 * True when a page broke only by text, DOM shape or layout, with the extension or after turning it off (what a page's
 * own racing scripts can also do).
 */
function onlyPageShapeBreakage(page: PageReport): boolean {
  const b = page.breakage;
  const t = page.toggleOff;
  const shapeOn = b.textChanged || b.domChanged || b.layoutChanged > 0;
  return (
    b.reasons.length > 0 &&
    (t.reasons.length === 0 ? shapeOn : toggleShapeOnly(t)) &&
    b.forbiddenMarks.length === 0 &&
    b.extensionErrors === 0
  );
}

/** Quote ids of the bundled pack, so the report can tell quotes from entities. */
async function loadQuoteIds(): Promise<IsQuote> {
  try {
    const { readFile } = await import('node:fs/promises');
    const pack = JSON.parse(await readFile('src/knowledge/pack.json', 'utf8')) as { quotes?: { id?: unknown }[] };
    const ids = new Set((pack.quotes ?? []).map((quote) => String(quote.id)));
    return (id) => ids.has(id);
  } catch {
    return (id) => id.startsWith('q');
  }
}

export async function runCorpus(
  options: CorpusOptions,
  log: (line: string) => void = console.log,
): Promise<CorpusReport> {
  const extensionDir = path.resolve(options.extensionDir);
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new UsageError(
      `No built extension at ${extensionDir}: run \`npm run build\` first (the corpus run builds nothing).`,
    );
  }
  if (!existsSync(CHROMIUM_PATH)) throw new UsageError(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  const folder = path.resolve(options.folder);
  if (!existsSync(folder) || !(await stat(folder)).isDirectory())
    throw new UsageError(`Not a folder: ${options.folder}`);
  const files = await listPages(folder, options.maxPages, options.filter, options.largest);
  if (files.length === 0) throw new UsageError(`No .html pages in ${options.folder}`);
  const isQuote = await loadQuoteIds();

  const started = Date.now();
  const server = await startServer(folder);
  let contexts: Contexts | null = null;
  const pages: PageReport[] = [];
  try {
    const launch = async (): Promise<Contexts> => {
      const [on, off] = await Promise.all([launchContext(extensionDir), launchContext(null)]);
      const worker = on.serviceWorkers()[0];
      if (!worker) {
        await Promise.all([closeQuietly(on), closeQuietly(off)]);
        throw new Error('The extension has no service worker in Chromium');
      }
      const next: Contexts = {
        on,
        off,
        extensionOrigin: new URL('/', worker.url()).href,
        control: null,
        visiting: null,
        pending: [],
      };
      watchExtensionConsole(next);
      // Opened before any page, so the pages measured are the newest tabs.
      await controlPage(next);
      return next;
    };
    contexts = await launch();
    log(`Corpus run: ${files.length} page(s) from ${options.folder}`);
    const sizes = new Map<string, number>();
    for (const file of files) sizes.set(file, (await stat(path.join(folder, file))).size);
    // The pages of the summary's ratio get their floor at load from several loads; the others from the one load
    // without the extension that every page has anyway.
    const ratioPages = new Set(
      [...sizes]
        .sort((a, b) => b[1] - a[1])
        .slice(0, RATIO_PAGES)
        .map(([file]) => file),
    );
    for (const [i, file] of files.entries()) {
      const size = sizes.get(file) ?? 0;
      const floorLoads = ratioPages.has(file) ? AT_LOAD_FLOOR_LOADS : 1;
      if (size > MAX_PAGE_BYTES_WARNING) log(`  (large page: ${(size / 1e6).toFixed(1)} MB)`);
      let page = await runOne(contexts, server, file, size, options, isQuote, floorLoads);
      // Pages whose own scripts race sometimes build another DOM or layout; such a change counts only when it comes
      // back on every re-run. Marks in forbidden places and errors from the extension always count.
      for (let attempt = 1; attempt <= LAYOUT_RECHECKS && onlyPageShapeBreakage(page); attempt++) {
        const first = page.breakage.reasons.join('; ');
        const again = await runOne(contexts, server, file, size, options, isQuote, floorLoads);
        if (again.breakage.reasons.length === 0) {
          again.breakage.unstable.push(`changed in ${attempt} earlier run(s) (${first}), not in this one`);
          page = again;
        }
      }
      pages.push(page);
      log(
        `  [${i + 1}/${files.length}] ${file}: ${page.status}, ${page.marks.total} marks, pass ${fmt(page.measures.passMs)} ms / floor ${fmt(page.floor.atLoadMs)} ms at load, ${fmt(page.floor.coldMs)} ms settled, ${fmt(page.floor.medianMs)} ms warm` +
          (page.breakage.reasons.length ? `, BROKEN: ${page.breakage.reasons.join('; ')}` : ''),
      );
      // A crashed browser is relaunched so one bad page does not spoil the rest.
      const alive = async (context: BrowserContext) => {
        try {
          const probe = await withTimeout(context.newPage(), 10_000, 'probing the browser');
          await closeQuietly(probe);
          return true;
        } catch {
          return false;
        }
      };
      if (page.status !== 'ok' && !((await alive(contexts.on)) && (await alive(contexts.off)))) {
        log('  (relaunching Chromium)');
        await Promise.all([closeQuietly(contexts.on), closeQuietly(contexts.off)]);
        contexts = await launch();
      }
    }
  } finally {
    if (contexts) await Promise.all([closeQuietly(contexts.on), closeQuietly(contexts.off)]);
    await server.close().catch(() => undefined);
  }
  return {
    folder: options.folder,
    date: new Date().toISOString(),
    extensionDir: path.relative(process.cwd(), extensionDir) || extensionDir,
    pages,
    summary: summarise(pages, Date.now() - started),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let options: CorpusOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(error.message);
      console.error(USAGE);
      return 2;
    }
    throw error;
  }
  let report: CorpusReport;
  try {
    report = await runCorpus(options);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  await mkdir(options.out, { recursive: true });
  const markdown = renderMarkdown(report);
  await writeFile(path.join(options.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  await writeFile(path.join(options.out, 'report.md'), markdown);
  console.log('\n' + markdown);
  console.log(`Wrote ${path.join(options.out, 'report.json')} and report.md`);
  return report.summary.broken > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
