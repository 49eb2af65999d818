/**
 * The one message contract between the content script, the background and the extension pages (popup, options,
 * reader). Every message is `{ type, ...payload }`; its payload is checked with valibot on arrival, and its response
 * type is fixed by `Protocol`. No `any` payloads: an unknown or malformed message is ignored.
 *
 * | type           | from → to                     | payload                          | response            |
 * | -------------- | ----------------------------- | -------------------------------- | ------------------- |
 * | `open-reader`  | content → background          | `anchor`                         | `true`              |
 * | `page-state`   | content → background, popup   | `url`, `enabled`, `count`, `site`| nothing             |
 * | `selection`    | content → background          | `entity` (`{id,name}` or null)   | nothing             |
 * | `run-action`   | popup, tests → background     | `action`, `tabId`                | `ActionOutcome`     |
 * | `page-summary` | popup, background → content   | —                                | `PageSummary`       |
 * | `reveal`       | popup, background → content   | `target` (entity or quote id)    | `boolean` (found)   |
 * | `navigate`     | background → content          | `direction`                      | `boolean` (moved)   |
 * | `packs-changed`| options → background          | —                                | `PacksOutcome`      |
 * | `card-data`    | content → background          | —                                | `CardPacks \| null` |
 * | `extract-article` | builder page → content     | —                                | `ExtractedArticle`  |
 */
import * as v from 'valibot';
import { FIDELITY_STATES, MAX_FIDELITY_CHARS, MAX_FIDELITY_ITEMS, type FidelityFacts } from '../card/fidelity';
import type { Pack } from '../knowledge/schema';
import type { SplitDecision } from '../packs/merge';
import type { MarkKind } from '../shared/vocabulary';

/** What a shortcut or a menu item asks for; commands, menu items and `run-action` all go through these. */
export const ACTIONS = ['toggle-site', 'next-mark', 'previous-mark'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The payload schema of every message, by type. The schemas of this module are made on first use, not at import:
 * the content script imports it on every page, and building them at its evaluation cost ~1.5 ms of start-up
 * (profiled, Chromium), before any message was sent or received.
 */
function makeMessageSchemas() {
  const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
  const TabId = v.pipe(v.number(), v.integer(), v.minValue(0));
  return {
    'open-reader': v.strictObject({
      type: v.literal('open-reader'),
      anchor: v.pipe(v.string(), v.regex(/^[\w.:-]{0,200}$/, 'an anchor is letters, digits, _ . : -')),
    }),
    'page-state': v.strictObject({
      type: v.literal('page-state'),
      url: v.pipe(v.string(), v.maxLength(8192)),
      enabled: v.boolean(),
      count: v.pipe(v.number(), v.integer(), v.minValue(0)),
      site: v.nullable(v.pipe(v.string(), v.maxLength(300))),
    }),
    selection: v.strictObject({
      type: v.literal('selection'),
      entity: v.nullable(v.strictObject({ id: Id, name: v.pipe(v.string(), v.maxLength(300)) })),
    }),
    'run-action': v.strictObject({ type: v.literal('run-action'), action: v.picklist(ACTIONS), tabId: TabId }),
    'page-summary': v.strictObject({ type: v.literal('page-summary') }),
    reveal: v.strictObject({ type: v.literal('reveal'), target: Id }),
    navigate: v.strictObject({ type: v.literal('navigate'), direction: v.picklist(['next', 'previous']) }),
    'packs-changed': v.strictObject({ type: v.literal('packs-changed') }),
    'card-data': v.strictObject({ type: v.literal('card-data') }),
    'extract-article': v.strictObject({ type: v.literal('extract-article') }),
  } as const;
}

type MessageSchemas = ReturnType<typeof makeMessageSchemas>;
let messageSchemas: MessageSchemas | undefined;

export type MessageType = keyof MessageSchemas;
/** The message of a type (or the union of all). */
export type Message<T extends MessageType = MessageType> = {
  [K in T]: v.InferOutput<MessageSchemas[K]>;
}[T];

/**
 * A page item's quote fidelity as it crosses from the content script to the popup: the words only (the card view
 * model's `FidelityFacts`, src/card/fidelity.ts), bounded. The popup parses it with {@link parsePageFidelity}.
 */
function makePageFidelitySchema() {
  const FidelityText = v.pipe(v.string(), v.maxLength(MAX_FIDELITY_CHARS));
  const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000));
  return v.strictObject({
    state: v.picklist(FIDELITY_STATES),
    changed: v.pipe(
      v.array(
        v.strictObject({
          kind: v.picklist(['replaced', 'added', 'dropped']),
          page: FidelityText,
          source: FidelityText,
        }),
      ),
      v.maxLength(MAX_FIDELITY_ITEMS),
    ),
    elided: v.pipe(v.array(v.strictObject({ source: FidelityText, words: Count })), v.maxLength(MAX_FIDELITY_ITEMS)),
    shortened: v.nullable(v.strictObject({ firstWord: Count, lastWord: Count, totalWords: Count, text: FidelityText })),
  });
}

