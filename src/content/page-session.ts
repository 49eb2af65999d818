/**
 * What the content script's runtime and the page's card UI share: one "on" period of a page (`PageSession`) and what
 * the card UI offers back (`PageUi`). Types only: the card wiring (src/content/card/) imports these, never the
 * runtime itself.
 */
import type { Highlighter, PageMark } from '../page/highlighter';
import type { Settings } from '../settings/schema';

/** What the card UI offers the runtime; every member is optional until the card exists. */
export interface PageUi {
  /** Opens the card of a mark. */
  open?(mark: PageMark): void;
  /** Moves to the next / previous mark (and opens its card). */
  next?(): void;
  previous?(): void;
  /** Removes every element and listener of the UI (called when the site is turned off). */
  teardown?(): void;
}

/** One "on" period of a page: from the site being turned on to it being turned off. */
export interface PageSession {
  readonly highlighter: Highlighter;
  /** Aborts when the page is turned off (or the content script ends). */
  readonly signal: AbortSignal;
  /** The current settings (theme, hover delay…). */
  settings(): Settings;
  /** Calls `listener` after every settings change while the session lives. */
  onSettings(listener: (settings: Settings) => void): void;
}

/** Builds the page UI (the card) for a session. */
export type AttachUi = (session: PageSession) => PageUi | undefined;
