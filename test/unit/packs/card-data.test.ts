import { describe, expect, it } from 'vitest';
import { createMergedCardData } from '../../../src/card/merged-data';
import { bundled, envoyPack } from './helpers';

describe('card data across packs', () => {
  const envoy = envoyPack();
  const data = createMergedCardData([bundled, envoy]);

  it('shows every pack’s description of a merged entity, newest source first, with why they merged', () => {
    const view = data.entityView('mustafa-al-kadhimi');
    expect(view?.name).toBe('Mustafa al-Kadhimi');
    expect(view?.descriptions?.map((d) => d.source)).toEqual([
      'UN Envoy Briefs Council on Iraq Vote, 8 September 2021',
      'Iraqi Groups Demand Complete U.S. Withdrawal, 27 July 2021',
    ]);
    expect(view?.description).toMatch(/as of September 2021/);
    expect(view?.mergedBecause).toBe(
      'Merged with “Iraqi Groups Demand Complete U.S. Withdrawal” because both packs give the same name and kind.',
    );
    // Related entities come from both packs, as merged ids.
    expect(view?.related.map((r) => r.id)).toContain('jeanine-hennis-plasschaert');
  });

  it('dates each saying to its source and reads it in that pack’s article', () => {
    const view = data.entityView('jeanine-hennis-plasschaert');
    expect(view?.sayings[0]?.source).toBe('UN Envoy Briefs Council on Iraq Vote, 8 September 2021');
    expect(view?.sayings[0]?.anchor).toMatch(/^un-envoy-2021:q-1$/);
    const quote = data.quoteView('un-envoy-2021:q-1');
    expect(quote?.speakerName).toBe('Jeanine Hennis-Plasschaert');
    expect(quote?.anchor).toBe('un-envoy-2021:q-1');
    expect(data.quoteView('q-1')?.anchor).toBe('q-1');
  });

  it('answers the one-pack lookups', () => {
    expect(data.entity('kadhimi')).toBeUndefined();
    expect(data.entity('mustafa-al-kadhimi')?.id).toBe('mustafa-al-kadhimi');
    expect(data.quote('un-envoy-2021:q-1')?.id).toBe('q-1');
    expect(data.nameOf('baghdad')).toBe('Baghdad');
  });
});