let pageFidelitySchema: ReturnType<typeof makePageFidelitySchema> | undefined;

/** The fidelity of a page item when it is well-formed, else null. Never throws. */
export function parsePageFidelity(raw: unknown): FidelityFacts | null {
  const result = v.safeParse((pageFidelitySchema ??= makePageFidelitySchema()), raw);
  return result.success ? result.output : null;
}

/** One entity or quote found on a page. */
export interface PageItem {
  /** Entity id or quote id. */
  readonly target: string;
  readonly kind: MarkKind;
  /** Entity name; for a quote, its speaker's name. */
  readonly name: string;
  /** For a quote: the start of its text. */
  readonly detail?: string;
  /**
   * For a quote: how the page quotes it (of several marks, the most telling: words changed, elided, shortened,
   * verbatim).
   */
  readonly fidelity?: FidelityFacts;
  /** Marks on the page. */
  readonly count: number;
}

/** What the content script reports about its page. */
export interface PageSummary {
  readonly url: string;
  /** The page's site (null for `file:` pages). */
  readonly site: { readonly host: string; readonly label: string } | null;
  /** Whether Backstory runs on this page under the current settings. */
  readonly enabled: boolean;
  /** In reading order of first mark. */
  readonly items: readonly PageItem[];
}

/** What a `run-action` did. */
export interface ActionOutcome {
  readonly ok: boolean;
  /** For `toggle-site`: whether the site is now on. */
  readonly enabled?: boolean;
}

/** What the background did after a `packs-changed`: the enabled packs compiled into the page knowledge. */
export interface PacksOutcome {
  readonly ok: boolean;
  /** Enabled packs (the bundled one included). */
  readonly packs?: number;
  readonly compileMs?: number;
  /** Why it failed, for the reader. */
  readonly error?: string;
}

/**
 * The card data of the imported packs, for a page whose knowledge came from the compiled record: the enabled
 * imported packs (validated when read from storage), in the order they were compiled, with the bundled pack's
 * switch and the split decisions, so the card chunk merges them exactly as the record was.
 */
export interface CardPacks {
  readonly bundledEnabled: boolean;
  readonly packs: readonly Pack[];
  readonly splits: readonly SplitDecision[];
}

/**
 * The article of a page, as the content script read it for the builder (`extract-article`). The page is untrusted:
 * the builder checks the answer with this schema ({@link parseExtractedArticle}) before it reads a field.
 */
function makeExtractedArticleSchema() {
  const Line = (max: number) => v.pipe(v.string(), v.maxLength(max));
  const Paragraphs = v.pipe(v.array(v.pipe(v.string(), v.maxLength(20_000))), v.maxLength(400));
  return v.strictObject({
    url: Line(8192),
    /** Whether the page looks like an article (Readability's `isProbablyReaderable`) and one was read. */
    readerable: v.boolean(),
    /** The article Readability found, or null. */
    article: v.nullable(
      v.strictObject({
        title: Line(300),
        byline: Line(300),
        site: Line(300),
        /** ISO date from the page's metadata, or ''. */
        published: v.union([v.literal(''), v.pipe(v.string(), v.isoDate())]),
        paragraphs: Paragraphs,
      }),
    ),
    /** The reader's selection on the page, as paragraphs (empty when nothing is selected). */
    selection: Paragraphs,
  });
}

let extractedArticleSchema: ReturnType<typeof makeExtractedArticleSchema> | undefined;
export type ExtractedArticle = v.InferOutput<ReturnType<typeof makeExtractedArticleSchema>>;

/** The extracted article when `raw` is one, else null. */
export function parseExtractedArticle(raw: unknown): ExtractedArticle | null {
  const result = v.safeParse((extractedArticleSchema ??= makeExtractedArticleSchema()), raw);
  return result.success ? result.output : null;
}

