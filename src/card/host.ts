/** Where the card lives: a `<backstory-card>` host with an open shadow root, provided by whoever shows the card. */
import { EXTENSION_UI_TAG } from '../shared/vocabulary';

/** Where the card lives: an open shadow root and the element to render into. */
export interface CardMount {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  readonly container: HTMLElement;
}

/** Provides the card's host; `mount` is called before every show and must (re)attach a detached host. */
export interface CardHost {
  mount(): Promise<CardMount> | CardMount;
  remove(): void;
}

/** A `<backstory-card>` host with an open shadow root, for extension pages and tests (no WXT context there). */
export function createPlainHost(doc: Document, css: string, parent: () => Element | null = () => doc.body): CardHost {
  let mounted: CardMount | null = null;
  return {
    mount() {
      if (!mounted) {
        const host = doc.createElement(EXTENSION_UI_TAG);
        const shadow = host.attachShadow({ mode: 'open' });
        const style = doc.createElement('style');
        style.textContent = css;
        const container = doc.createElement('div');
        shadow.append(style, container);
        mounted = { host, shadow, container };
      }
      if (!mounted.host.isConnected) (parent() ?? doc.documentElement).append(mounted.host);
      return mounted;
    },
    remove() {
      mounted?.host.remove();
      mounted = null;
    },
  };
}
