/**
 * The two browsers of a corpus run (with and without the extension) and the control tab, an extension page from
 * which the popup's messages are sent; the extension's own console output is counted with the page being visited.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { withTimeout } from '../browsers/browsers';
import { isExtensionUrl, push } from './errors';
import type { ErrorSummary } from './report-shapes';

export interface Contexts {
  on: BrowserContext;
  off: BrowserContext;
  /** `chrome-extension://<id>/` of the extension in `on`. */
  extensionOrigin: string;
  /** An extension page in `on`, opened before the first page, from which the popup's messages are sent. */
  control: Page | null;
  /** Where the console output of the extension's own pages and service worker goes: the page being visited. */
  visiting: ErrorSummary | null;
  /** Output of those while no page was being visited: counted with the next page. */
  pending: string[];
}

/**
 * Counts the console output of the extension's service worker and pages (the control tab) with the page being
 * visited; the content script's output in that page is counted by `watchErrors`.
 */
export function watchExtensionConsole(contexts: Contexts): void {
  const record = (text: string) => {
    if (contexts.visiting) {
      contexts.visiting.extension++;
      push(contexts.visiting.samples.extension, text);
    } else if (contexts.pending.length < 100) contexts.pending.push(text);
  };
  contexts.on.on('console', (message) => {
    const page = message.page();
    // The control tab is ours; without a page, only the extension's service worker (not a page's own workers).
    if (page ? page !== contexts.control : !isExtensionUrl(message.location().url)) return;
    record(`${page ? 'extension page' : 'service worker'} console.${message.type()}: ${message.text()}`);
  });
}

/** The control tab (an extension page of the `on` browser), opened on first use and again if it was closed. */
export async function controlPage(contexts: Contexts): Promise<Page> {
  if (contexts.control && !contexts.control.isClosed()) return contexts.control;
  const page = await withTimeout(contexts.on.newPage(), 10_000, 'opening the control tab');
  contexts.control = page;
  page.on('pageerror', (error) => {
    const text = `extension page exception: ${error.message}`;
    if (contexts.visiting) {
      contexts.visiting.extension++;
      push(contexts.visiting.samples.extension, text);
    } else contexts.pending.push(text);
  });
  await page.goto(new URL('options.html', contexts.extensionOrigin).href, { waitUntil: 'load', timeout: 10_000 });
  return page;
}
