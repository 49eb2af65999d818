/**
 * The source reader: the pack's article with the same highlights as on web pages (the same matcher and
 * highlighter over the reader's own DOM), a side list of entities and quotes, cards on hover and click, and
 * `#q-<n>` / `#s-<n>` anchors that scroll to a sentence and emphasise it. Everything is bound to `signal`.
 */
import { createCard, createPlainHost, type CardTheme } from '../../card/card';
import { createCardController } from '../../card/controller';
import { h } from '../../shared/dom';
import { clip } from '../../shared/text';
import { KIND_LABEL } from '../../shared/vocabulary';
import { createCardData, sentenceAnchor } from '../../card/model';
import { mentionsLabel } from '../../card/render';
import type { Pack } from '../../knowledge/schema';
import { createMatcher } from '../../match';
import { createHighlighter, DEFAULT_HIGHLIGHT_SETTINGS, type Highlighter } from '../../page/highlighter';
import { renderArticle } from './article';

export interface ReaderOptions {
  readonly doc: Document;
  readonly win: Window & typeof globalThis;
  readonly pack: Pack;
  /** Where the article goes. */
  readonly main: HTMLElement;
  /** Where the list of entities and quotes goes. */
  readonly side: HTMLElement;
  /** The card's stylesheet (the reader builds its own `<backstory-card>` host). */
  readonly cardCss: string;
  readonly signal: AbortSignal;
  readonly theme?: CardTheme;
  readonly hoverDelay?: number;
  readonly onError?: (error: unknown) => void;
}

export interface Reader {
  readonly highlighter: Highlighter;
  /** Resolves after the first highlighting pass. */
  readonly ready: Promise<void>;
  /** Scrolls to `#q-3` / `#s-12` (with or without `#`) and emphasises it; false when there is no such anchor. */
  goTo(anchor: string): boolean;
  setTheme(theme: CardTheme): void;
  setHoverDelay(ms: number): void;
}

/** Longest quote text the side list shows before it is cut. */
const SIDE_QUOTE_CHARS = 70;

/** The class that emphasises the sentence or quote an anchor points at. */
export const TARGET_CLASS = 'rd-target';

/** Renders the reader into `main` and `side` and starts its highlights and cards. */
export function startReader(options: ReaderOptions): Reader {
  const { doc, win, pack, signal } = options;
  const data = createCardData(pack);
  options.main.replaceChildren(renderArticle(doc, pack));

  const highlighter = createHighlighter({
    doc,
    win,
    matcher: createMatcher(pack),
    // The reader shows every mention: it is the place to see where each name occurs.
    settings: { ...DEFAULT_HIGHLIGHT_SETTINGS, mentions: 'all' },
    signal,
    onChange: () => updateCounts(),
    onError: options.onError,
  });

  let controller: ReturnType<typeof createCardController> | null = null;
  const card = createCard({
    doc,
    data,
    host: createPlainHost(doc, options.cardCss),
    theme: options.theme,
    // The reader's quote marks are the quotes in their own source: nothing to compare.
    fidelity: false,
    openReader: (anchor) => {
      card.hide();
      if (`#${anchor}` === win.location.hash) goTo(anchor);
      else win.location.hash = anchor;
    },
    mentionsOf: (id) => highlighter.marks().filter((mark) => mark.target === id).length,
    onPointerInside: (inside) => controller?.pointerInside(inside),
    onHide: () => controller?.closed(),
    onError: options.onError,
  });
  controller = createCardController({
    doc,
    win,
    highlighter,
    card,
    signal,
    hoverDelay: options.hoverDelay,
    onError: options.onError,
  });
  const live = controller;

  // ── Side list ──────────────────────────────────────────────────────────────────────────────────────────────
  const counts = new Map<string, HTMLElement>();
  function sideList(): void {
    const entities = h(doc, 'ul', 'rd-list');
    const ordered = [...pack.entities].sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
    for (const entity of ordered) {
      const first = entity.mentions[0];
      if (!first) continue;
      entities.append(
        item(entity.id, entity.name, KIND_LABEL[entity.kind], entity.kind, sentenceAnchor(first.sentence)),
      );
    }
    const quotes = h(doc, 'ul', 'rd-list');
    for (const quote of pack.quotes) {
      quotes.append(
        item(quote.id, data.nameOf(quote.speaker), `“${clip(quote.text, SIDE_QUOTE_CHARS)}”`, 'quote', quote.id),
      );
    }
    options.side.replaceChildren(h(doc, 'h2', '', 'In this article'), entities, h(doc, 'h2', '', 'Quotes'), quotes);
  }

  function item(target: string, name: string, detail: string, kind: string, anchor: string): HTMLElement {
    const button = h(doc, 'button', 'rd-item');
    button.type = 'button';
    button.dataset.target = target;
    button.dataset.kind = kind;
    const count = h(doc, 'span', 'rd-item-count');
    counts.set(target, count);
    button.append(h(doc, 'span', 'rd-item-name', name), h(doc, 'span', 'rd-item-detail', detail), count);
    button.addEventListener('click', () => reveal(target, anchor), { signal });
    const li = h(doc, 'li');
    li.append(button);
    return li;
  }

  function updateCounts(): void {
    const byTarget = new Map<string, number>();
    for (const mark of highlighter.marks()) byTarget.set(mark.target, (byTarget.get(mark.target) ?? 0) + 1);
    for (const [target, element] of counts) {
      const count = byTarget.get(target) ?? 0;
      element.textContent = count ? mentionsLabel(count).replace(' here', '') : '';
    }
  }

  /** The first mention: emphasise its sentence and open the card of its first mark. */
  function reveal(target: string, anchor: string): void {
    goTo(anchor);
    const mark = highlighter.marks().find((candidate) => candidate.target === target);
    if (mark) live.open(mark, { focus: true });
  }

  // ── Anchors ────────────────────────────────────────────────────────────────────────────────────────────────
  function goTo(raw: string): boolean {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw.replace(/^#/, ''));
    } catch {
      // A malformed escape in a typed URL is simply not an anchor.
      return false;
    }
    const id = sentenceAnchor(decoded);
    if (!id) return false;
    const target = doc.getElementById(id);
    if (!target || !options.main.contains(target)) return false;
    for (const old of Array.from(doc.querySelectorAll(`.${TARGET_CLASS}`))) old.classList.remove(TARGET_CLASS);
    // A quote split over two sentences is emphasised whole.
    const quoteId = target.dataset.quote;
    const parts = quoteId ? Array.from(doc.querySelectorAll(`[data-quote="${CSS.escape(quoteId)}"]`)) : [target];
    for (const part of parts) part.classList.add(TARGET_CLASS);
    const reduce = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    target.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
    target.focus({ preventScroll: true });
    return true;
  }

  sideList();
  win.addEventListener('hashchange', () => goTo(win.location.hash), { signal });
  if (win.location.hash) goTo(win.location.hash);
  const ready = highlighter.refresh().then(() => {
    updateCounts();
    // Layout may have moved once the marks' fonts settled: land on the anchor again.
    if (win.location.hash) goTo(win.location.hash);
  });

  return {
    highlighter,
    ready,
    goTo,
    setTheme: (theme) => card.setTheme(theme),
    setHoverDelay: (ms) => live.setHoverDelay(ms),
  };
}
