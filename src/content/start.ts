/**
 * The content script's runtime, composed: on/off sessions over the settings (site-session), the page's state for
 * the badge (page-state), answers to the popup and background (messages, mark-navigation), selection reports for
 * the context menu (selection), and the end of it all when the extension goes away (orphan). Each part listens only
 * as long as the runtime's life: until the content script's context is invalidated (`options.signal`) or the
 * runtime finds the extension gone (`runtime.id`).
 *
 * The document, window, pack and extension API are parameters; nothing runs at import.
 */
import { browser } from 'wxt/browser';
import type { PageNames } from '../knowledge/page-pack';
import type { Matcher } from '../match';
import type { MessagingApi } from '../messaging/contract';
import { whenIdle } from '../page/tasks';
import { followSettings, readSettings } from '../settings/settings-read';
import { createArticleExtractor } from './article-extract';
import { createMarkNavigation } from './mark-navigation';
import { answerMessages } from './messages';
import { extensionContext, watchExtensionContext } from './orphan';
import type { AttachUi, PageSession } from './page-session';
import { createPageStateReport } from './page-state';
import { reportSelections } from './selection';
import type { LiveKnowledge } from './pack-knowledge';
import { createSiteSessions } from './site-session';

export interface ContentOptions {
  doc: Document;
  win: Window & typeof globalThis;
  /** Aborting it ends everything (the content script's context was invalidated). */
  signal: AbortSignal;
  pack: PageNames;
  matcher: Matcher;
  /** Builds the page UI (the card) for a session. */
  attachUi?: AttachUi;
  /**
   * The packs' knowledge behind `pack` and `matcher` (src/content/pack-knowledge.ts): read with the settings at
   * start-up, and followed: a change restarts the live session, so the page is marked with the new packs.
   */
  knowledge?: Pick<LiveKnowledge, 'read' | 'follow'>;
  /** Loads the extraction chunk (`extract-ui.js`) for the builder page's `extract-article`; none: not answered. */
  importExtractChunk?: () => Promise<unknown>;
  /** The extension API (default: `browser`). */
  api?: MessagingApi;
  onError?: (error: unknown) => void;
}

export interface ContentRuntime {
  /** Re-decides after an SPA navigation (the URL may have changed sites' rules) and re-scans. */
  locationChanged(): void;
  /** The live session, or null when off. */
  session(): PageSession | null;
  /** Resolves when the first settings read has been applied and the listeners are attached (for tests). */
  readonly ready: Promise<void>;
}

/** Starts the content script's runtime in a page. */
export function startContent(options: ContentOptions): ContentRuntime {
  const { doc, win, pack, matcher } = options;
  const api = options.api ?? (browser as unknown as MessagingApi);
  const report = (error: unknown) => options.onError?.(error);
  const life = new AbortController();
  const { signal } = life;
  const endLife = () => life.abort();
  options.signal.addEventListener('abort', endLife, { once: true });
  if (options.signal.aborted) life.abort();
  const context = extensionContext(api.runtime);

  // The page's state goes to the background whenever a session's marks change or the page turns on or off.
  const marks = () => sessions.session()?.highlighter.marks() ?? null;
  const reportState = createPageStateReport({ doc, win, api, marks, lost: context.lost, signal });
  const sessions = createSiteSessions({
    doc,
    win,
    matcher,
    signal,
    attachUi: options.attachUi,
    onChange: () => reportState(),
    onError: report,
  });
  const navigation = createMarkNavigation({ doc, win, session: sessions.session, ui: sessions.ui });
  const extractArticle = options.importExtractChunk
    ? createArticleExtractor(options.importExtractChunk, doc, win)
    : undefined;
  // What the first pass does not need waits for the page's first idle period after the settings are applied (the
  // first pass's own idle period comes first): answers to the popup and the background, selection reports, the
  // orphan watch. Attached before the first pass, they were ~1–2 ms of each page's start-up (profiled, Chromium),
  // mostly the extension API's first use; a popup opened in that first moment finds the page not ready yet, as it
  // would before the content script ran at all.
  const attachListeners = () => {
    if (signal.aborted) return;
    answerMessages({ win, api, pack, session: sessions.session, navigation, extractArticle, signal, onError: report });
    reportSelections({
      doc,
      win,
      api,
      pack,
      matcher,
      on: () => sessions.session() !== null,
      lost: context.lost,
      signal,
    });
    watchExtensionContext(win, context.lost, signal, endLife);
  };
  signal.addEventListener(
    'abort',
    () => {
      options.signal.removeEventListener('abort', endLife);
      // Off leaves nothing, even when this instance was never on (the traces of an earlier one, below).
      sessions.removeLeftovers();
    },
    { once: true },
  );

  // What an earlier instance left: Firefox destroys a reloaded or updated extension's content script without
  // letting it clean up, and injects the new one into the open page. Nothing of this instance exists yet.
  sessions.removeLeftovers();
  // One storage call, no message: a page pays for its settings and its first pass, nothing else, before it is
  // marked. An "on" page's state reaches the background when its first pass is done (the sessions' `onChange`).
  // The packs' knowledge is one `storage.local` read, beside the settings' one `storage.sync` read.
  const ready = Promise.all([readSettings(), options.knowledge?.read()])
    .then(([loaded]) => {
      if (signal.aborted) return;
      sessions.apply(loaded);
      if (!sessions.session()) reportState(true);
      // Settings are followed only until the content script ends normally: once the extension is gone its storage
      // events are gone too.
      followSettings(sessions.apply, options.signal);
      options.knowledge?.follow(() => sessions.restart(), options.signal);
    })
    .catch(report)
    .then(() => whenIdle(win))
    .then(attachListeners)
    .catch(report);

  return { ready, session: sessions.session, locationChanged: sessions.locationChanged };
}
