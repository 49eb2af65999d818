/** The card's API and options (the card itself is `card.ts`). */
import type { QuoteFidelity } from '../match/types';
import type { CardHost } from './host';
import type { CardData } from './model';
import type { CardAnchor, CardPoint } from './placement';

/** The card's theme: `auto` follows `prefers-color-scheme`. */
export type CardTheme = 'auto' | 'light' | 'dark';

/**
 * What a card is about: an entity or quote id, the page's text of the mark (to emphasise in a quote) and, for a quote
 * mark, how the page's version compares with the source (shown on the card).
 */
export interface CardSubject {
  readonly target: string;
  readonly text?: string;
  readonly fidelity?: QuoteFidelity | null;
}

export interface ShowOptions {
  /** Move focus into the card (click and keyboard opens); hover opens leave focus where it is. */
  readonly focus?: boolean;
  /** Viewport point that opened the card, for Floating UI's `inline` middleware. */
  readonly point?: CardPoint;
}

export interface CardOptions {
  readonly doc: Document;
  readonly data: CardData;
  readonly host: CardHost;
  readonly theme?: CardTheme;
  /** Opens the source reader at an anchor (`q-3`, `s-12`). */
  readonly openReader: (anchor: string) => void;
  /**
   * Show how a page quotes a quote (default true). The source reader says no: there the quote is in its own source.
   */
  readonly fidelity?: boolean;
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
