/**
 * The card's dialog shell: a `role="dialog"` element with a toolbar (back, close), the body the content goes in and
 * the arrow, shown in the top layer (Popover API, `popover="manual"`) where the browser has it.
 */
import type { CardTheme } from './types';
import { h } from './render';

/** The title's id inside the shadow root (one card per root): the dialog's accessible name. */
export const TITLE_ID = 'bs-card-title';

export interface CardShell {
  readonly dialog: HTMLElement;
  /** The content; replaced whole by each render. */
  body: HTMLElement;
  readonly backButton: HTMLButtonElement;
  readonly arrow: HTMLElement;
}

export interface ShellHandlers {
  readonly back: () => void;
  readonly close: () => void;
  readonly keydown: (event: KeyboardEvent) => void;
  readonly pointerInside?: (inside: boolean) => void;
}

/** Builds the shell into `container` (once per mount). */
export function buildShell(doc: Document, container: HTMLElement, theme: CardTheme, on: ShellHandlers): CardShell {
  const dialog = h(doc, 'div', 'bs-card');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-labelledby', TITLE_ID);
  dialog.setAttribute('popover', 'manual');
  dialog.setAttribute('lang', 'en');
  dialog.setAttribute('dir', 'ltr');
  dialog.tabIndex = -1;
  dialog.dataset.theme = theme;
  const scroll = h(doc, 'div', 'bs-scroll');
  const toolbar = h(doc, 'div', 'bs-toolbar');
  const backButton = h(doc, 'button', 'bs-tool bs-back', '← Back');
  backButton.type = 'button';
  backButton.hidden = true;
  backButton.addEventListener('click', () => on.back());
  const close = h(doc, 'button', 'bs-tool bs-close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close');
  close.addEventListener('click', () => on.close());
  toolbar.append(backButton, h(doc, 'span', 'bs-spacer'), close);
  const body = h(doc, 'div', 'bs-body');
  scroll.append(toolbar, body);
  const arrow = h(doc, 'div', 'bs-arrow');
  dialog.append(arrow, scroll);
  dialog.addEventListener('keydown', on.keydown);
  dialog.addEventListener('pointerenter', () => on.pointerInside?.(true));
  dialog.addEventListener('pointerleave', () => on.pointerInside?.(false));
  container.append(dialog);
  return { dialog, body, backButton, arrow };
}

/** Shows the dialog above everything on the page. */
export function showOnTop(dialog: HTMLElement): void {
  if (typeof dialog.showPopover === 'function') {
    if (!dialog.matches(':popover-open')) dialog.showPopover();
  } else {
    // No Popover API: a fixed element with the highest z-index is the next best thing.
    dialog.classList.add('bs-open');
    dialog.style.zIndex = '2147483647';
  }
}

export function hideFromTop(dialog: HTMLElement): void {
  if (typeof dialog.hidePopover === 'function' && dialog.matches(':popover-open')) dialog.hidePopover();
  dialog.classList.remove('bs-open');
}
