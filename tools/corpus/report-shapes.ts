/** What the corpus run reports: one {@link PageReport} per page and the {@link CorpusReport} of the run. */
import { newErrorLog } from './errors';

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
    /** `kind: …before[text]after…` of the marks in page order (the first 300), to read what was marked. */
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

export function emptyReport(file: string, sizeBytes: number): PageReport {
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
