/**
 * One page of the corpus run: loads without and with the extension, measures, compares, turns it off and judges.
 */
import type { Page } from 'playwright-core';
import { withTimeout } from '../browsers/browsers';
import type { StaticServer } from '../browsers/serve';
import type { CorpusOptions } from './args';
import {
  closeQuietly,
  floorAtLoad,
  inFreshWorld,
  inPage,
  inWorld,
  openPage,
  settle,
  sleep,
  type Load,
} from './browser';
import { boxDifferences, compare, type Comparison } from './compare';
import { controlPage, type Contexts } from './contexts';
import { push } from './errors';
import {
  clearSiteList,
  measureFloor,
  readState,
  scanHighlights,
  takeSnapshot,
  watchMutations,
  type FloorResult,
  type HighlightScan,
  type PageState,
  type Snapshot,
} from './probes';
import { emptyReport, type PageReport } from './report-shapes';
import { median, round2 } from './stats';
import { agedReference, judgeToggle, toggleOff, toggleShapeOnly, type ToggleSnapshots } from './toggle-off';
import { COLD_FLOOR_WORLDS, FLOOR_RUNS, MAX_BOXES, MAX_SAMPLES, QUIET_BEFORE_TIMED_LOAD_MS } from './tunables';

type Phase = 'without' | 'with' | 'toggle' | 'again' | 'confirm' | 'done';

/** Which quote ids exist, to tell quotes from entities in the measure detail. */
export type IsQuote = (id: string) => boolean;

/** One visit of a page: where it is, what it fills, and the bounds every step keeps to. */
interface Visit {
  contexts: Contexts;
  url: string;
  report: PageReport;
  deadline: number;
  /** Every tab opened, for the caller to close whatever happens. */
  opened: Page[];
  isQuote: IsQuote;
  /** The step running, so a failure can tell breakage (with the extension) from a page that fails anyway. */
  progress: { phase: Phase };
  /** Loads whose floor at load is measured, and loads whose first pass is (the summary's pages: AT_LOAD_FLOOR_LOADS). */
  floorLoads: number;
}

/** The page without the extension: its snapshot and the floor at load of each of its loads. */
interface WithoutExtension {
  snapshot: Snapshot;
  atLoadFloor: number[];
}

/** The page with the extension, analysed in full (still open: the toggle-off check runs in it). */
interface WithExtension {
  load: Load;
  settled: Awaited<ReturnType<typeof settle>>;
  snapshot: Snapshot;
  highlights: HighlightScan;
  state: PageState;
  /** Main-world floor runs, and one run per fresh isolated world. */
  floor: FloorResult;
  coldFloor: number[];
  /** The first pass of each extra load (the summary's pages). */
  extraPasses: number[];
}

/** The steps of one visit, in order; each fills its part of `visit.report`. */
async function runPage(visit: Visit): Promise<void> {
  const { report, progress } = visit;
  const without = await visitWithout(visit);
  const withExtension = await visitWith(visit);
  recordMeasures(report, withExtension, without.atLoadFloor, visit.isQuote);

  // 2b. Turned off for the site, as a user would: nothing left, the page as without the extension (judged below).
  progress.phase = 'toggle';
  const toggled = await toggleOff(visit.contexts, withExtension.load, report, visit.deadline);
  progress.phase = 'with';
  await closeQuietly(withExtension.load.page);
  visit.contexts.visiting = null;

  const { comparison, off2 } = await compareWithReloads(visit, without.snapshot, withExtension);
  recordBreakage(report, comparison, withExtension.highlights);
  if (toggled) await judgeToggleOff(visit, toggled, without.snapshot, off2);
  report.breakage.reasons.push(...report.toggleOff.reasons);
  progress.phase = 'done';
}

