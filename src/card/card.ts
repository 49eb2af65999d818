/**
 * The popover card: one `<backstory-card>` host with an open shadow root, a `role="dialog"` element shown in the top
 * layer (Popover API, `popover="manual"`) and placed next to a mark with Floating UI. It shows an entity or a quote,
 * switches to related entities with a back button, closes on Esc and returns focus. Where the host comes from is a
 * parameter: WXT's `createShadowRootUi` in the content script, a plain shadow host in the reader and in tests.
 *
 * The parts: the host (`host.ts`), the dialog shell and the top layer (`shell.ts`), placement (`placement.ts`), focus
 * (`focus.ts`), the content and the way back (`content.ts`); this module holds the card's state and its API.
 */
import { CardHistory, putContent, renderSubject } from './content';
import { giveFocusBack, keepTabInside } from './focus';
import type { CardMount } from './host';
import { keepPlaced, placeCard, type CardAnchor } from './placement';
import type { CardActions } from './render';
import { buildShell, hideFromTop, showOnTop, type CardShell } from './shell';
import type { Card, CardOptions, CardSubject, CardTheme, ShowOptions } from './types';

export { createPlainHost, type CardHost, type CardMount } from './host';
export { CARD_OFFSET_PX, VIEWPORT_PADDING_PX, type CardAnchor } from './placement';
export type { Card, CardOptions, CardSubject, CardTheme, ShowOptions } from './types';

/** Creates the card; nothing is added to the page until the first `show`. */
export function createCard(options: CardOptions): Card {
  const { doc, data } = options;
  let theme: CardTheme = options.theme ?? 'auto';
  let mount: CardMount | null = null;
  let shell: CardShell | null = null;
  let open = false;
  /** Bumped by every show and hide: a show that was waiting for its host gives way to a later one. */
  let token = 0;
  let shown: CardSubject | null = null;
  const history = new CardHistory();
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

  function onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      hide({ restoreFocus: true });
    } else if (event.key === 'Tab' && shell && mount) {
      keepTabInside(event, shell.dialog, mount.shadow);
    }
  }

  function onDocKeydown(event: KeyboardEvent): void {
    // Esc also closes a hover card, which never took focus; the page's own Esc handling runs first.
    if (event.key === 'Escape' && open && !event.defaultPrevented) hide({ restoreFocus: false });
  }

  function render(subject: CardSubject, keepFocusInside: boolean): boolean {
    if (!shell) return false;
    const content = renderSubject(doc, data, subject, actions, options.mentionsOf, options.fidelity !== false);
    if (!content) return false;
    shown = subject;
    putContent(shell, content, subject.target, history.label(data), keepFocusInside);
    return true;
  }

  function back(): void {
    const previous = history.pop();
    if (previous) render(previous, true);
  }

  async function show(subjectOrId: CardSubject | string, anchor: CardAnchor | null, opts: ShowOptions = {}) {
    const subject = typeof subjectOrId === 'string' ? { target: subjectOrId } : subjectOrId;
    const mine = ++token;
    try {
      const target = await options.host.mount();
      // Stale guard: a later show or a hide while the host was mounting wins.
      if (mine !== token) return false;
      if (mount !== target || !shell?.dialog.isConnected) {
        mount = target;
        shell = buildShell(doc, target.container, theme, {
          back,
          close: () => hide({ restoreFocus: true }),
          keydown: onKeydown,
          pointerInside: options.onPointerInside,
        });
      }
      const { dialog: card, arrow } = shell;
      card.dataset.theme = theme;
      const active = doc.activeElement;
      if (opts.focus && active !== mount.host) returnFocus = active;
      history.clear();
      if (!render(subject, false)) return false;
      stopPlacing?.();
      stopPlacing = null;
      if (!open) {
        showOnTop(card);
        open = true;
        docKeys = new AbortController();
        doc.addEventListener('keydown', onDocKeydown, { signal: docKeys.signal });
      }
      if (anchor) {
        stopPlacing = keepPlaced(card, arrow, anchor, opts.point, report);
        await placeCard(card, arrow, anchor, opts.point);
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
      if (shell) hideFromTop(shell.dialog);
    } catch (error) {
      report(error);
    }
    shown = null;
    history.clear();
    giveFocusBack(doc, mount, returnFocus, focusWasInside, opts.restoreFocus === true);
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
      shell = null;
    },
    isOpen: () => open,
    current: () => (open ? (shown?.target ?? null) : null),
    containsEvent(event) {
      return !!mount && event.composedPath().includes(mount.host);
    },
    setTheme(next) {
      theme = next;
      if (shell) shell.dialog.dataset.theme = next;
    },
  };
}
