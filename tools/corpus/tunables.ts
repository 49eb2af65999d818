/** The corpus run's bounds and thresholds: settling, floor runs, comparison tolerances, the toggle-off waits. */

/** The extension's work is done when no `backstory:` measure appeared for this long… */
export const QUIET_MS = 700;
/** …and at least this long has passed since `load` (debounced re-scans run within ~1 s of a mutation). */
export const MIN_SETTLE_MS = 1_500;
/** The longest we wait for the page to settle; past it the page is measured anyway and flagged. */
export const MAX_SETTLE_MS = 10_000;
export const POLL_MS = 100;
/** Floor runs (median taken). */
export const FLOOR_RUNS = 15;
/**
 * Fresh isolated worlds the cold floor runs in, one run each. Our pass runs once per page, in the content script's
 * isolated world, with cold code and no DOM wrappers made yet; the floor it is compared with is measured the same way.
 */
export const COLD_FLOOR_WORLDS = 3;
/**
 * Loads of the page without the extension whose floor is measured at load: one TreeWalker pass in a fresh isolated
 * world, in the page's first idle period after `load` (when our first pass runs), before anything else walked the
 * page. The floors measured later in the page with the extension come after our own pass and the page's settling,
 * with the DOM already walked and warm in the CPU caches, and run 1.1-1.7× faster than at load on the largest pages.
 */
export const AT_LOAD_FLOOR_LOADS = 5;
/**
 * A pause before each load whose first pass or floor is timed: the tab closed just before is still being torn down
 * (its renderer exits, the browser cleans up), and on a 2-core machine that work lands in whatever runs next. With
 * back-to-back loads, the median page's pass swung 7.5-25 ms from load to load.
 */
export const QUIET_BEFORE_TIMED_LOAD_MS = 400;
/**
 * The largest pages, whose median ratio the summary reports: they get {@link AT_LOAD_FLOOR_LOADS} loads without the
 * extension for the floor and as many with it for the pass (the first full pass of each load; median of each).
 */
export const RATIO_PAGES = 5;
/** Block-level boxes compared between the two loads. */
export const MAX_BOXES = 3_000;
/** A box moved or resized by more than this (CSS px) counts as a layout change. */
export const BOX_TOLERANCE = 0.5;
export const MAX_SAMPLES = 5;
export const MAX_PAGE_BYTES_WARNING = 20_000_000;
export const VIEWPORT = { width: 1280, height: 800 };
/** Tasks longer than this are long tasks (the browser's own threshold, and the budget). */
export const LONG_TASK_MS = 50;
/** Longest wait for the content script to report "off" and leave no highlight or card after the site is turned off. */
export const TOGGLE_WAIT_MS = 5_000;
/** Then at least this long for anything the teardown might still do asynchronously, before the page is compared… */
export const TOGGLE_SETTLE_MS = 100;
/** …and, before and after turning off, until the DOM had no mutation for this long (a page's own tickers)… */
export const DOM_QUIET_MS = 250;
/** …waiting at most this long for it. */
export const MAX_DOM_QUIET_WAIT_MS = 2_000;
export const TOGGLE_POLL_MS = 50;