/** 1. Without the extension: the floor at load (of several loads for the summary's pages), a snapshot, errors. */
async function visitWithout(visit: Visit): Promise<WithoutExtension> {
  const { contexts, url, report, deadline, opened } = visit;
  visit.progress.phase = 'without';
  await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
  const off = await openPage(contexts.off, url, deadline, opened);
  const atLoadFloor = [await floorAtLoad(off)];
  await settle(off.page, false, deadline);
  const snapshot = await inPage(off.page, takeSnapshot, MAX_BOXES, 15_000);
  const offHighlights = await inPage(off.page, scanHighlights, MAX_SAMPLES, 10_000);
  const offLongTasks = (await inPage(off.page, readState, undefined, 10_000)).longTasks;
  report.textChars = snapshot.text.length;
  report.breakage.highlightsWithoutExtension = offHighlights.total;
  report.longTasks.withoutExtension = offLongTasks.length;
  const { samples: _unused, ...offErrors } = off.errors.summary;
  void _unused;
  report.errorsWithoutExtension = { ...offErrors };
  await closeQuietly(off.page);
  for (let load = 1; load < visit.floorLoads; load++) {
    await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
    const again = await openPage(contexts.off, url, deadline, opened);
    atLoadFloor.push(await floorAtLoad(again));
    await closeQuietly(again.page);
  }
  return { snapshot, atLoadFloor };
}

/**
 * 2. With the extension: first the extra loads that only time the first pass, then the load analysed in full, left
 * open. From then until it is closed, the extension's own pages and service worker log into this page's count.
 */
async function visitWith(visit: Visit): Promise<WithExtension> {
  const { contexts, url, report, deadline, opened } = visit;
  visit.progress.phase = 'with';
  const extraPasses: number[] = [];
  for (let load = 1; load < visit.floorLoads; load++) {
    await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
    const again = await openPage(contexts.on, url, deadline, opened);
    const first = (await settle(again.page, true, deadline)).state.measures.find((m) => m.name === 'backstory:scan');
    if (first) extraPasses.push(first.duration);
    await closeQuietly(again.page);
  }
  await sleep(QUIET_BEFORE_TIMED_LOAD_MS);
  const load = await openPage(contexts.on, url, deadline, opened);
  const settled = await settle(load.page, true, deadline);
  report.settled = settled.settled;
  await inWorld(load, watchMutations, undefined, 5_000);
  const snapshot = await inPage(load.page, takeSnapshot, MAX_BOXES, 15_000);
  const highlights = await inPage(load.page, scanHighlights, MAX_SAMPLES, 10_000);
  const coldFloor: number[] = [];
  for (let world = 0; world < COLD_FLOOR_WORLDS; world++) {
    coldFloor.push(...(await inFreshWorld(load, measureFloor, 1, 15_000)).runs);
  }
  const floor = await inPage(load.page, measureFloor, FLOOR_RUNS, 15_000);
  const state = await inPage(load.page, readState, undefined, 10_000);
  report.errors = load.errors.summary;
  contexts.visiting = report.errors;
  for (const text of contexts.pending.splice(0)) {
    report.errors.extension++;
    push(report.errors.samples.extension, text);
  }
  return { load, settled, snapshot, highlights, state, floor, coldFloor, extraPasses };
}

/** The marks, pass times, floors, ratios and long tasks of the page with the extension. */
function recordMeasures(report: PageReport, on: WithExtension, atLoadFloor: number[], isQuote: IsQuote): void {
  const { state, highlights, floor, coldFloor } = on;
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
  const loadPasses = firstScan ? [firstScan.duration, ...on.extraPasses] : [];
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
  recordLongTasks(report, state, firstScan);
}

/** Long tasks of the page with the extension: all, those overlapping our measures, the one holding the first scan. */
function recordLongTasks(report: PageReport, state: PageState, firstScan: PageState['measures'][number] | undefined) {
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
}

/**
 * 3. The page with the extension against the page without. When something differs, a second load without the
 * extension tells whether the page itself is unstable, and (4.) a second load with it whether the change comes back.
 */
