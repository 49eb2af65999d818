/**
 * The highlighting pass: collect the visible text of the article scope, match it, turn matches into Ranges and draw
 * them as CSS highlights; then follow the page (DOM mutations, SPA navigation) and answer hit tests. The document,
 * window and matcher are parameters; everything registered is released when `signal` aborts.
 */
import type { LazyMatcher, Match, Matcher } from '../match';
import { collectText, collectTextSliced } from './collect';
import { createHighlightLayer, supportsHighlights, type HighlightLayer, type HighlightWindow } from './highlights';
import { IntervalIndex } from './interval-index';
import { insertTexts, piecesFor, rangeFor, slicePageText, spanWithin, type PageText } from './page-text';
import { ARTICLE_SELECTORS, chooseScope, PAGE_CHROME_TAGS } from './scope';
import { EXTENSION_UI_ATTRIBUTE, EXTENSION_UI_TAG, type MarkKind } from '../shared/vocabulary';
import { afterNextFrame, whenIdle, yieldToMain } from './tasks';

/** How long one slice of our work may run before it yields to the page (the long-task limit is 50 ms). */
export const SLICE_BUDGET_MS = 12;
/** Text matched in one task at most (about 5–10 ms cold); longer pages are matched block-aligned chunk by chunk. */
export const MAX_CHARS_PER_SCAN = 64_000;
/** Mutations are gathered this long before a re-scan. */
export const MUTATION_DEBOUNCE_MS = 150;
/** More added roots than this in one batch, or more text, and a full pass is cheaper than piecemeal re-scans. */
export const MAX_INCREMENTAL_ROOTS = 200;
export const MAX_INCREMENTAL_CHARS = 200_000;
/** A full pass caused by mutations runs at most this often. */
export const MIN_FULL_PASS_INTERVAL_MS = 1_000;

/** Attributes whose change shows or hides text, so the text is read again. */
const VISIBILITY_ATTRIBUTES = ['aria-hidden', 'hidden', 'open', 'contenteditable'];

/** What to mark. */
export interface HighlightSettings {
  /** `first`: the first mention of each entity; `all`: every mention. Quotes are always every occurrence. */
  readonly mentions: 'first' | 'all';
  /** `article`: the article scope; `page`: the whole body. */
  readonly scope: 'article' | 'page';
  /** Kinds to mark (entity kinds and `quote`). */
  readonly kinds: readonly MarkKind[];
}

export const DEFAULT_HIGHLIGHT_SETTINGS: HighlightSettings = {
  mentions: 'first',
  scope: 'article',
  kinds: ['person', 'organization', 'group', 'place', 'media', 'event', 'quote'],
};

/** One mark on the page. */
export interface PageMark {
  /** Serial number, unique within the page's lifetime. */
  readonly serial: number;
  readonly kind: MarkKind;
  /** The entity id, or the quote id for a quote mark. */
  readonly target: string;
  readonly match: Match;
  /** A live Range over exactly the matched text. */
  readonly range: Range;
  /** The matched text as it was when marked: a range whose text changed is dropped. */
  readonly text: string;
}

export interface HighlighterOptions {
  doc: Document;
  win: Window & typeof globalThis;
  matcher: Matcher;
  settings: HighlightSettings;
  /** Aborting it removes every highlight, observer and listener. */
  signal: AbortSignal;
  /** Called after every pass that changed the marks. */
  onChange?: (marks: readonly PageMark[]) => void;
  /** Reports unexpected errors (the page must never see one of ours). */
  onError?: (error: unknown) => void;
}

export interface Highlighter {
  /** Runs a full pass now. Resolves when the pass has drawn its marks (or was superseded). */
  refresh(): Promise<void>;
  /** Changes what is marked and re-runs the pass. */
  update(settings: HighlightSettings): Promise<void>;
  /** The marks in reading order. */
  marks(): readonly PageMark[];
  /** The innermost mark at a DOM position (a caret), or null. */
  markAtPosition(node: Node, offset: number): PageMark | null;
  /** The element the last full pass read: the article scope, or the body; null before the first pass. */
  scope(): Element | null;
  /** Removes everything; the same as aborting the signal. */
  dispose(): void;
}

