/**
 * Going to a mark: the popup's and the context menu's `reveal` (scroll to a mark and open its card) and the
 * next/previous mark commands. The card UI walks the marks itself once it exists; before that, the marks are
 * walked here and scrolled to.
 */
import { mostTelling } from '../card/fidelity';
import type { PageMark } from '../page/highlighter';
import type { PageSession, PageUi } from './page-session';

export interface MarkNavigationOptions {
  readonly doc: Document;
  readonly win: Window & typeof globalThis;
  readonly session: () => PageSession | null;
  readonly ui: () => PageUi | null;
}

export interface MarkNavigation {
  /**
   * Scrolls to the first mark of `target` (an entity or quote id) and opens its card; for a quote, the first mark with
   * the most telling fidelity (the one the popup's item shows). False when none.
   */
  reveal(target: string): boolean;
  /** Moves to the next or previous mark; false when the page is off or has no marks. */
  navigate(direction: 'next' | 'previous'): boolean;
}

/** The mark `reveal` goes to: the first of `target`'s, or for a quote the first with its most telling fidelity. */
export function markToReveal(marks: readonly PageMark[], target: string): PageMark | undefined {
  const own = marks.filter((mark) => mark.target === target);
  const quoted = own.flatMap((mark) =>
    mark.match.kind === 'quote' ? [{ state: mark.match.fidelity.state, mark }] : [],
  );
  return mostTelling(quoted)?.mark ?? own[0];
}

/** Scrolls a mark's element into view: centred, smoothly only in a visible tab that allows motion. */
export function scrollToMark(doc: Document, win: Window & typeof globalThis, mark: PageMark): void {
  const element = mark.range.startContainer.parentElement ?? mark.range.startContainer;
  // Smooth only when seen: a hidden tab (the popup's target, behind it) may never run the animation.
  const reduce =
    doc.visibilityState !== 'visible' || (win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true);
  if (element instanceof win.Element) element.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
}

export function createMarkNavigation(options: MarkNavigationOptions): MarkNavigation {
  const { doc, win } = options;
  // The mark last gone to, in the marks of `cursorSession` (a new session starts before the first mark).
  let cursor = -1;
  let cursorSession: PageSession | null = null;
  const marks = (): readonly PageMark[] => {
    const session = options.session();
    if (session !== cursorSession) {
      cursorSession = session;
      cursor = -1;
    }
    return session?.highlighter.marks() ?? [];
  };

  return {
    reveal(target) {
      const all = marks();
      const mark = markToReveal(all, target);
      if (!mark) return false;
      cursor = all.indexOf(mark);
      scrollToMark(doc, win, mark);
      options.ui()?.open?.(mark);
      return true;
    },
    navigate(direction) {
      if (!options.session()) return false;
      const ui = options.ui();
      const step = direction === 'next' ? ui?.next : ui?.previous;
      if (step) {
        step.call(ui);
        return true;
      }
      // No card yet: walk the marks ourselves.
      const all = marks();
      if (all.length === 0) return false;
      cursor = direction === 'next' ? (cursor + 1) % all.length : (cursor - 1 + all.length) % all.length;
      const mark = all[cursor];
      if (mark) scrollToMark(doc, win, mark);
      return true;
    },
  };
}
