// @vitest-environment happy-dom
/**
 * The content script's runtime when the extension goes away under the page: an orphaned content script (Chromium, after a reload or
 * an update: `runtime.id` is gone) tears everything down at once; a new instance (Firefox re-injects into open tabs)
 * removes what a destroyed earlier one left, but not a page's own `<backstory-card>`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import { toPagePack } from '../../../src/knowledge/page-pack';
import { createMatcher } from '../../../src/match';
import type { MessagingApi } from '../../../src/messaging/contract';
import { isOurCardHost, removeBackstoryTraces } from '../../../src/content/orphan';
import { startContent, type ContentRuntime } from '../../../src/content/start';

const pack = toPagePack(packData as unknown as Pack);
const matcher = createMatcher(pack);

/** happy-dom has no CSS Custom Highlight API: a registry with the same surface. */
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}

let registry: Map<string, FakeHighlight>;
let controller: AbortController;
let control: ContentRuntime | null;

beforeEach(() => {
  fakeBrowser.reset();
  registry = new Map();
  Object.assign(window, { Highlight: FakeHighlight });
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
  controller = new AbortController();
  control = null;
  const article = document.createElement('article');
  const p = document.createElement('p');
  p.textContent = 'Prime Minister Mustafa al-Kadhimi met Joe Biden at the White House.';
  article.append(p);
  document.body.replaceChildren(article);
});

afterEach(() => {
  controller.abort();
  fakeBrowser.reset();
});

function dialogElement(text: string): HTMLElement {
  const dialog = document.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.textContent = text;
  return dialog;
}

/** A card host as WXT's shadow-root UI makes it: `<backstory-card>`, open shadow root, the dialog inside. */
function ourHost(withDialog = true): HTMLElement {
  const host = document.createElement('backstory-card');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = '/* WXT Shadow Root Reset */ :host{all:initial !important;}';
  const container = document.createElement('div');
  if (withDialog) container.append(dialogElement(''));
  shadow.append(style, container);
  document.body.append(host);
  return host;
}

/** A page's own element of the same name: a closed shadow root (or none), nothing of ours. */
function pageHost(): HTMLElement {
  const host = document.createElement('backstory-card');
  host.attachShadow({ mode: 'closed' }).append(dialogElement('the page’s widget'));
  document.body.append(host);
  return host;
}

const ourNames = () => [...registry.keys()].filter((name) => name.startsWith('backstory-'));

async function until(condition: () => boolean, what: string, timeout = 3_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function start(): ContentRuntime {
  control = startContent({
    doc: document,
    win: window as unknown as Window & typeof globalThis,
    signal: controller.signal,
    pack,
    matcher,
    api: fakeBrowser as unknown as MessagingApi,
  });
  return control;
}

describe('site control when the extension goes away', () => {
  it('tears down marks, card hosts and listeners as soon as runtime.id is gone (an orphaned content script)', async () => {
    const site = start();
    await site.ready;
    await until(() => ourNames().length > 0 && (site.session()?.highlighter.marks().length ?? 0) > 0, 'marks');
    const host = ourHost();
    const session = site.session();
    expect(session?.signal.aborted).toBe(false);

    // The extension is reloaded: Chromium leaves this script running with runtime.id undefined.
    (fakeBrowser.runtime as { id?: string }).id = undefined;
    // The next pointer event on the page finds out, before any handler of the card acts on it.
    window.dispatchEvent(new Event('pointerdown'));

    expect(ourNames()).toEqual([]);
    expect(host.isConnected).toBe(false);
    expect(site.session()).toBeNull();
    expect(session?.signal.aborted).toBe(true);
    // Nothing turns it back on: neither a navigation nor a settings change.
    site.locationChanged();
    expect(site.session()).toBeNull();
    expect(ourNames()).toEqual([]);
  });

  it('keeps running while runtime.id is there', async () => {
    const site = start();
    await site.ready;
    await until(() => ourNames().length > 0, 'marks');
    window.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new Event('keydown'));
    expect(site.session()).not.toBeNull();
    expect(ourNames().length).toBeGreaterThan(0);
  });

  it('a new instance removes what a destroyed earlier one left, but not the page’s own element', async () => {
    // An earlier instance's highlights and card host (Firefox destroys its content script without a word).
    registry.set('backstory-person', new FakeHighlight());
    registry.set('backstory-quote', new FakeHighlight());
    registry.set('page-own-highlight', new FakeHighlight());
    const stale = ourHost();
    const staleBeforeItsCard = ourHost(false);
    const theirs = pageHost();
    const staleHighlight = registry.get('backstory-person');

    const site = start();
    // At once, before the first pass.
    expect(ourNames()).toEqual([]);
    expect(stale.isConnected).toBe(false);
    expect(staleBeforeItsCard.isConnected).toBe(false);
    expect(theirs.isConnected).toBe(true);
    expect(registry.has('page-own-highlight')).toBe(true);

    await site.ready;
    await until(() => registry.has('backstory-person'), 'new marks');
    expect(registry.get('backstory-person')).not.toBe(staleHighlight);
  });

  it('deletes our names even when iterating the registry throws (dead objects of a destroyed instance)', () => {
    const throwing = new Map<string, FakeHighlight>([
      ['backstory-person', new FakeHighlight()],
      ['backstory-group', new FakeHighlight()],
    ]);
    throwing.forEach = () => {
      throw new Error('Permission denied to access object');
    };
    Object.defineProperty(window, 'CSS', { value: { highlights: throwing }, configurable: true });
    const stale = ourHost();
    expect(() => removeBackstoryTraces(document, window as unknown as Window & typeof globalThis)).not.toThrow();
    expect([...throwing.keys()]).toEqual([]);
    expect(stale.isConnected).toBe(false);
  });

  it('tells its own card hosts from a page’s element of the same name', () => {
    expect(isOurCardHost(ourHost())).toBe(true);
    expect(isOurCardHost(ourHost(false))).toBe(true);
    expect(isOurCardHost(pageHost())).toBe(false);
    const bare = document.createElement('backstory-card');
    expect(isOurCardHost(bare)).toBe(false);
    const other = document.createElement('div');
    other.attachShadow({ mode: 'open' }).append(dialogElement(''));
    expect(isOurCardHost(other)).toBe(false);
  });
});
