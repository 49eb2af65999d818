/** The card's focus: Tab stays inside the dialog, and focus goes back where it was when the card closes. */
import type { CardMount } from './host';

const FOCUSABLE = 'button:not([disabled]):not([hidden]), a[href], [tabindex]:not([tabindex="-1"])';

/** Tab cycles inside the card: it is a dialog, and the page behind it is not where the reader's focus went. */
export function keepTabInside(event: KeyboardEvent, dialog: HTMLElement, shadow: ShadowRoot): void {
  const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hidden);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  const active = shadow.activeElement;
  if (event.shiftKey && (active === first || active === dialog)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * After the card closed: focus goes back to `previous` (where it was when the card took it) if asked or if it was in
 * the card; focus left in a closed card is dropped when there is nowhere to go back to.
 */
export function giveFocusBack(
  doc: Document,
  mount: CardMount | null,
  previous: Element | null,
  focusWasInside: boolean,
  restore: boolean,
): void {
  if (!focusWasInside && !restore) return;
  const target = previous as HTMLElement | null;
  if (target && target.isConnected && target !== doc.body && typeof target.focus === 'function') {
    target.focus({ preventScroll: true });
  } else if (focusWasInside) {
    (mount?.shadow.activeElement as HTMLElement | null)?.blur();
    mount?.host.blur();
  }
}
