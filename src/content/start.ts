/**
 * The content script's side of site control: reads and watches the settings, starts the page's highlighting (and
 * the card UI, through `attachUi`) when Backstory is on for the page and tears everything down when it is turned
 * off, without a reload; answers the popup's and background's messages (`page-summary`, `reveal`, `navigate`) and
 * reports the page's state (badge count) and entity selections (context menu) to the background.
 *
 * It also ends itself when the extension goes away under the page. After a reload or an update, Chromium leaves the
 * old content script running, orphaned: its marks and card would stay and keep answering the pointer, and WXT's
 * `ctx.signal` aborts only when one of WXT's own timers notices (none runs where the Navigation API exists). So site
 * control checks `runtime.id` (gone once the context is invalidated) every CONTEXT_CHECK_MS and on the page's first
 * pointer, key or focus event, and tears everything down at once. Firefox instead destroys the old content script's
 * sandbox (no code of it runs again) and injects the new version into open tabs: the new instance removes what the
 * old one left (its highlights, its card host) before it starts.
 *
 * The document, window, pack and extension API are parameters; nothing runs at import.
 */
import { browser } from 'wxt/browser';
import type { PagePack } from '../knowledge/page-pack';
import type { Matcher } from '../match';
import { listen, sendToBackground, type MessagingApi, type PageItem, type PageSummary } from '../messaging/contract';
import { EXTENSION_UI_TAG, HIGHLIGHT_PREFIX, MARK_KINDS, highlightName } from '../shared/vocabulary';
import { createHighlighter, type HighlightSettings, type Highlighter, type PageMark } from '../page/highlighter';
import { createMarkStyler } from './mark-style';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { isEnabledFor, siteOf } from '../settings/site-rules';
import { loadSettings, watchSettings } from '../settings/storage';

/** What the card UI offers site control; every member is optional until the card exists. */
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

export interface SiteControlOptions {
  doc: Document;
  win: Window & typeof globalThis;
  /** Aborting it ends everything (the content script's context was invalidated). */
  signal: AbortSignal;
  pack: PagePack;
  matcher: Matcher;
  /** Builds the page UI (the card) for a session. */
  attachUi?: (session: PageSession) => PageUi | undefined;
  /** The extension API (default: `browser`). */
  api?: MessagingApi;
  onError?: (error: unknown) => void;
}

export interface SiteControl {
  /** Re-decides after an SPA navigation (the URL may have changed sites' rules) and re-scans. */
  locationChanged(): void;
  /** The live session, or null when off. */
  session(): PageSession | null;
  /** Resolves when the first settings read has been applied (for tests). */
  readonly ready: Promise<void>;
}

/** How often site control checks that the extension is still there (see the module comment), in ms. */
export const CONTEXT_CHECK_MS = 1_000;
/** Page events on which site control checks at once, before any handler of ours acts on them. */
const CONTEXT_CHECK_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'focusin'] as const;

/** Debounce of selection reports to the background, in ms. */
export const SELECTION_DEBOUNCE_MS = 60;
/** Longest selection looked up as an entity name. */
export const MAX_SELECTION_CHARS = 200;

/** The highlighter's part of the settings. */
export function highlightSettings(settings: Settings): HighlightSettings {
  return { mentions: settings.mentions, scope: settings.scope, kinds: settings.kinds };
}

/** Groups marks into page items (first-mark order), with names from the pack. Pure. */
export function summarizeMarks(marks: readonly PageMark[], pack: PagePack): PageItem[] {
  const entities = new Map(pack.entities.map((entity) => [entity.id, entity]));
  const quotes = new Map(pack.quotes.map((quote) => [quote.id, quote]));
  const items = new Map<string, { target: string; kind: PageItem['kind']; count: number }>();
  for (const mark of marks) {
    const item = items.get(mark.target);
    if (item) item.count++;
    else items.set(mark.target, { target: mark.target, kind: mark.kind, count: 1 });
  }
  return [...items.values()].map((item) => {
    if (item.kind !== 'quote') return { ...item, name: entities.get(item.target)?.name ?? item.target };
    const quote = quotes.get(item.target);
    const speaker = quote ? (entities.get(quote.speaker)?.name ?? quote.speaker) : item.target;
    const text = quote?.text ?? '';
    return { ...item, name: speaker, detail: text.length > 90 ? `${text.slice(0, 88).trimEnd()}…` : text };
  });
}

/**
 * Whether `element` is a card host made by Backstory: a `<backstory-card>` with an open shadow root holding the card
 * dialog or WXT's shadow-root UI style. A page's own element of that name (a custom element with a closed root, or
 * none) is not ours and is left alone.
 */
export function isOurCardHost(element: Element): boolean {
  if (element.localName !== EXTENSION_UI_TAG) return false;
  const shadow = element.shadowRoot;
  if (!shadow) return false;
  if (shadow.querySelector('[role="dialog"]')) return true;
  return Array.from(shadow.querySelectorAll('style')).some((style) =>
    (style.textContent ?? '').includes('WXT Shadow Root Reset'),
  );
}