/** The response of each message type. */
export interface Responses {
  'open-reader': boolean;
  'page-state': undefined;
  selection: undefined;
  'run-action': ActionOutcome;
  'page-summary': PageSummary;
  reveal: boolean;
  navigate: boolean;
  'packs-changed': PacksOutcome;
  'card-data': CardPacks | null;
  'extract-article': ExtractedArticle;
}

/** Messages handled by the background. */
export type BackgroundMessageType =
  'open-reader' | 'page-state' | 'selection' | 'run-action' | 'packs-changed' | 'card-data';
/** Messages handled by the content script. */
export type ContentMessageType = 'page-summary' | 'reveal' | 'navigate' | 'extract-article';

/** Who sent a message (the parts we read). */
export interface MessageSender {
  readonly tab?: { readonly id?: number };
  readonly frameId?: number;
  readonly url?: string;
}

/** Handlers by type; each returns its type's response. */
export type Handlers<T extends MessageType> = {
  [K in T]?: (message: Message<K>, sender: MessageSender) => Responses[K] | Promise<Responses[K]>;
};

/** The message `raw` when it is well-formed, else null. Never throws. */
export function parseMessage(raw: unknown): Message | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const type = (raw as { type?: unknown }).type;
  const schemas = (messageSchemas ??= makeMessageSchemas());
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type)) return null;
  const result = v.safeParse(schemas[type as MessageType], raw);
  return result.success ? (result.output as Message) : null;
}

/**
 * Routes `raw` to its handler. Undefined when no handler takes it (so another listener may answer); otherwise a
 * promise of the response (`undefined` if the handler failed: a handler's error never reaches the sender's page).
 */
export function routeMessage<T extends MessageType>(
  handlers: Handlers<T>,
  raw: unknown,
  sender: MessageSender,
  onError?: (error: unknown) => void,
): Promise<unknown> | undefined {
  const message = parseMessage(raw);
  if (!message) return undefined;
  const handler = (handlers as Record<string, ((m: Message, s: MessageSender) => unknown) | undefined>)[message.type];
  if (!handler) return undefined;
  return (async () => handler(message, sender))().catch((error: unknown) => {
    onError?.(error);
    return undefined;
  });
}

type MessageListener = (raw: unknown, sender: MessageSender, sendResponse: (response?: unknown) => void) => boolean;

/** The slice of `browser` that messaging needs (the real one, or a fake in tests). */
export interface MessagingApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(listener: MessageListener): void;
      removeListener(listener: MessageListener): void;
    };
  };
  tabs: { sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown> };
}

/**
 * Answers messages with `handlers` until `signal` aborts. Uses `sendResponse` + `return true`, which every browser
 * and the polyfill support; unhandled messages are left to other listeners.
 */
export function listen<T extends MessageType>(
  api: Pick<MessagingApi, 'runtime'>,
  handlers: Handlers<T>,
  signal: AbortSignal,
  onError?: (error: unknown) => void,
): void {
  if (signal.aborted) return;
  const listener: MessageListener = (raw, sender, sendResponse) => {
    const pending = routeMessage(handlers, raw, sender, onError);
    if (!pending) return false;
    void pending.then(sendResponse);
    return true;
  };
  api.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => api.runtime.onMessage.removeListener(listener), { once: true });
}

/** Sends a message to the background; resolves to its response, or undefined when nobody answered. */
export async function sendToBackground<M extends Message<BackgroundMessageType>>(
  api: Pick<MessagingApi, 'runtime'>,
  message: M,
): Promise<Responses[M['type']] | undefined> {
  try {
    return (await api.runtime.sendMessage(message)) as Responses[M['type']] | undefined;
  } catch {
    // No receiver (the background is restarting, or the extension was reloaded under this page).
    return undefined;
  }
}

/** Sends a message to a tab's top frame; undefined when the tab has no content script of ours. */
export async function sendToTab<M extends Message<ContentMessageType>>(
  api: Pick<MessagingApi, 'tabs'>,
  tabId: number,
  message: M,
): Promise<Responses[M['type']] | undefined> {
  try {
    return (await api.tabs.sendMessage(tabId, message, { frameId: 0 })) as Responses[M['type']] | undefined;
  } catch {
    return undefined;
  }
}
