/**
 * The popover card: one `<backstory-card>` host with an open shadow root, a `role="dialog"` element shown in the top
 * layer (Popover API, `popover="manual"`) and placed next to a mark with Floating UI. It shows an entity or a quote,
 * switches to related entities with a back button, closes on Esc and returns focus. Where the host comes from is a
 * parameter: WXT's `createShadowRootUi` in the content script, a plain shadow host in the reader and in tests.
 */
import { arrow, autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';
import { EXTENSION_UI_TAG } from '../shared/vocabulary';
import type { CardData } from './model';
import { h, renderEntityCard, renderQuoteCard, type CardActions } from './render';

/** The card's theme: `auto` follows `prefers-color-scheme`. */
export type CardTheme = 'auto' | 'light' | 'dark';

/** Gap between the mark and the card, in px (the arrow sits in it). */
export const CARD_OFFSET_PX = 10;
/** Closest the card comes to the viewport's edges, in px. */
export const VIEWPORT_PADDING_PX = 8;
/** The title's id inside the shadow root (one card per root). */
const TITLE_ID = 'bs-card-title';

/** Where the card lives: an open shadow root and the element to render into. */
export interface CardMount {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  readonly container: HTMLElement;
}

/** Provides the card's host; `mount` is called before every show and must (re)attach a detached host. */
export interface CardHost {
  mount(): Promise<CardMount> | CardMount;
  remove(): void;
}

/** What a card is about: an entity or quote id, and the page's text of the mark (to emphasise in a quote). */
export interface CardSubject {
  readonly target: string;
  readonly text?: string;
}

/** Where the card points: a mark's range (or an element), and the pointer, to pick a line of a wrapped mark. */
export type CardAnchor = Range | Element;

export interface ShowOptions {
  /** Move focus into the card (click and keyboard opens); hover opens leave focus where it is. */
  readonly focus?: boolean;
  /** Viewport point that opened the card, for Floating UI's `inline` middleware. */
  readonly point?: { readonly x: number; readonly y: number };
}

export interface CardOptions {
  readonly doc: Document;
  readonly data: CardData;
  readonly host: CardHost;
  readonly theme?: CardTheme;
  /** Opens the source reader at an anchor (`q-3`, `s-12`). */
  readonly openReader: (anchor: string) => void;
  /** Mentions of an entity on the current page, for "3 mentions here" (null: not shown). */
  readonly mentionsOf?: (entityId: string) => number | null;
  /** The pointer entered (true) or left (false) the card: the controller keeps a hover card open meanwhile. */
  readonly onPointerInside?: (inside: boolean) => void;
  /** The card closed (Esc, the close button, `hide()`). */
  readonly onHide?: () => void;
  readonly onError?: (error: unknown) => void;
}

/** The card's API. */
export interface Card {
  /** Shows the card of `subject` next to `anchor`. Resolves to false when superseded by a later show or hide. */
  show(subject: CardSubject | string, anchor: CardAnchor | null, options?: ShowOptions): Promise<boolean>;
  /** Hides the card; `restoreFocus` returns focus to where it was when the card took it. */
  hide(options?: { readonly restoreFocus?: boolean }): void;
  /** Removes the host and every listener. */
  destroy(): void;
  isOpen(): boolean;
  /** The entity or quote id shown, or null. */
  current(): string | null;
  /** True when an event's path goes through the card. */
  containsEvent(event: Event): boolean;
  setTheme(theme: CardTheme): void;
  /** Gets ready to show without showing (a card loaded on first use starts loading); optional. */
  prefetch?(): void;
}

/** A `<backstory-card>` host with an open shadow root, for extension pages and tests (no WXT context there). */
export function createPlainHost(doc: Document, css: string, parent: () => Element | null = () => doc.body): CardHost {
  let mounted: CardMount | null = null;
  return {
    mount() {
      if (!mounted) {
        const host = doc.createElement(EXTENSION_UI_TAG);
        const shadow = host.attachShadow({ mode: 'open' });
        const style = doc.createElement('style');
        style.textContent = css;
        const container = doc.createElement('div');
        shadow.append(style, container);
        mounted = { host, shadow, container };
      }
      if (!mounted.host.isConnected) (parent() ?? doc.documentElement).append(mounted.host);
      return mounted;
    },
    remove() {
      mounted?.host.remove();
      mounted = null;
    },
  };
}

const FOCUSABLE = 'button:not([disabled]):not([hidden]), a[href], [tabindex]:not([tabindex="-1"])';

/** Creates the card; nothing is added to the page until the first `show`. */
export function createCard(options: CardOptions): Card {
  const { doc, data } = options;
  let theme: CardTheme = options.theme ?? 'auto';
  let mount: CardMount | null = null;
  let dialog: HTMLElement | null = null;
  let body: HTMLElement | null = null;
  let backButton: HTMLButtonElement | null = null;
  let arrowEl: HTMLElement | null = null;
  let open = false;
  let token = 0;
  let shown: CardSubject | null = null;
  let history: CardSubject[] = [];
  let returnFocus: Element | null = null;
  let stopPlacing: (() => void) | null = null;
  let docKeys: AbortController | null = null;
  const report = (error: unknown) => options.onError?.(error);

  const actions: CardActions = {
    openEntity(id) {
      if (!shown || !data.entity(id)) return;
      history.push(shown);
      render({ target: id }, true);
    },
    readSource(anchor) {
      try {
        options.openReader(anchor);
      } catch (error) {
        report(error);
      }
    },
  };

  /** The dialog shell, built once per mount: toolbar (back, close), body, arrow. */
  function build(target: CardMount): HTMLElement {
    const card = h(doc, 'div', 'bs-card');
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-labelledby', TITLE_ID);
    card.setAttribute('popover', 'manual');
    card.setAttribute('lang', 'en');
    card.setAttribute('dir', 'ltr');
    card.tabIndex = -1;
    card.dataset.theme = theme;
    const scroll = h(doc, 'div', 'bs-scroll');
    const toolbar = h(doc, 'div', 'bs-toolbar');
    backButton = h(doc, 'button', 'bs-tool bs-back', '← Back');
    backButton.type = 'button';
    backButton.hidden = true;
    backButton.addEventListener('click', () => back());
    const close = h(doc, 'button', 'bs-tool bs-close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => hide({ restoreFocus: true }));
    toolbar.append(backButton, h(doc, 'span', 'bs-spacer'), close);
    body = h(doc, 'div', 'bs-body');
    scroll.append(toolbar, body);
    arrowEl = h(doc, 'div', 'bs-arrow');
    card.append(arrowEl, scroll);
    card.addEventListener('keydown', onKeydown);
    card.addEventListener('pointerenter', () => options.onPointerInside?.(true));
    card.addEventListener('pointerleave', () => options.onPointerInside?.(false));
    target.container.append(card);
    return card;
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      hide({ restoreFocus: true });
      return;
    }
    if (event.key !== 'Tab' || !dialog || !mount) return;
    // Tab cycles inside the card: it is a dialog, and the page behind it is not where the reader's focus went.
    const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hidden);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = mount.shadow.activeElement;
    if (event.shiftKey && (active === first || active === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  function render(subject: CardSubject, keepFocusInside: boolean): boolean {
    if (!body || !dialog) return false;
    const quote = data.quote(subject.target);
    let content: HTMLElement | null = null;
    if (quote) {
      const view = data.quoteView(subject.target, subject.text);
      if (view) content = renderQuoteCard(doc, view, { titleId: TITLE_ID, actions });
    } else {
      const view = data.entityView(subject.target);
      if (view) {
        content = renderEntityCard(doc, view, {
          titleId: TITLE_ID,
          actions,
          mentionsHere: options.mentionsOf?.(subject.target) ?? null,
        });
      }
    }
    if (!content) return false;
    body.replaceWith(content);
    body = content;
    shown = subject;
    dialog.dataset.target = subject.target;
    if (backButton) {
      backButton.hidden = history.length === 0;
      const previous = history[history.length - 1];
      backButton.setAttribute(
        'aria-label',
        previous ? `Back to ${data.quote(previous.target) ? 'the quote' : data.nameOf(previous.target)}` : 'Back',
      );
    }
    dialog.scrollTop = 0;
    dialog.querySelector('.bs-scroll')?.scrollTo?.(0, 0);
    if (keepFocusInside) (backButton && !backButton.hidden ? backButton : dialog).focus({ preventScroll: true });
    return true;
  }

  function back(): void {
    const previous = history.pop();
    if (previous) render(previous, true);
  }

  function reference(anchor: CardAnchor) {
    // Duck-typed: a content script's Range and the page's are different classes in Firefox.
    const context =
      'startContainer' in anchor
        ? anchor.startContainer.nodeType === 1
          ? (anchor.startContainer as Element)
          : anchor.startContainer.parentElement
        : anchor;
    return {
      getBoundingClientRect: () => anchor.getBoundingClientRect(),
      getClientRects: () => anchor.getClientRects(),
      contextElement: context ?? undefined,
    };
  }

  async function place(anchor: CardAnchor, point: ShowOptions['point']): Promise<void> {
    const card = dialog;
    const tip = arrowEl;
    if (!card || !tip) return;
    // Measured at its natural height each time, so `flip` picks the side the same way whatever `size` set before.
    card.style.removeProperty('--bs-room');
    const result = await computePosition(reference(anchor), card, {
      strategy: 'fixed',
      placement: 'bottom',
      middleware: [
        inline(point ? { x: point.x, y: point.y } : undefined),
        offset(CARD_OFFSET_PX),
        flip({ padding: VIEWPORT_PADDING_PX }),
        shift({ padding: VIEWPORT_PADDING_PX }),
        // A short viewport (200% zoom): the card keeps to the room on its side of the mark and scrolls inside.
        size({
          padding: VIEWPORT_PADDING_PX,
          apply({ availableHeight, elements }) {
            elements.floating.style.setProperty('--bs-room', `${Math.max(0, Math.floor(availableHeight))}px`);
          },
        }),
        arrow({ element: tip, padding: 12 }),
      ],
    });
    card.style.left = `${Math.round(result.x)}px`;
    card.style.top = `${Math.round(result.y)}px`;
    card.dataset.side = result.placement.split('-')[0] ?? 'bottom';
    const arrowX = result.middlewareData.arrow?.x;
    tip.style.left = arrowX === undefined ? '' : `${Math.round(arrowX)}px`;
  }

  function onDocKeydown(event: KeyboardEvent): void {
    // Esc also closes a hover card, which never took focus; the page's own Esc handling runs first.
    if (event.key === 'Escape' && open && !event.defaultPrevented) hide({ restoreFocus: false });
  }

  async function show(subjectOrId: CardSubject | string, anchor: CardAnchor | null, opts: ShowOptions = {}) {
    const subject = typeof subjectOrId === 'string' ? { target: subjectOrId } : subjectOrId;
    const mine = ++token;
    try {
      const target = await options.host.mount();
      // Stale guard: a later show or a hide while the host was mounting wins.
      if (mine !== token) return false;
      if (mount !== target || !dialog?.isConnected) {
        mount = target;
        dialog = build(target);
      }
      const card = dialog;
      card.dataset.theme = theme;
      const active = doc.activeElement;
      if (opts.focus && active !== mount.host) returnFocus = active;
      history = [];
      if (!render(subject, false)) return false;
      stopPlacing?.();
      stopPlacing = null;
      if (!open) {
        if (typeof card.showPopover === 'function') {
          if (!card.matches(':popover-open')) card.showPopover();
        } else {
          // No Popover API: a fixed element with the highest z-index is the next best thing.
          card.classList.add('bs-open');
          card.style.zIndex = '2147483647';
        }
        open = true;
        docKeys = new AbortController();
        doc.addEventListener('keydown', onDocKeydown, { signal: docKeys.signal });
      }
      if (anchor) {
        stopPlacing = autoUpdate(reference(anchor), card, () => void place(anchor, opts.point).catch(report));
        await place(anchor, opts.point);
      }
      if (opts.focus) card.focus({ preventScroll: true });
      return mine === token;
    } catch (error) {
      report(error);
      return false;
    }
  }

  function hide(opts: { restoreFocus?: boolean } = {}): void {
    token++;
    stopPlacing?.();
    stopPlacing = null;
    docKeys?.abort();
    docKeys = null;
    if (!open) return;
    open = false;
    const focusWasInside = !!mount && doc.activeElement === mount.host;
    try {
      if (dialog && typeof dialog.hidePopover === 'function' && dialog.matches(':popover-open')) dialog.hidePopover();
      dialog?.classList.remove('bs-open');
    } catch (error) {
      report(error);
    }
    shown = null;
    history = [];
    if (focusWasInside || opts.restoreFocus) {
      const target = returnFocus as HTMLElement | null;
      if (target && target.isConnected && target !== doc.body && typeof target.focus === 'function') {
        target.focus({ preventScroll: true });
      } else if (focusWasInside) {
        (mount?.shadow.activeElement as HTMLElement | null)?.blur();
        mount?.host.blur();
      }
    }
    returnFocus = null;
    options.onHide?.();
  }

  return {
    show,
    hide,
    destroy() {
      hide();
      options.host.remove();
      mount = null;
      dialog = null;
    },
    isOpen: () => open,
    current: () => (open ? (shown?.target ?? null) : null),
    containsEvent(event) {
      return !!mount && event.composedPath().includes(mount.host);
    },
    setTheme(next) {
      theme = next;
      if (dialog) dialog.dataset.theme = next;
    },
  };
}
