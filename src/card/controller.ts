/**
 * When the card opens and closes: hover with intent (a delay, cancelled when the pointer leaves first), a grace
 * period so the pointer can travel from the mark into the card, click, and next/previous mark in reading order.
 * Hit testing runs at most once per animation frame and only asks the caret API and the highlighter's index.
 * Every listener is bound to `signal`, so nothing outlives the content script (or the site being turned off).
 * Not content-specific: the document, window and highlighter are parameters, so the source reader page uses it too.
 */
import { caretAt } from '../page/caret';
import type { Highlighter, PageMark } from '../page/highlighter';
import type { Card, CardSubject } from './card';

/** Default hover intent delay, in ms (the settings' default too). */
export const DEFAULT_HOVER_DELAY_MS = 300;
/** How long a hover card stays after the pointer leaves its mark, so the pointer can reach the card, in ms. */
export const CLOSE_GRACE_MS = 350;
/** Slack around a mark's line boxes when checking that the pointer is really on it, in px. */
const HIT_SLOP_PX = 1;

export interface ControllerOptions {
  readonly doc: Document;
  readonly win: Window & typeof globalThis;
  readonly highlighter: Pick<Highlighter, 'marks' | 'markAtPosition'>;
  readonly card: Card;
  readonly signal: AbortSignal;
  /** Hover intent delay in ms (default {@link DEFAULT_HOVER_DELAY_MS}). */
  readonly hoverDelay?: number;
  readonly onError?: (error: unknown) => void;
}

/** The card's interaction; also what the content runtime calls (`open`, `next`, `previous`, `teardown`). */
export interface CardController {
  /** Opens the card of a mark, pinned (it stays until Esc, the close button or a click elsewhere). */
  open(mark: PageMark, options?: { readonly focus?: boolean }): void;
  /** Scrolls to the next mark in reading order and opens its card with focus in it. */
  next(): void;
  /** Scrolls to the previous mark in reading order and opens its card with focus in it. */
  previous(): void;
  setHoverDelay(ms: number): void;
  /** The card reports the pointer entering or leaving it. */
  pointerInside(inside: boolean): void;
  /** The card closed by itself (Esc, close button). */
  closed(): void;
  /** Removes the card and every listener. */
  teardown(): void;
}

/** The card subject of a mark: its target, its text and, for a quote, the page's fidelity to the source. */
export function subjectOf(mark: PageMark): CardSubject {
  return {
    target: mark.target,
    text: mark.text,
    fidelity: mark.match.kind === 'quote' ? mark.match.fidelity : null,
  };
}

/** The mark under a viewport point: the caret there, looked up in the highlighter's index, on the mark's boxes. */
export function markAtPoint(
  doc: Document,
  highlighter: Pick<Highlighter, 'markAtPosition'>,
  x: number,
  y: number,
): PageMark | null {
  const caret = caretAt(doc, x, y);
  if (!caret) return null;
  const mark = highlighter.markAtPosition(caret.node, caret.offset);
  if (!mark) return null;
  // The caret snaps to the nearest text: a pointer in the margin beside a line's last word is not on it.
  for (const rect of Array.from(mark.range.getClientRects())) {
    if (
      x >= rect.left - HIT_SLOP_PX &&
      x <= rect.right + HIT_SLOP_PX &&
      y >= rect.top - HIT_SLOP_PX &&
      y <= rect.bottom + HIT_SLOP_PX
    ) {
      return mark;
    }
  }
  return null;
}

/** Scrolls so that the mark itself (not its paragraph) ends up centred: nested scroll containers first, then the window. */
export function centreMark(win: Window & typeof globalThis, mark: PageMark): void {
  const start = mark.range.startContainer;
  const element = start.nodeType === 1 ? (start as Element) : start.parentElement;
  element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const rect = mark.range.getBoundingClientRect();
  const reduce = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const dy = rect.top + rect.height / 2 - win.innerHeight / 2;
  if (Math.abs(dy) > 1) win.scrollBy({ top: dy, behavior: reduce ? 'auto' : 'smooth' });
}

/**
 * Follows the pointer until `signal` aborts: at most once per animation frame, `onPoint` gets the last position
 * outside the card (`null` when the pointer left the window). Touch pointers are left to clicks.
 */
function trackPointer(
  doc: Document,
  win: Window & typeof globalThis,
  card: Pick<Card, 'containsEvent'>,
  signal: AbortSignal,
  onPoint: (point: { x: number; y: number } | null) => void,
): void {
  let frame: number | undefined;
  let lastPoint: { x: number; y: number; inCard: boolean } | null = null;
  const onFrame = () => {
    frame = undefined;
    const point = lastPoint;
    if (point && !point.inCard) onPoint(point);
  };
  doc.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch') return;
      lastPoint = { x: event.clientX, y: event.clientY, inCard: card.containsEvent(event) };
      if (frame === undefined) frame = win.requestAnimationFrame(onFrame);
    },
    { capture: true, passive: true, signal },
  );
  doc.addEventListener(
    'pointerout',
    (event) => {
      // Leaving the window: nothing is hovered any more.
      if (!event.relatedTarget) {
        lastPoint = null;
        onPoint(null);
      }
    },
    { capture: true, passive: true, signal },
  );
  signal.addEventListener('abort', () => frame !== undefined && win.cancelAnimationFrame(frame), { once: true });
}

