/**
 * The toggle-off check: Backstory turned off for the page's site the way the popup's switch does, then the page judged
 * against its loads without the extension (nothing left, the same text and block boxes).
 */
import type { Page } from 'playwright-core';
import { closeQuietly, inPage, inWorld, openPage, sleep, type Load } from './browser';
import { compare } from './compare';
import { controlPage, type Contexts } from './contexts';
import { findTab, leftovers, quietFor, takeSnapshot, toBackground, type Snapshot } from './probes';
import type { PageReport, ToggleOffReport } from './report-shapes';
import {
  DOM_QUIET_MS,
  MAX_BOXES,
  MAX_DOM_QUIET_WAIT_MS,
  TOGGLE_POLL_MS,
  TOGGLE_SETTLE_MS,
  TOGGLE_WAIT_MS,
} from './tunables';

/** The page with the extension just before and after its site was turned off, and their ages (ms since navigation). */
export interface ToggleSnapshots {
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
export async function toggleOff(
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
export async function agedReference(
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
export function judgeToggle(
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
export const toggleShapeOnly = (t: ToggleOffReport): boolean =>
  (t.textChanged || t.domChanged || t.layoutChanged > 0) &&
  t.highlightsLeft === 0 &&
  t.cardsLeft === 0 &&
  t.restored &&
  t.status !== 'failed';
