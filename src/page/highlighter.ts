/**
 * The highlighter: runs the highlighting pass (`pass/full.ts`: collect the visible text of the article scope, match
 * it, turn matches into Ranges and draw them as CSS highlights), then follows the page (`follow.ts`: DOM mutations,
 * incremental re-scans) and answers hit tests. The document, window and matcher are parameters; everything
 * registered is released when `signal` aborts.
 */
import type { Matcher } from '../match';
import { followPage } from './follow';
import { createHighlightLayer, supportsHighlights, type HighlightWindow } from './highlights';
import { MarkStore } from './mark-store';
import type { PassContext } from './pass/context';
import { fullPass } from './pass/full';
import { incrementalPass } from './pass/incremental';
import type { HighlightSettings, PageMark } from './pass/types';

export {
  MAX_INCREMENTAL_CHARS,
  MAX_INCREMENTAL_ROOTS,
  MIN_FULL_PASS_INTERVAL_MS,
  MUTATION_DEBOUNCE_MS,
} from './follow';
export { MAX_CHARS_PER_SCAN } from './pass/match';
export { DEFAULT_HIGHLIGHT_SETTINGS, type HighlightSettings, type PageMark } from './pass/types';
export { SLICE_BUDGET_MS } from './slicer';

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
  const store = new MarkStore(supportsHighlights(win as Partial<HighlightWindow>) ? createHighlightLayer(win) : null);
  const context: PassContext = { doc, win, matcher, settings: () => settings, confirmed: new Set(), store, serial: 0 };
  /** Bumped by every full pass and by dispose: a pass whose generation is gone stops at its next yield. */
  let generation = 0;
  let disposed = false;
  let scope: Element | null = null;
  const changed = () => options.onChange?.(store.marks);

  const follower = followPage({
    doc,
    win,
    scope: () => scope,
    async fullPass() {
      const pass = ++generation;
      const done = await fullPass(
        context,
        () => pass !== generation || disposed,
        (element) => (scope = element),
      );
      if (done) changed();
    },
    async incrementalPass(roots) {
      const pass = generation;
      if (await incrementalPass(context, roots, () => pass !== generation || disposed)) changed();
    },
    report: (error) => options.onError?.(error),
  });

  const dispose = () => {
    if (disposed) return;
    disposed = true;
    generation++;
    follower.dispose();
    store.dispose();
  };
  signal.addEventListener('abort', dispose, { once: true });

  return {
    refresh: () => follower.refresh(),
    update(next) {
      settings = next;
      return this.refresh();
    },
    marks: () => store.marks,
    markAtPosition: (node, offset) => store.at(node, offset),
    scope: () => scope,
    dispose,
  };
}
