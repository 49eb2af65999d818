/**
 * What the page's marks amount to: the popup's list (`summarizeMarks`, pure) and the state the background shows as
 * the badge and in the menu title (`page-state`), reported when it changes and again when the tab becomes visible.
 */
import { fidelityFacts, mostTelling } from '../card/fidelity';
import type { PageNames } from '../knowledge/page-pack';
import type { QuoteFidelity } from '../match/types';
import { sendToBackground, type MessagingApi, type PageItem } from '../messaging/contract';
import type { PageMark } from '../page/highlighter';
import { siteOf } from '../settings/site-rules';
import { clip } from '../shared/text';

/** Longest quote text a page item shows before it is cut. */
const ITEM_DETAIL_CHARS = 90;

/**
 * Groups marks into page items (first-mark order), with names from the pack; a quote's item carries how the page
 * quotes it (of its marks, the most telling fidelity). Pure.
 */
export function summarizeMarks(marks: readonly PageMark[], pack: PageNames): PageItem[] {
  const entities = new Map(pack.entities.map((entity) => [entity.id, entity]));
  const quotes = new Map(pack.quotes.map((quote) => [quote.id, quote]));
  const items = new Map<string, { target: string; kind: PageItem['kind']; count: number }>();
  const fidelities = new Map<string, QuoteFidelity[]>();
  for (const mark of marks) {
    const item = items.get(mark.target);
    if (item) item.count++;
    else items.set(mark.target, { target: mark.target, kind: mark.kind, count: 1 });
    if (mark.match.kind === 'quote') {
      const list = fidelities.get(mark.target);
      if (list) list.push(mark.match.fidelity);
      else fidelities.set(mark.target, [mark.match.fidelity]);
    }
  }
  return [...items.values()].map((item) => {
    if (item.kind !== 'quote') return { ...item, name: entities.get(item.target)?.name ?? item.target };
    const quote = quotes.get(item.target);
    const speaker = quote ? (entities.get(quote.speaker)?.name ?? quote.speaker) : item.target;
    const text = quote?.text ?? '';
    const fidelity = mostTelling(fidelities.get(item.target) ?? []);
    return {
      ...item,
      name: speaker,
      detail: clip(text, ITEM_DETAIL_CHARS),
      ...(fidelity && quote ? { fidelity: fidelityFacts(fidelity, text) } : {}),
    };
  });
}

export interface PageStateOptions {
  readonly doc: Document;
  readonly win: Window & typeof globalThis;
  readonly api: Pick<MessagingApi, 'runtime'>;
  /** The marks of the live session; null when the page is off. */
  readonly marks: () => readonly PageMark[] | null;
  /** Whether the extension is gone (then nothing is sent). */
  readonly lost: () => boolean;
  readonly signal: AbortSignal;
}

/** Reports the page's state to the background; returns `report(force)`, which sends only changes unless forced. */
export function createPageStateReport(options: PageStateOptions): (force?: boolean) => void {
  const { doc, win } = options;
  let last = '';
  const report = (force = false) => {
    const marks = options.marks();
    const state = {
      type: 'page-state' as const,
      url: win.location.href.slice(0, 8192),
      enabled: marks !== null,
      count: new Set((marks ?? []).map((mark) => mark.target)).size,
      site: siteOf(win.location.href)?.label ?? null,
    };
    const key = JSON.stringify(state);
    if (!force && key === last) return;
    last = key;
    if (!options.lost()) void sendToBackground(options.api, state);
  };
  // Switching tabs: tell the background again, so the badge and the menu title follow the visible tab.
  doc.addEventListener('visibilitychange', () => doc.visibilityState === 'visible' && report(true), {
    signal: options.signal,
  });
  return report;
}
