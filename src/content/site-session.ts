/**
 * The page's on/off sessions: applies the settings, starts the highlighter (and the card UI, through `attachUi`)
 * when Backstory is on for the page and tears everything down when it is turned off, without a reload. Settings
 * changes reach the live session: the highlighter, the mark style and the UI's listeners.
 */
import type { Matcher } from '../match';
import { createHighlighter, type HighlightSettings } from '../page/highlighter';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { isEnabledFor } from '../settings/site-rules';
import { createMarkStyler } from './mark-style';
import { removeBackstoryTraces } from './orphan';
import type { AttachUi, PageSession, PageUi } from './page-session';

/** The highlighter's part of the settings. */
export function highlightSettings(settings: Settings): HighlightSettings {
  return { mentions: settings.mentions, scope: settings.scope, kinds: settings.kinds };
}

export interface SiteSessionOptions {
  readonly doc: Document;
  readonly win: Window & typeof globalThis;
  readonly matcher: Matcher;
  /** Ends every session and refuses new ones. */
  readonly signal: AbortSignal;
  readonly attachUi?: AttachUi;
  /** The page's state changed: marks found, the page turned on or off. */
  readonly onChange: () => void;
  readonly onError: (error: unknown) => void;
}

export interface SiteSessions {
  /** Takes new settings: turns the page on or off, or passes the change to the live session. */
  apply(settings: Settings): void;
  /** Re-decides after an SPA navigation (the URL may fall under other site rules) and re-scans. */
  locationChanged(): void;
  /** Starts the live session anew (the page's knowledge changed: new packs, other marks, other cards). */
  restart(): void;
  /** The live session, or null when off. */
  session(): PageSession | null;
  /** The live session's UI, or null. */
  ui(): PageUi | null;
  /** Removes what an earlier instance (or a failed cleanup) left: no highlight, no card host of ours. */
  removeLeftovers(): void;
}

interface Live {
  readonly session: PageSession;
  readonly controller: AbortController;
  readonly listeners: ((settings: Settings) => void)[];
  ui: PageUi | null;
}

/** Manages the sessions of a page; nothing starts until the first `apply`. Ends (off) when `signal` aborts. */
export function createSiteSessions(options: SiteSessionOptions): SiteSessions {
  const { doc, win, signal, onError: report } = options;
  const styler = createMarkStyler(doc, win);
  let settings: Settings = DEFAULT_SETTINGS;
  let live: Live | null = null;

  /** The contract says "off" leaves nothing: a safety net behind the highlighter's and the card's own cleanup. */
  const removeLeftovers = () => {
    try {
      removeBackstoryTraces(doc, win);
    } catch (error) {
      report(error);
    }
  };

  const turnOn = () => {
    const controller = new AbortController();
    const abortChild = () => controller.abort();
    signal.addEventListener('abort', abortChild, { once: true });
    controller.signal.addEventListener('abort', () => signal.removeEventListener('abort', abortChild), { once: true });
    const highlighter = createHighlighter({
      doc,
      win,
      matcher: options.matcher,
      settings: highlightSettings(settings),
      signal: controller.signal,
      onChange: options.onChange,
      onError: report,
    });
    const listeners: ((settings: Settings) => void)[] = [];
    const session: PageSession = {
      highlighter,
      signal: controller.signal,
      settings: () => settings,
      onSettings: (listener) => listeners.push(listener),
    };
    const current: Live = { session, controller, ui: null, listeners };
    live = current;
    styler.set(settings.markStyle);
    // The UI (the card) comes once the first pass is done: before it there is no mark to hover, click or walk to,
    // and building it first was ~0.5–0.8 ms of every page's start-up (profiled, Chromium).
    const attach = () => {
      if (live !== current || controller.signal.aborted) return;
      try {
        current.ui = options.attachUi?.(session) ?? null;
      } catch (error) {
        report(error);
      }
    };
    void highlighter.refresh().then(attach, attach);
  };

  const turnOff = () => {
    if (!live) return;
    const { ui, controller } = live;
    live = null;
    try {
      ui?.teardown?.();
    } catch (error) {
      report(error);
    }
    controller.abort();
    styler.dispose();
    removeLeftovers();
    options.onChange();
  };

  /** Turns the page on or off under the current settings; true when a session was live and stays on. */
  const decide = (): boolean => {
    if (!isEnabledFor(win.location.href, settings)) turnOff();
    else if (!live) turnOn();
    else return true;
    return false;
  };

  const passOn = (before: Settings, next: Settings, current: Live) => {
    if (JSON.stringify(highlightSettings(before)) !== JSON.stringify(highlightSettings(next))) {
      void current.session.highlighter.update(highlightSettings(next));
    }
    if (before.markStyle !== next.markStyle) styler.set(next.markStyle);
    for (const listener of current.listeners) {
      try {
        listener(next);
      } catch (error) {
        report(error);
      }
    }
  };

  signal.addEventListener('abort', turnOff, { once: true });

  return {
    apply(next) {
      if (signal.aborted) return;
      const before = settings;
      settings = next;
      if (decide() && live) passOn(before, next, live);
    },
    locationChanged() {
      if (signal.aborted || !decide() || !live) return;
      void live.session.highlighter.refresh();
      options.onChange();
    },
    restart() {
      if (signal.aborted || !live) return;
      turnOff();
      decide();
    },
    session: () => live?.session ?? null,
    ui: () => live?.ui ?? null,
    removeLeftovers,
  };
}
