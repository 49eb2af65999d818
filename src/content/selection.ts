/**
 * Selection reports for the context menu's "Show backstory for …": when the page's selection names an entity of the
 * pack, the background hears which one (and `null` when it no longer does). Debounced; only changes are sent.
 */
import type { PageNames } from '../knowledge/page-pack';
import type { Matcher } from '../match';
import { sendToBackground, type MessagingApi } from '../messaging/contract';

/** Debounce of selection reports to the background, in ms. */
export const SELECTION_DEBOUNCE_MS = 60;
/** Longest selection looked up as an entity name. */
export const MAX_SELECTION_CHARS = 200;

export interface SelectionReportOptions {
  readonly doc: Document;
  readonly win: Window & typeof globalThis;
  readonly api: Pick<MessagingApi, 'runtime'>;
  readonly pack: PageNames;
  readonly matcher: Matcher;
  /** Whether Backstory is on in the page (off: no entity is ever reported). */
  readonly on: () => boolean;
  /** Whether the extension is gone (then nothing is sent). */
  readonly lost: () => boolean;
  readonly signal: AbortSignal;
}

/** The entity a selected text names, or null. */
function entityOf(text: string, pack: PageNames, matcher: Matcher): { id: string; name: string } | null {
  if (!text || text.length > MAX_SELECTION_CHARS) return null;
  const match = matcher.scan(text, { quotes: false, mentions: 'first' }).find((m) => m.kind === 'entity');
  const found = match && pack.entities.find((candidate) => candidate.id === match.id);
  return found ? { id: found.id, name: found.name } : null;
}

/** Reports selection changes to the background until `signal` aborts. */
export function reportSelections(options: SelectionReportOptions): void {
  const { doc, win, signal } = options;
  if (signal.aborted) return;
  let timer: number | undefined;
  let last = 'null';
  const check = () => {
    timer = undefined;
    const text = options.on() ? (win.getSelection()?.toString().trim() ?? '') : '';
    const entity = entityOf(text, options.pack, options.matcher);
    const key = JSON.stringify(entity);
    if (key === last) return;
    last = key;
    if (!options.lost()) void sendToBackground(options.api, { type: 'selection', entity });
  };
  doc.addEventListener(
    'selectionchange',
    () => {
      if (timer !== undefined) win.clearTimeout(timer);
      timer = win.setTimeout(check, SELECTION_DEBOUNCE_MS);
    },
    { signal },
  );
  signal.addEventListener('abort', () => timer !== undefined && win.clearTimeout(timer), { once: true });
}