async function compareWithReloads(
  visit: Visit,
  offSnapshot: Snapshot,
  on: WithExtension,
): Promise<{ comparison: Comparison; off2: Snapshot | null }> {
  const { contexts, url, deadline, opened } = visit;
  const differs = (c: Comparison) => c.textChanged || c.layoutChanged > 0 || c.domChanged;
  const comparison = compare(offSnapshot, on.snapshot, null);
  if (!differs(comparison)) return { comparison, off2: null };
  visit.progress.phase = 'again';
  const again = await openPage(contexts.off, url, deadline, opened);
  await settle(again.page, false, deadline);
  // Wait about as long as the page with the extension did, so timers of the page ran as often.
  const onElapsed = on.settled.state.now - on.settled.state.loadEnd;
  const againState = await inPage(again.page, readState, undefined, 10_000);
  const wait = Math.min(onElapsed - (againState.now - againState.loadEnd), deadline - Date.now() - 3_000);
  if (wait > 0) await sleep(wait);
  const off2 = await inPage(again.page, takeSnapshot, MAX_BOXES, 15_000);
  await closeQuietly(again.page);
  const withOff2 = compare(offSnapshot, on.snapshot, off2);
  if (!differs(withOff2)) return { comparison: withOff2, off2 };
  return { comparison: await confirmWithExtension(visit, offSnapshot, on.snapshot, off2, withOff2), off2 };
}

/**
 * 4. Still different: the page loaded with the extension once more. Pages whose scripts race build another DOM now
 * and then; a change counts as breakage only when the second load with the extension shows it too.
 */
async function confirmWithExtension(
  visit: Visit,
  offSnapshot: Snapshot,
  onSnapshot: Snapshot,
  off2Snapshot: Snapshot,
  comparison: Comparison,
): Promise<Comparison> {
  visit.progress.phase = 'confirm';
  const confirm = await openPage(visit.contexts.on, visit.url, visit.deadline, visit.opened);
  await settle(confirm.page, true, visit.deadline);
  const on2Snapshot = await inPage(confirm.page, takeSnapshot, MAX_BOXES, 15_000);
  await closeQuietly(confirm.page);
  const second = compare(offSnapshot, on2Snapshot, off2Snapshot);
  // A box counts only when both loads with the extension moved it the same way: boxes that differ between
  // those two loads move by themselves (late images, racing scripts).
  const noisy = new Set(boxDifferences(onSnapshot, on2Snapshot));
  const moved = second.changedBoxes.filter((i) => comparison.changedBoxes.includes(i) && !noisy.has(i));
  if (moved.length < second.changedBoxes.length) {
    second.unstable.push(`${second.changedBoxes.length - moved.length} boxes vary between loads with the extension`);
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
  return reproduced
    ? second
    : { ...second, unstable: [...second.unstable, 'a first load with the extension differed, a second did not'] };
}

/** The page's breakage with the extension on: what changed, marks in forbidden places, errors from the extension. */
function recordBreakage(report: PageReport, comparison: Comparison, highlights: HighlightScan): void {
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
}

/**
 * The page after turning off, judged against its loads without the extension. 5. When it differs, a load without the
 * extension snapshotted at the same ages tells what the page changes by itself over that interval (live blogs,
 * tickers); only the rest counts.
 */
async function judgeToggleOff(
  visit: Visit,
  toggled: ToggleSnapshots,
  offSnapshot: Snapshot,
  off2: Snapshot | null,
): Promise<void> {
  const t = visit.report.toggleOff;
  judgeToggle(t, toggled, offSnapshot, off2, null);
  if (!toggleShapeOnly(t)) return;
  visit.progress.phase = 'again';
  const aged = await agedReference(visit.contexts, visit.url, toggled, visit.deadline, visit.opened);
  judgeToggle(t, toggled, offSnapshot, off2, aged);
}

/** Visits one page within its time limit; a failure is reported, and the site is left on for the next page. */
export async function runOne(
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
    const visit: Visit = { contexts, url, report, deadline, opened, isQuote, progress, floorLoads };
    await withTimeout(runPage(visit), options.pageTimeout, `page ${file}`);
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
