/** What the card's body shows: an entity's or a quote's card, and the way back through the cards opened from it. */
import type { CardData } from './model';
import { renderEntityCard, renderQuoteCard, type CardActions } from './render';
import { TITLE_ID, type CardShell } from './shell';
import type { CardSubject } from './types';

/** The content of `subject`'s card, or null for an id the pack does not know. */
export function renderSubject(
  doc: Document,
  data: CardData,
  subject: CardSubject,
  actions: CardActions,
  mentionsOf: ((entityId: string) => number | null) | undefined,
  showFidelity = true,
): HTMLElement | null {
  if (data.quote(subject.target)) {
    const view = data.quoteView(subject.target, subject.text, showFidelity ? subject.fidelity : null);
    return view ? renderQuoteCard(doc, view, { titleId: TITLE_ID, actions }) : null;
  }
  const view = data.entityView(subject.target);
  if (!view) return null;
  return renderEntityCard(doc, view, {
    titleId: TITLE_ID,
    actions,
    mentionsHere: mentionsOf?.(subject.target) ?? null,
  });
}

/** The cards the reader came through (related entities, a quote's speaker), newest last. */
export class CardHistory {
  private stack: CardSubject[] = [];

  push(subject: CardSubject): void {
    this.stack.push(subject);
  }

  pop(): CardSubject | undefined {
    return this.stack.pop();
  }

  clear(): void {
    this.stack = [];
  }

  /** Where the back button leads, or null when there is no way back. */
  label(data: CardData): string | null {
    const previous = this.stack[this.stack.length - 1];
    if (!previous) return null;
    return `Back to ${data.quote(previous.target) ? 'the quote' : data.nameOf(previous.target)}`;
  }
}

/**
 * Puts `content` (the card of `target`) in the shell, scrolled to its top, with the back button shown when `back`
 * names a way back; `focusInside` moves focus to the back button, or the dialog.
 */
export function putContent(
  shell: CardShell,
  content: HTMLElement,
  target: string,
  back: string | null,
  focusInside: boolean,
): void {
  const { dialog, backButton } = shell;
  shell.body.replaceWith(content);
  shell.body = content;
  dialog.dataset.target = target;
  backButton.hidden = back === null;
  backButton.setAttribute('aria-label', back ?? 'Back');
  dialog.scrollTop = 0;
  dialog.querySelector('.bs-scroll')?.scrollTo?.(0, 0);
  if (focusInside) (backButton.hidden ? dialog : backButton).focus({ preventScroll: true });
}