/** Creates the page's highlighter and starts following DOM changes; call `refresh()` for the first pass. */
export function createHighlighter(options: HighlighterOptions): Highlighter {
  const { doc, win, matcher, signal } = options;
  let settings = options.settings;
  const layer: HighlightLayer | null = supportsHighlights(win as Partial<HighlightWindow>)
    ? createHighlightLayer(win)
    : null;
  /** The marks by text node, for hit testing; a full pass fills a new one and swaps it in with its marks. */
  let index = new IntervalIndex<Node, PageMark>();
  let marks: PageMark[] = [];
  let serial = 0;
  let generation = 0;
  let disposed = false;
  let scope: Element | null = null;
  /** Entities with an unambiguous mention on the page: they confirm ambiguous aliases in any later scan. */
  const confirmedOnPage = new Set<string>();

  const report = (error: unknown) => options.onError?.(error);
  const entityKinds = () => settings.kinds.filter((kind) => kind !== 'quote');

  /**
   * Matches `text` in chunks of whole blocks (nothing matches across a block boundary, so chunks lose nothing),
   * one chunk per slice; entities mentioned unambiguously in earlier chunks confirm ambiguous aliases in later ones.
   * Null when superseded.
   */
  async function scanSliced(
    text: string,
    superseded: () => boolean,
    spent: (ms: number) => void,
  ): Promise<Match[] | null> {
    const found: Match[] = [];
    let offset = 0;
    while (offset < text.length) {
      let end = Math.min(text.length, offset + MAX_CHARS_PER_SCAN);
      if (end < text.length) {
        const boundary = text.lastIndexOf('\n', end);
        end = boundary > offset ? boundary + 1 : end;
      }
      const at = performance.now();
      const chunk = matcher.scan(text.slice(offset, end), scanOptions());
      for (const match of chunk) {
        found.push(offset === 0 ? match : { ...match, start: match.start + offset, end: match.end + offset });
        if (match.kind === 'entity' && match.how === 'alias') confirmedOnPage.add(match.id);
      }
      measure('backstory:match', at, { chars: end - offset });
      spent(performance.now() - at);
      offset = end;
      if (offset < text.length) {
        await yieldToMain(win);
        if (superseded()) return null;
      }
    }
    return found;
  }

  /** What every scan asks the matcher: all mentions (first-only is decided per visible mark), the chosen kinds. */
  function scanOptions() {
    return {
      mentions: 'all' as const,
      kinds: entityKinds(),
      quotes: settings.kinds.includes('quote'),
      confirmed: confirmedOnPage,
    };
  }

  /** Matches → marks (Ranges), sliced so no task of ours runs long. Null when superseded. */
  async function toMarks(
    pageText: PageText,
    matches: readonly Match[],
    pass: number,
    /** The index the marks go into. */
    into: IntervalIndex<Node, PageMark>,
    spent: (ms: number) => void = () => undefined,
    /** Entities already marked; updated as marks are made. */
    seen: Set<string> = new Set(),
    /** Wait for the next frame first (false: the caller did, in this task). */
    waitForFrame = true,
  ): Promise<PageMark[] | null> {
    const made: PageMark[] = [];
    if (matches.length === 0) return made;
    if (waitForFrame) {
      // Marks read whether their text is rendered; after the next frame that is a lookup, not a forced style pass.
      await afterNextFrame(win);
      if (pass !== generation || disposed) return null;
    }
    let sliceStart = performance.now();
    for (const match of matches) {
      if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
        spent(performance.now() - sliceStart);
        await yieldToMain(win);
        if (pass !== generation || disposed) return null;
        sliceStart = performance.now();
      }
      // With `first`, the first *visible* mention counts: matches come in reading order, hidden ones are skipped.
      if (match.kind === 'entity' && settings.mentions === 'first' && seen.has(match.id)) continue;
      const range = rangeFor(pageText, match.start, match.end, doc);
      if (!range || !isRendered(range)) continue;
      if (match.kind === 'entity') seen.add(match.id);
      const kind: MarkKind = match.kind === 'quote' ? 'quote' : match.entityKind;
      const mark: PageMark = {
        serial: ++serial,
        kind,
        target: match.id,
        match,
        range,
        text: pageText.text.slice(match.start, match.end),
      };
      into.addPieces(piecesFor(pageText, match.start, match.end), mark);
      made.push(mark);
    }
    spent(performance.now() - sliceStart);
    return made;
  }

  async function fullPass(): Promise<void> {
    const pass = ++generation;
    const superseded = () => pass !== generation || disposed;
    // A full pass starts when the page is idle (within IDLE_WAIT_MS), never in a task with whatever ran before.
    await whenIdle(win);
    if (superseded()) return;
    if (isLazy(matcher) && !matcher.built) {
      const compiling = performance.now();
      matcher.build();
      measure('backstory:startup', compiling, {});
      await yieldToMain(win);
      if (superseded()) return;
    }
    const started = performance.now();
    let work = 0;
    /** The pass's work by phase, for the measure's detail (the corpus report shows where a pass spends its time). */
    const phases = { scopeMs: 0, walkMs: 0, matchMs: 0, marksMs: 0 };
    let phase: keyof typeof phases = 'scopeMs';
    /** The longest run of our code between two yields: the longest task of ours, as the pass itself timed it. */
    let longestSlice = 0;
    let longestSlicePhase = '';
    const spent = (ms: number) => {
      work += ms;
      phases[phase] += ms;
      if (ms > longestSlice) {
        longestSlice = ms;
        longestSlicePhase = phase.slice(0, -2);
      }
    };
    const body = doc.body ?? doc.documentElement;
    if (!body) return;
    const slicing = { budgetMs: SLICE_BUDGET_MS, pause: () => yieldToMain(win), cancelled: superseded, spent };
    if (doc.designMode === 'on') {
      // A document in design mode is one editable area: nothing is marked in it.
      index.clear();
      marks = [];
      layer?.render(marks);
      options.onChange?.(marks);
      return;
    }
    // One walk over the body both collects the text and sizes the article candidates (their spans in it).
    // Candidates inside skipped subtrees are never entered by the walk, so they get no span and drop out.
    const candidates = settings.scope === 'page' ? [] : Array.from(doc.querySelectorAll(ARTICLE_SELECTORS));
    const spans = new Map<Element, { start: number; end: number }>();
    const leftOut: { element: Element; at: number }[] = [];
    spent(performance.now() - started);
    phase = 'walkMs';
    const bodyText = await collectTextSliced(
      body,
      // Styles are not read per element (the costliest part of a walk); hidden matches are dropped below instead.
      {
        checkStyles: false,
        checkAncestors: false,
        track: new Set(candidates),
        spans,
        // With candidates, only their text and the size of the rest are needed: the page chrome is left out.
        ...(candidates.length > 0 ? { skipOutsideTracked: PAGE_CHROME_TAGS, leftOut } : {}),
      },
      slicing,
    );
    if (!bodyText) return;
    phase = 'scopeMs';
    const scoping = performance.now();
    // Candidates the walk never entered lie in skipped subtrees.
    const walked = candidates.filter((candidate) => spans.has(candidate));
    // Other elements (the common ancestor of several comparable candidates) are found in the body's text: the walk
    // already read theirs, so no second walk.
    const spanOf = (element: Element) => {
      if (element === body) return { start: 0, end: bodyText.text.length };
      let span = spans.get(element);
      if (span === undefined) {
        span = spanWithin(bodyText, element) ?? { start: 0, end: 0 };
        spans.set(element, span);
      }
      return span;
    };
    const sizeOf = (element: Element) => {
      const span = spanOf(element);
      return span.end - span.start;
    };
    scope = walked.length === 0 ? body : chooseScope(body, walked, sizeOf);
    const span = spanOf(scope);
    let pageText = slicePageText(bodyText, span.start, span.end);
    measure('backstory:scope', scoping, {});
    spent(performance.now() - scoping);
    if (scope === body && leftOut.length > 0) {
      // No candidate is the story: the body is the scope, chrome included. Only the chrome the walk left out is read
      // now, and put back where it was.
      phase = 'walkMs';
      const inserts: { at: number; text: PageText }[] = [];
      let lastYield = -Infinity;
      for (const { element, at } of leftOut) {
        if (performance.now() - lastYield > SLICE_BUDGET_MS) {
          await yieldToMain(win);
          if (superseded()) return;
          lastYield = performance.now();
        }
        const text = await collectTextSliced(
          element,
          { checkStyles: false, checkAncestors: false },
          {
            ...slicing,
            // What is left of this slice, so several small subtrees in a row stay within one budget.
            budgetMs: Math.max(1, SLICE_BUDGET_MS - (performance.now() - lastYield)),
            pause: async () => {
              await yieldToMain(win);
              lastYield = performance.now();
            },
          },
        );
        if (!text) return;
        inserts.push({ at, text });
      }
      pageText = insertTexts(bodyText, inserts);
    }
    await yieldToMain(win);
    if (superseded()) return;
    confirmedOnPage.clear();
    phase = 'matchMs';
    const found = await scanSliced(pageText.text, superseded, spent);
    if (!found) return;
    phase = 'marksMs';
    // The previous marks stay in place, and under the pointer, until the new ones are ready.
    const fresh = new IntervalIndex<Node, PageMark>();
    const made = await toMarks(pageText, found, pass, fresh, spent);
    if (!made) return;
    const at = performance.now();
    index = fresh;
    marks = made;
    layer?.render(marks);
    spent(performance.now() - at);
    // The pass's own work, without the time the page ran between our slices; the wall time is in the detail.
    measure(
      'backstory:scan',
      started,
      {
        chars: pageText.text.length,
        marks: marks.length,
        targets: countTargets(marks),
        wallMs: performance.now() - started,
        scopeMs: phases.scopeMs,
        walkMs: phases.walkMs,
        matchMs: phases.matchMs,
        marksMs: phases.marksMs,
        longestSliceMs: longestSlice,
        longestSlicePhase,
      },
      started + work,
    );
    options.onChange?.(marks);
  }

  /** Re-scans only the subtrees that were added or whose text changed; drops marks whose text left. */
  async function incrementalPass(roots: readonly Node[]): Promise<void> {
    const pass = generation;
    // One wait for a frame for the whole update (see `toMarks`); the slices below read styles right after it.
    await afterNextFrame(win);
    if (pass !== generation || disposed) return;
    const started = performance.now();
    layer?.restore();
    dropStaleMarks();
    // A re-scanned root replaces the marks it held.
    removeMarks(marks.filter((mark) => roots.some((root) => root.contains(mark.range.startContainer))));
    const seen = new Set(marks.map((mark) => mark.target));
    const added: PageMark[] = [];
    let sliceStart = started;
    for (const root of roots) {
      if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
        await yieldToMain(win);
        if (pass !== generation || disposed) return;
        sliceStart = performance.now();
      }
      const pageText = collectText(root, { checkStyles: false });
      if (!pageText.text.trim()) continue;
      const matches = matcher.scan(pageText.text, scanOptions());
      for (const match of matches) {
        if (match.kind === 'entity' && match.how === 'alias') confirmedOnPage.add(match.id);
      }
      const made = await toMarks(pageText, matches, pass, index, undefined, seen, false);
      if (!made) return;
      added.push(...made);
    }
    marks = [...marks, ...added].sort(compareMarks);
    layer?.add(added);
    measure('backstory:update', started, { roots: roots.length, marks: added.length });
    options.onChange?.(marks);
  }

  function compareMarks(a: PageMark, b: PageMark): number {
    try {
      return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
    } catch {
      return a.serial - b.serial;
    }
  }

  function removeMarks(gone: readonly PageMark[]): void {
    if (gone.length === 0) return;
    const set = new Set(gone);
    for (const mark of gone) index.remove(mark);
    layer?.remove(gone.map((mark) => mark.range));
    marks = marks.filter((mark) => !set.has(mark));
  }

  /** Marks whose text left the page, or changed under them, disappear. */
  function dropStaleMarks(): void {
    removeMarks(marks.filter((mark) => !mark.range.startContainer.isConnected || mark.range.toString() !== mark.text));
  }

  function measure(name: string, start: number, detail: Record<string, unknown>, end = performance.now()): void {
    try {
      performance.measure(name, { start, end, detail });
    } catch {
      // Engines without the options form of measure: the entry is a nicety, never worth an error.
    }
  }

  // ── Following the page ─────────────────────────────────────────────────────────────────────────────────────
  let pendingRoots = new Set<Node>();
  let pendingFull = false;
  let pendingPrune = false;
  let timer: number | undefined;
  let lastFull = 0;
  let running: Promise<void> = Promise.resolve();

  const isOurs = (node: Node): boolean => {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    return !!element?.closest?.(`${EXTENSION_UI_TAG}, [${EXTENSION_UI_ATTRIBUTE}]`);
  };

  const schedule = () => {
    if (timer !== undefined || disposed) return;
    timer = win.setTimeout(() => {
      timer = undefined;
      const sinceFull = performance.now() - lastFull;
      if (pendingFull && sinceFull < MIN_FULL_PASS_INTERVAL_MS) {
        timer = win.setTimeout(() => {
          timer = undefined;
          schedule();
        }, MIN_FULL_PASS_INTERVAL_MS - sinceFull);
        return;
      }
      const roots = topmost([...pendingRoots]);
      const full = pendingFull;
      pendingRoots = new Set();
      pendingFull = false;
      pendingPrune = false;
      running = running.then(() => (full ? runFull() : incrementalPass(roots))).catch(report);
    }, MUTATION_DEBOUNCE_MS);
  };

  const runFull = () => {
    lastFull = performance.now();
    return fullPass();
  };

  const observer = new win.MutationObserver((records) => {
    try {
      let chars = 0;
      for (const record of records) {
        if (pendingFull) break;
        const target = record.target;
        if (isOurs(target)) continue;
        if (!scope?.isConnected) {
          pendingFull = true;
          break;
        }
        if (record.type === 'attributes') {
          // Content shown or hidden (a modal's aria-hidden on the page wrapper, a <details> opened) is read again.
          if (target.contains(scope)) pendingFull = true;
          else if (scope.contains(target)) pendingRoots.add(target);
          continue;
        }
        if (record.type === 'characterData') {
          const parent = target.parentElement;
          if (parent && scope.contains(parent)) pendingRoots.add(parent);
          continue;
        }
        for (const node of Array.from(record.addedNodes)) {
          if (node.nodeType !== 1 && node.nodeType !== 3) continue;
          if (!scope.contains(node) || isOurs(node)) continue;
          // Text added next to other text (a name completed by a later node) is re-read with its parent.
          const root = node.nodeType === 3 ? (node.parentElement ?? node) : node;
          pendingRoots.add(root);
          chars += node.textContent?.length ?? 0;
        }
        if (record.removedNodes.length) pendingPrune = true;
      }
      if (pendingRoots.size > MAX_INCREMENTAL_ROOTS || chars > MAX_INCREMENTAL_CHARS) {
        pendingFull = true;
        pendingRoots.clear();
      }
      if (pendingFull || pendingRoots.size || pendingPrune) schedule();
    } catch (error) {
      report(error);
    }
  });

  const start = () => {
    const body = doc.body ?? doc.documentElement;
    if (body) {
      observer.observe(body, {
        childList: true,
        subtree: true,
        characterData: true,
        attributeFilter: VISIBILITY_ATTRIBUTES,
      });
    }
  };
  start();

  const dispose = () => {
    if (disposed) return;
    disposed = true;
    generation++;
    observer.disconnect();
    if (timer !== undefined) win.clearTimeout(timer);
    layer?.dispose();
    index.clear();
    marks = [];
  };
  signal.addEventListener('abort', dispose, { once: true });

  return {
    refresh() {
      if (disposed) return Promise.resolve();
      pendingFull = false;
      pendingRoots.clear();
      running = running.then(runFull).catch(report);
      return running;
    },
    update(next) {
      settings = next;
      return this.refresh();
    },
    marks: () => marks,
    markAtPosition(node, offset) {
      const hits = index.at(node, offset);
      return hits[0] ?? null;
    },
    scope: () => scope,
    dispose,
  };
}

function isLazy(matcher: Matcher): matcher is LazyMatcher {
  return typeof (matcher as Partial<LazyMatcher>).build === 'function';
}

/**
 * Whether a matched range is rendered: the walk reads no styles, so text hidden by CSS (`display: none`,
 * `visibility: hidden`, a collapsed menu) is checked here, once per match instead of once per element.
 */
function isRendered(range: Range): boolean {
  const start = elementOf(range.startContainer);
  const end = elementOf(range.endContainer);
  if (start === null || end === null) return false;
  // Most marks lie in one text node: one check.
  return isElementRendered(start) && (end === start || isElementRendered(end));
}

function elementOf(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

function isElementRendered(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  return typeof check !== 'function' || check.call(element, { visibilityProperty: true });
}

/** Marks per entity or quote id, for the measure's detail (read by the corpus run and DevTools). */
function countTargets(marks: readonly PageMark[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const mark of marks) counts[mark.target] = (counts[mark.target] ?? 0) + 1;
  return counts;
}

/** Drops roots contained in another root, so nothing is scanned twice. */
function topmost(roots: Node[]): Node[] {
  return roots.filter((root) => root.isConnected && !roots.some((other) => other !== root && other.contains(root)));
}
