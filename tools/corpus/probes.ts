/**
 * Functions that run inside the browser, serialised (no closures, plain data in and out): in the visited page (its
 * state, snapshots, the floor, the marks, what is left after turning off, DOM quiet) and in an extension page, the
 * control tab, which sends the same messages as the popup.
 */
import type { ForbiddenMark } from './report-shapes';

/** Installed before any page script: records long tasks in a non-enumerable global. */
export const LONG_TASK_RECORDER = `(() => {
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

export interface PageState {
  measures: MeasureEntry[];
  longTasks: [number, number][];
  now: number;
  loadEnd: number;
}

export function readState(): PageState {
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

export interface Snapshot {
  text: string;
  elementCount: number;
  /** A hash of the tag sequence, to tell a changed DOM shape. */
  shape: string;
  /** [element index, tag, x, y, width, height] of block-level elements, in document order. */
  boxes: [number, string, number, number, number, number][];
}

export function takeSnapshot(maxBoxes: number): Snapshot {
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

export interface FloorResult {
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
export function measureFloor(runs: number): FloorResult {
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

export interface HighlightScan {
  total: number;
  /** `kind: …before[text]after…` of the marks in page order (the first 300), to read what was marked. */
  samples: string[];
  byHighlight: Record<string, number>;
  forbidden: ForbiddenMark[];
  forbiddenCount: number;
}

/** Every `backstory-` range, and those in places marks must never go. */
export function scanHighlights(maxSamples: number): HighlightScan {
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
  /** Marks listed with their context, and the characters of context on each side. */
  const MARKS_LISTED = 300;
  const CONTEXT = 40;
  const ranges: { kind: string; range: Range }[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('backstory-')) return;
    let count = 0;
    for (const abstract of highlight as unknown as Iterable<AbstractRange>) {
      count++;
      if (!(abstract instanceof Range)) continue;
      ranges.push({ kind: name.slice('backstory-'.length), range: abstract });
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
  ranges.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  const flat = (text: string): string => text.replace(/\s+/g, ' ');
  for (const { kind, range } of ranges.slice(0, MARKS_LISTED)) {
    const before = (range.startContainer.textContent ?? '').slice(0, range.startOffset).slice(-CONTEXT);
    const after = (range.endContainer.textContent ?? '').slice(range.endOffset, range.endOffset + CONTEXT);
    result.samples.push(`${kind}: …${flat(before)}[${flat(range.toString()).slice(0, 120)}]${flat(after)}…`);
  }
  return result;
}

/** What the extension left in the page: `backstory-` highlights (names) and card hosts. */
export function leftovers(): { highlights: number; cards: number } {
  let highlights = 0;
  if (typeof CSS !== 'undefined' && CSS.highlights) {
    CSS.highlights.forEach((_, name) => {
      if (name.startsWith('backstory-')) highlights++;
    });
  }
  return { highlights, cards: document.querySelectorAll('backstory-card').length };
}

/** Starts recording the time of the last DOM mutation (in our isolated world, where the page cannot see it). */
export function watchMutations(): boolean {
  const world = globalThis as unknown as { __backstoryLastMutation?: number };
  if (world.__backstoryLastMutation !== undefined) return true;
  world.__backstoryLastMutation = 0;
  new MutationObserver(() => {
    world.__backstoryLastMutation = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  return true;
}

/** Milliseconds since the last DOM mutation recorded by `watchMutations`. */
export function quietFor(): number {
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
export function findTab(url: string): Promise<{ tabId: number; enabled: boolean } | null> {
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
export function toBackground(message: unknown): Promise<unknown> {
  return (globalThis as unknown as { chrome: ControlApi }).chrome.runtime.sendMessage(message);
}

/** The last resort when the site could not be turned back on by message: an empty site list (the default). */
export function clearSiteList(): Promise<boolean> {
  return (globalThis as unknown as { chrome: ControlApi }).chrome.storage.sync.remove(['sites']).then(() => true);
}

/** Resolves in the page's next idle period, or after `timeout` ms. */
export function waitForIdle(timeout: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 0);
  });
}