/**
 * Removes every `backstory-` highlight and every card host of ours from a document. Our highlight names are known, so
 * they are deleted by name first: in Firefox the Highlight objects an earlier, destroyed instance of the content
 * script left are dead, and iterating the registry over them throws ("Permission denied to access object"). Other
 * `backstory-` names (an older version's) are then looked for by iterating, best effort.
 */
export function removeBackstoryTraces(doc: Document, win: Window & typeof globalThis): void {
  const registry = win.CSS?.highlights;
  if (registry) {
    for (const kind of MARK_KINDS) registry.delete(highlightName(kind));
    try {
      const others: string[] = [];
      registry.forEach((_, name) => {
        if (name.startsWith(HIGHLIGHT_PREFIX)) others.push(name);
      });
      for (const name of others) registry.delete(name);
    } catch {
      // A dead value under a name that is not ours: nothing more can be done from here.
    }
  }
  for (const host of Array.from(doc.querySelectorAll(EXTENSION_UI_TAG))) if (isOurCardHost(host)) host.remove();
}

/** Starts site control in a page. */
export function startSiteControl(options: SiteControlOptions): SiteControl {
  const { doc, win, pack, matcher } = options;
  const api = options.api ?? (browser as unknown as MessagingApi);
  const report = (error: unknown) => options.onError?.(error);
  // Everything below lives as long as `life`: until the content script's context is invalidated (`options.signal`)
  // or site control finds the extension gone (`runtime.id`).
  const life = new AbortController();
  const { signal } = life;
  const endLife = () => life.abort();
  options.signal.addEventListener('abort', endLife, { once: true });
  if (options.signal.aborted) life.abort();
  const runtimeId = (): unknown => {
    try {
      return (api.runtime as { id?: unknown }).id;
    } catch {
      return undefined;
    }
  };
  // A test double without an id never counts as gone; a real extension always has one while it is there.
  const hadId = runtimeId() !== undefined;
  const contextLost = () => hadId && runtimeId() === undefined;
  const styler = createMarkStyler(doc, win);
  let settings: Settings = DEFAULT_SETTINGS;
  let current: {
    session: PageSession;
    controller: AbortController;
    ui: PageUi | null;
    listeners: ((settings: Settings) => void)[];
  } | null = null;
  let cursor = -1;

  const enabledHere = () => isEnabledFor(win.location.href, settings);

  // ── Page state → background (badge, menu title) ──────────────────────────────────────────────────────────
  let lastState = '';
  const sendState = (force = false) => {
    const marks = current?.session.highlighter.marks() ?? [];
    const state = {
      type: 'page-state' as const,
      url: win.location.href.slice(0, 8192),
      enabled: current !== null,
      count: new Set(marks.map((mark) => mark.target)).size,
      site: siteOf(win.location.href)?.label ?? null,
    };
    const key = JSON.stringify(state);
    if (!force && key === lastState) return;
    lastState = key;
    if (!contextLost()) void sendToBackground(api, state);
  };

  // ── On / off ─────────────────────────────────────────────────────────────────────────────────────────────
  const turnOn = () => {
    const controller = new AbortController();
    const abortChild = () => controller.abort();
    signal.addEventListener('abort', abortChild, { once: true });
    controller.signal.addEventListener('abort', () => signal.removeEventListener('abort', abortChild), { once: true });
    const highlighter = createHighlighter({
      doc,
      win,
      matcher,
      settings: highlightSettings(settings),
      signal: controller.signal,
      onChange: () => sendState(),
      onError: report,
    });
    const listeners: ((settings: Settings) => void)[] = [];
    const session: PageSession = {
      highlighter,
      signal: controller.signal,
      settings: () => settings,
      onSettings: (listener) => listeners.push(listener),
    };
    current = { session, controller, ui: null, listeners };
    try {
      current.ui = options.attachUi?.(session) ?? null;
    } catch (error) {
      report(error);
    }
    styler.set(settings.markStyle);
    cursor = -1;
    void highlighter.refresh();
  };

  const turnOff = () => {
    if (!current) return;
    const { ui, controller } = current;
    current = null;
    try {
      ui?.teardown?.();
    } catch (error) {
      report(error);
    }
    controller.abort();
    styler.dispose();
    removeLeftovers();
    sendState();
  };

  /** The contract says "off" leaves nothing: a safety net behind the highlighter's and the card's own cleanup. */
  const removeLeftovers = () => {
    try {
      removeBackstoryTraces(doc, win);
    } catch (error) {
      report(error);
    }
  };

  const apply = (next: Settings) => {
    if (signal.aborted) return;
    const before = settings;
    settings = next;
    const on = enabledHere();
    if (!on) return turnOff();
    if (!current) return turnOn();
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

  // ── Messages ─────────────────────────────────────────────────────────────────────────────────────────────
  const marks = () => current?.session.highlighter.marks() ?? [];

  const scrollTo = (mark: PageMark) => {
    const element = mark.range.startContainer.parentElement ?? mark.range.startContainer;
    // Smooth only when seen: a hidden tab (the popup's target, behind it) may never run the animation.
    const reduce =
      doc.visibilityState !== 'visible' || (win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true);
    if (element instanceof win.Element)
      element.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  };

  const reveal = (mark: PageMark) => {
    cursor = marks().indexOf(mark);
    scrollTo(mark);
    current?.ui?.open?.(mark);
  };

  const navigate = (direction: 'next' | 'previous'): boolean => {
    if (!current) return false;
    const ui = current.ui;
    const step = direction === 'next' ? ui?.next : ui?.previous;
    if (step) {
      step.call(ui);
      return true;
    }
    // No card yet: walk the marks ourselves.
    const all = marks();
    if (all.length === 0) return false;
    cursor = direction === 'next' ? (cursor + 1) % all.length : (cursor - 1 + all.length) % all.length;
    const mark = all[cursor];
    if (mark) scrollTo(mark);
    return true;
  };

  // Handlers are removed when `life` ends; in an invalidated context removing them may throw, which must not reach
  // the page's console from an abort listener.
  const guardedApi: Pick<MessagingApi, 'runtime'> = {
    runtime: {
      sendMessage: (message) => api.runtime.sendMessage(message),
      onMessage: {
        addListener: (listener) => api.runtime.onMessage.addListener(listener),
        removeListener: (listener) => {
          try {
            api.runtime.onMessage.removeListener(listener);
          } catch {
            // The extension is gone, and its listeners with it.
          }
        },
      },
    },
  };
  listen(
    guardedApi,
    {
      'page-summary': (): PageSummary => ({
        url: win.location.href,
        site: siteOf(win.location.href),
        enabled: current !== null,
        items: summarizeMarks(marks(), pack),
      }),
      reveal: ({ target }) => {
        const mark = marks().find((candidate) => candidate.target === target);
        if (!mark) return false;
        reveal(mark);
        return true;
      },
      navigate: ({ direction }) => navigate(direction),
    },
    signal,
    report,
  );

  // ── Selections → "Show backstory for …" ─────────────────────────────────────────────────────────────────
  let selectionTimer: number | undefined;
  let lastSelection = 'null';
  const checkSelection = () => {
    selectionTimer = undefined;
    let entity: { id: string; name: string } | null = null;
    if (current) {
      const text = win.getSelection()?.toString().trim() ?? '';
      if (text && text.length <= MAX_SELECTION_CHARS) {
        const match = matcher.scan(text, { quotes: false, mentions: 'first' }).find((m) => m.kind === 'entity');
        const found = match && pack.entities.find((candidate) => candidate.id === match.id);
        if (found) entity = { id: found.id, name: found.name };
      }
    }
    const key = JSON.stringify(entity);
    if (key === lastSelection) return;
    lastSelection = key;
    if (!contextLost()) void sendToBackground(api, { type: 'selection', entity });
  };
  doc.addEventListener(
    'selectionchange',
    () => {
      if (selectionTimer !== undefined) win.clearTimeout(selectionTimer);
      selectionTimer = win.setTimeout(checkSelection, SELECTION_DEBOUNCE_MS);
    },
    { signal },
  );
  // Switching tabs: tell the background again, so the badge and the menu title follow the visible tab.
  doc.addEventListener('visibilitychange', () => doc.visibilityState === 'visible' && sendState(true), { signal });
  // ── The extension going away ─────────────────────────────────────────────────────────────────────────────
  const checkContext = () => {
    if (!signal.aborted && contextLost()) life.abort();
  };
  const contextTimer = win.setInterval(checkContext, CONTEXT_CHECK_MS);
  // Window capture listeners run before any listener of the card's on the document, so an orphaned card never
  // acts on the event that finds the extension gone.
  for (const type of CONTEXT_CHECK_EVENTS) {
    win.addEventListener(type, checkContext, { capture: true, passive: true, signal });
  }
  signal.addEventListener('abort', () => {
    win.clearInterval(contextTimer);
    options.signal.removeEventListener('abort', endLife);
    if (selectionTimer !== undefined) win.clearTimeout(selectionTimer);
    turnOff();
    // Off leaves nothing, even when this instance was never on (the traces of an earlier one, below).
    removeLeftovers();
  });

  // ── Start ────────────────────────────────────────────────────────────────────────────────────────────────
  // What an earlier instance left: Firefox destroys a reloaded or updated extension's content script without
  // letting it clean up, and injects the new one into the open page. Nothing of this instance exists yet.
  removeLeftovers();
  const ready = loadSettings()
    .then((loaded) => {
      if (signal.aborted) return;
      apply(loaded);
      sendState(true);
      // Settings storage is watched only until the content script ends normally: once the extension is gone its
      // storage events are gone too, and unwatching in an invalidated context may throw from an abort listener.
      watchSettings(apply, options.signal);
    })
    .catch(report);

  return {
    ready,
    session: () => current?.session ?? null,
    locationChanged() {
      if (signal.aborted) return;
      const on = enabledHere();
      if (!on) return turnOff();
      if (!current) return turnOn();
      void current.session.highlighter.refresh();
      sendState();
    },
  };
}
