/**
 * The content script's answers to the popup and the background: `page-summary` (what was found, whether the page
 * is on), `reveal` (go to an entity's or quote's first mark), `navigate` (next/previous mark) and, for the builder
 * page, `extract-article` (the page's article). Listens until `signal` aborts.
 */
import type { PageNames } from '../knowledge/page-pack';
import { listen, type ExtractedArticle, type MessagingApi, type PageSummary } from '../messaging/contract';
import { siteOf } from '../settings/site-rules';
import type { MarkNavigation } from './mark-navigation';
import type { PageSession } from './page-session';
import { summarizeMarks } from './page-state';

export interface MessageHandlersOptions {
  readonly win: Window & typeof globalThis;
  readonly api: Pick<MessagingApi, 'runtime'>;
  readonly pack: PageNames;
  readonly session: () => PageSession | null;
  readonly navigation: MarkNavigation;
  /** Reads the page's article for the builder page (loads the extraction chunk on first use). */
  readonly extractArticle?: () => Promise<ExtractedArticle>;
  readonly signal: AbortSignal;
  readonly onError: (error: unknown) => void;
}

/**
 * The runtime API with a `removeListener` that never throws: handlers are removed when the content script ends, and
 * in an invalidated context removing them may throw, which must not reach the page's console from an abort listener.
 */
function guarded(api: Pick<MessagingApi, 'runtime'>): Pick<MessagingApi, 'runtime'> {
  return {
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
}

/** Answers the content script's messages until `signal` aborts. */
export function answerMessages(options: MessageHandlersOptions): void {
  const { win, navigation } = options;
  listen(
    guarded(options.api),
    {
      'page-summary': (): PageSummary => {
        const session = options.session();
        return {
          url: win.location.href,
          site: siteOf(win.location.href),
          enabled: session !== null,
          items: summarizeMarks(session?.highlighter.marks() ?? [], options.pack),
        };
      },
      reveal: ({ target }) => navigation.reveal(target),
      navigate: ({ direction }) => navigation.navigate(direction),
      ...(options.extractArticle ? { 'extract-article': options.extractArticle } : {}),
    },
    options.signal,
    options.onError,
  );
}