/** Starts the card's interaction on a page. */
export function createCardController(options: ControllerOptions): CardController {
  const { doc, win, highlighter, card } = options;
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  const { signal } = controller;
  const report = (error: unknown) => options.onError?.(error);

  let delay = options.hoverDelay ?? DEFAULT_HOVER_DELAY_MS;
  let hovered: PageMark | null = null;
  let openMark: PageMark | null = null;
  let pinned = false;
  let insideCard = false;
  let cursor = -1;
  let intentTimer: number | undefined;
  let closeTimer: number | undefined;

  const clearIntent = () => {
    if (intentTimer !== undefined) win.clearTimeout(intentTimer);
    intentTimer = undefined;
  };
  const clearClose = () => {
    if (closeTimer !== undefined) win.clearTimeout(closeTimer);
    closeTimer = undefined;
  };

  async function openCard(mark: PageMark, how: 'hover' | 'pin', focus: boolean, point?: { x: number; y: number }) {
    clearIntent();
    clearClose();
    openMark = mark;
    pinned = how === 'pin';
    cursor = highlighter.marks().indexOf(mark);
    const shown = await card.show(subjectOf(mark), mark.range, { focus, point });
    // Stale-hover guard: the pointer left the mark (and is not in the card) while the card was being shown.
    if (shown && how === 'hover' && openMark === mark && hovered !== mark && !insideCard) hide();
  }

  function hide(): void {
    clearIntent();
    clearClose();
    openMark = null;
    pinned = false;
    card.hide();
  }

  function scheduleClose(): void {
    if (pinned || !openMark || closeTimer !== undefined) return;
    closeTimer = win.setTimeout(() => {
      closeTimer = undefined;
      if (!pinned && !insideCard && hovered !== openMark) hide();
    }, CLOSE_GRACE_MS);
  }

  function setHovered(mark: PageMark | null, point?: { x: number; y: number }): void {
    if (mark === hovered) return;
    hovered = mark;
    clearIntent();
    if (!mark) {
      scheduleClose();
      return;
    }
    clearClose();
    if (mark === openMark) return;
    const target = mark;
    // The hover may become a card: let a lazily loaded card fetch its view during the hover delay.
    card.prefetch?.();
    intentTimer = win.setTimeout(() => {
      intentTimer = undefined;
      // Stale-hover guard: only the mark still under the pointer opens.
      if (hovered === target) void openCard(target, 'hover', false, point).catch(report);
    }, delay);
    if (openMark && !pinned) scheduleClose();
  }

  trackPointer(doc, win, card, signal, (point) => {
    try {
      setHovered(point && markAtPoint(doc, highlighter, point.x, point.y), point ?? undefined);
    } catch (error) {
      report(error);
    }
  });

  doc.addEventListener(
    'click',
    (event) => {
      try {
        if (event.button !== 0 || card.containsEvent(event)) return;
        // A drag that selected text is not a request for a card.
        if (win.getSelection()?.isCollapsed === false) return;
        const mark = markAtPoint(doc, highlighter, event.clientX, event.clientY);
        if (!mark) {
          if (openMark) hide();
          return;
        }
        // A mark inside a link: the link navigates as usual (its card opens on hover).
        const target = event.target as Element | null;
        if (target?.closest?.('a[href]')) return;
        hovered = mark;
        void openCard(mark, 'pin', true, { x: event.clientX, y: event.clientY }).catch(report);
      } catch (error) {
        report(error);
      }
    },
    { capture: true, signal },
  );

  function step(direction: 1 | -1): void {
    const marks = highlighter.marks();
    if (marks.length === 0) return;
    const at = openMark ? marks.indexOf(openMark) : -1;
    const from = at >= 0 ? at : cursor;
    const index = from < 0 && direction < 0 ? marks.length - 1 : (from + direction + marks.length) % marks.length;
    const mark = marks[index];
    if (!mark) return;
    cursor = index;
    centreMark(win, mark);
    void openCard(mark, 'pin', true).catch(report);
  }

  signal.addEventListener('abort', () => {
    clearIntent();
    clearClose();
    card.destroy();
  });

  return {
    open(mark, opts = {}) {
      void openCard(mark, 'pin', opts.focus ?? true).catch(report);
    },
    next: () => step(1),
    previous: () => step(-1),
    setHoverDelay(ms) {
      delay = Math.max(0, ms);
    },
    pointerInside(inside) {
      insideCard = inside;
      if (inside) clearClose();
      else if (hovered !== openMark) scheduleClose();
    },
    closed() {
      clearIntent();
      clearClose();
      openMark = null;
      pinned = false;
    },
    teardown: stop,
  };
}
