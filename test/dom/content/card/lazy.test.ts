// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import packData from '../../../../src/knowledge/pack.json';
import type { Pack } from '../../../../src/knowledge/schema';
import { createCard, createPlainHost, type Card, type CardTheme } from '../../../../src/card/card';
import { asCardChunk } from '../../../../src/content/card/chunk';
import { createLazyCard } from '../../../../src/content/card/lazy';
import { createCardData } from '../../../../src/card/model';

const pack = packData as unknown as Pack;
const KADHIMI = 'mustafa-al-kadhimi';
const SADR = 'muqtada-al-sadr';

/** A loader the test resolves or rejects by hand; `made` records the themes the real cards were made with. */
function deferredLoader() {
  const made: CardTheme[] = [];
  let settle: { resolve: () => void; reject: (error: unknown) => void } | null = null;
  const load = vi.fn(
    () =>
      new Promise<(theme: CardTheme) => Card>((resolve, reject) => {
        settle = {
          resolve: () =>
            resolve((theme) => {
              made.push(theme);
              return createCard({
                doc: document,
                data: createCardData(pack),
                host: createPlainHost(document, ''),
                theme,
                openReader: () => undefined,
              });
            }),
          reject,
        };
      }),
  );
  return {
    load,
    made,
    resolve: () => settle?.resolve(),
    reject: (error: unknown) => settle?.reject(error),
  };
}

const anchor = () => {
  const p = document.createElement('p');
  p.textContent = 'Mustafa al-Kadhimi';
  document.body.append(p);
  return p;
};
const host = () => document.querySelector('backstory-card');
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => document.body.replaceChildren());

describe('createLazyCard', () => {
  it('answers as a closed card and loads nothing until asked', async () => {
    const loader = deferredLoader();
    const card = createLazyCard({ load: loader.load });
    expect(card.isOpen()).toBe(false);
    expect(card.current()).toBeNull();
    expect(card.containsEvent(new Event('click'))).toBe(false);
    card.hide();
    await flush();
    expect(loader.load).not.toHaveBeenCalled();
    expect(card.loaded).toBe(false);
    expect(host()).toBeNull();
  });

  it('prefetch loads once; a show during the load opens when it arrives, with the theme set meanwhile', async () => {
    const loader = deferredLoader();
    const card = createLazyCard({ load: loader.load, theme: 'light' });
    card.prefetch?.();
    card.prefetch?.();
    card.setTheme('dark');
    const shown = card.show(KADHIMI, anchor());
    expect(loader.load).toHaveBeenCalledTimes(1);
    loader.resolve();
    await expect(shown).resolves.toBe(true);
    expect(loader.made).toEqual(['dark']);
    expect(card.loaded).toBe(true);
    expect(card.isOpen()).toBe(true);
    expect(card.current()).toBe(KADHIMI);
    expect(host()?.shadowRoot?.textContent).toContain('Mustafa al-Kadhimi');
  });

  it('a later show wins over one still waiting for the chunk', async () => {
    const loader = deferredLoader();
    const card = createLazyCard({ load: loader.load });
    const first = card.show(KADHIMI, anchor());
    const second = card.show(SADR, anchor());
    loader.resolve();
    await expect(first).resolves.toBe(false);
    await expect(second).resolves.toBe(true);
    expect(card.current()).toBe(SADR);
  });

  it('a hide while the chunk loads cancels the pending show', async () => {
    const loader = deferredLoader();
    const card = createLazyCard({ load: loader.load });
    const shown = card.show(KADHIMI, anchor());
    card.hide();
    loader.resolve();
    await expect(shown).resolves.toBe(false);
    expect(card.isOpen()).toBe(false);
    expect(host()).toBeNull();
  });

  it('destroy while the chunk loads: nothing is made, nothing is added to the page', async () => {
    const loader = deferredLoader();
    const card = createLazyCard({ load: loader.load });
    const shown = card.show(KADHIMI, anchor());
    card.destroy();
    loader.resolve();
    await expect(shown).resolves.toBe(false);
    expect(loader.made).toEqual([]);
    expect(host()).toBeNull();
  });

  it('destroy after a show removes the real card', async () => {
    const loader = deferredLoader();
    const card = createLazyCard({ load: loader.load });
    const shown = card.show(KADHIMI, anchor());
    loader.resolve();
    await shown;
    expect(host()).not.toBeNull();
    card.destroy();
    expect(host()).toBeNull();
    expect(card.isOpen()).toBe(false);
  });

  it('a failed load is reported, the show resolves false, and the next request tries again', async () => {
    const loader = deferredLoader();
    const errors: unknown[] = [];
    const card = createLazyCard({ load: loader.load, onError: (error) => errors.push(error) });
    const failed = card.show(KADHIMI, anchor());
    loader.reject(new Error('network said no'));
    await expect(failed).resolves.toBe(false);
    expect(errors).toEqual([new Error('network said no')]);
    const retried = card.show(KADHIMI, anchor());
    expect(loader.load).toHaveBeenCalledTimes(2);
    loader.resolve();
    await expect(retried).resolves.toBe(true);
  });
});

describe('asCardChunk', () => {
  const createCardFn = () => null;
  it('accepts a module whose default export has the pack id and createCard', () => {
    const chunk = { packId: pack.id, createCard: createCardFn };
    expect(asCardChunk({ default: chunk }, pack.id)).toBe(chunk);
  });
  it.each([
    ['no module', null, /no default export/],
    ['no default export', { other: 1 }, /no default export/],
    ['no createCard', { default: { packId: pack.id } }, /does not export createCard/],
    ['another pack', { default: { packId: 'other-pack', createCard: createCardFn } }, /pack other-pack/],
  ])('refuses %s with a readable error', (_name, namespace, message) => {
    expect(() => asCardChunk(namespace, pack.id)).toThrow(message);
  });
});
