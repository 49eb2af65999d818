/**
 * The content script's `wxt/browser` (wxt.config.ts aliases it for the content script's build only): the browser's
 * own extension API, `browser` in Firefox and `chrome` in Chromium, as `@wxt-dev/browser` gives it, without
 * webextension-polyfill. The polyfill's evaluation and its proxies were ~1 ms of every page's start-up (profiled,
 * Chromium), and the content script needs none of what it adds: in MV3 Chromium `storage.*.get` and
 * `runtime.sendMessage` return promises, and `listen` (src/messaging/contract.ts) answers through `sendResponse`.
 * The background, the extension pages and the card chunk keep the polyfill.
 */
interface Globals {
  readonly browser?: { readonly runtime?: { readonly id?: string } };
  readonly chrome?: unknown;
}

const globals = globalThis as unknown as Globals;

export const browser = globals.browser?.runtime?.id ? globals.browser : globals.chrome;
