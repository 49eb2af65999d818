/**
 * A card whose view is loaded on first use: it answers the {@link Card} API at once (closed, nothing inside) and
 * loads the card chunk on the first `show` or `prefetch` (the controller prefetches when a hover starts, so the
 * chunk is usually in before the hover delay ends). Shows and hides keep their order across the load: a show
 * superseded by a later show or hide while the chunk loads resolves to false, as the real card's does. A failed
 * load is reported and retried on the next request. No DOM of its own, no `browser`.
 */
import type { Card, CardTheme } from '../../card/card';

export interface LazyCardOptions {
  /** Loads the chunk and makes the real card with the given theme (called once, again only after a failure). */
  readonly load: () => Promise<(theme: CardTheme) => Card>;
  readonly theme?: CardTheme;
  readonly onError?: (error: unknown) => void;
}

export interface LazyCard extends Card {
  /** Whether the real card exists yet. */
  readonly loaded: boolean;
}

export function createLazyCard(options: LazyCardOptions): LazyCard {
  let theme: CardTheme = options.theme ?? 'auto';
  let real: Card | null = null;
  let loading: Promise<Card | null> | null = null;
  let token = 0;
  let destroyed = false;

  const ensure = (): Promise<Card | null> => {
    if (real) return Promise.resolve(real);
    loading ??= options.load().then(
      (make) => {
        if (destroyed) return null;
        real = make(theme);
        return real;
      },
      (error: unknown) => {
        loading = null;
        options.onError?.(error);
        return null;
      },
    );
    return loading;
  };

  return {
    get loaded() {
      return real !== null;
    },
    async show(subject, anchor, showOptions) {
      const mine = ++token;
      const card = real ?? (await ensure());
      if (!card || mine !== token || destroyed) return false;
      return card.show(subject, anchor, showOptions);
    },
    hide(hideOptions) {
      token++;
      real?.hide(hideOptions);
    },
    destroy() {
      destroyed = true;
      token++;
      real?.destroy();
      real = null;
    },
    isOpen: () => real?.isOpen() ?? false,
    current: () => real?.current() ?? null,
    containsEvent: (event) => real?.containsEvent(event) ?? false,
    setTheme(next) {
      theme = next;
      real?.setTheme(next);
    },
    prefetch() {
      if (!destroyed) void ensure();
    },
  };
}
