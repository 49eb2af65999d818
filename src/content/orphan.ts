/**
 * The content script ending itself when the extension goes away under the page, and cleaning up after an earlier
 * instance of itself.
 *
 * After a reload or an update, Chromium leaves the old content script running, orphaned: its marks and card would
 * stay and keep answering the pointer, and WXT's `ctx.signal` aborts only when one of WXT's own timers notices (none
 * runs where the Navigation API exists). So the runtime checks `runtime.id` (gone once the context is invalidated)
 * every CONTEXT_CHECK_MS and on the page's first pointer, key or focus event, and tears everything down at once.
 * Firefox instead destroys the old content script's sandbox (no code of it runs again) and injects the new version
 * into open tabs: the new instance removes what the old one left (its highlights, its card host) before it starts.
 */
import { EXTENSION_UI_TAG, HIGHLIGHT_PREFIX, MARK_KINDS, highlightName } from '../shared/vocabulary';

/** How often the runtime checks that the extension is still there, in ms. */
export const CONTEXT_CHECK_MS = 1_000;
/** Page events on which the runtime checks at once, before any handler of ours acts on them. */
const CONTEXT_CHECK_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'focusin'] as const;

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

/** Whether the extension is gone from under the page; `runtime.id` is read at creation. */
export function extensionContext(runtime: object): { lost(): boolean } {
  const runtimeId = (): unknown => {
    try {
      return (runtime as { id?: unknown }).id;
    } catch {
      return undefined;
    }
  };
  // A test double without an id never counts as gone; a real extension always has one while it is there.
  const hadId = runtimeId() !== undefined;
  return { lost: () => hadId && runtimeId() === undefined };
}

/** Calls `onLost` when `lost()` turns true, checking on a timer and on the page's first events, until `signal`. */
export function watchExtensionContext(
  win: Window & typeof globalThis,
  lost: () => boolean,
  signal: AbortSignal,
  onLost: () => void,
): void {
  if (signal.aborted) return;
  const check = () => {
    if (!signal.aborted && lost()) onLost();
  };
  const timer = win.setInterval(check, CONTEXT_CHECK_MS);
  signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
  // Window capture listeners run before any listener of the card's on the document, so an orphaned card never
  // acts on the event that finds the extension gone.
  for (const type of CONTEXT_CHECK_EVENTS) {
    win.addEventListener(type, check, { capture: true, passive: true, signal });
  }
}
