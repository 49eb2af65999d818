import { describe, expect, it } from 'vitest';
import { canonicalName, explainMerge, mergePacks } from '../../../src/packs/merge';
import { bundled, envoyPack, tinyPack } from './helpers';

describe('mergePacks', () => {
  it('merges entities with the same id across packs, and says why', () => {
    const a = tinyPack('a', [{ id: 'x', name: 'Ann Lee', aliases: ['Ann Lee', 'Lee'], ambiguous: ['Lee'] }]);
    const b = tinyPack('b', [{ id: 'x', name: 'Ann Lee-Smith', aliases: ['Ann Lee-Smith', 'Lee'] }]);
    const merged = mergePacks([a, b]);
    expect(merged.entities).toHaveLength(1);
    const [entity] = merged.entities;
    expect(entity?.id).toBe('x');
    expect(entity?.name).toBe('Ann Lee');
    expect(entity?.aliases).toEqual(['Ann Lee', 'Lee', 'Ann Lee-Smith']);
    // "Lee" is firm in pack b, so it is no longer ambiguous.
    expect(entity?.ambiguous).toEqual([]);
    expect(entity?.members).toEqual([
      { packId: 'a', entityId: 'x' },
      { packId: 'b', entityId: 'x' },
    ]);
    expect(entity?.mergedBecause).toEqual([
      { member: { packId: 'b', entityId: 'x' }, with: { packId: 'a', entityId: 'x' }, reason: 'same-id' },
    ]);
  });

  it('merges by a declared sameAs key, and by the same canonical name and kind', () => {
    const a = tinyPack('a', [
      { id: 'p', name: 'Jeanine Hennis', sameAs: 'Q1' },
      { id: 'q', name: 'Mustafa al-Kadhimi' },
    ]);
    const b = tinyPack('b', [
      { id: 'envoy', name: 'J. Hennis', sameAs: 'Q1' },
      { id: 'pm', name: 'Mustafa Al Kadhimi' },
    ]);
    const merged = mergePacks([a, b]);
    expect(merged.entities.map((entity) => entity.id)).toEqual(['p', 'q']);
    expect(merged.entities.map((entity) => entity.mergedBecause[0]?.reason)).toEqual([
      'same-sameAs',
      'same-name-and-kind',
    ]);
    expect(merged.idOf('b', 'pm')).toBe('q');
  });

  it('does not merge the same name across kinds, nor entities of one pack', () => {
    const a = tinyPack('a', [
      { id: 'g', name: 'Georgia', kind: 'place' },
      { id: 'g2', name: 'Georgia', kind: 'place' },
    ]);
    const b = tinyPack('b', [{ id: 'h', name: 'Georgia', kind: 'person' }]);
    expect(mergePacks([a, b]).entities).toHaveLength(3);
  });

  it('keeps a split entity apart, renaming it when its id is taken', () => {
    const a = tinyPack('a', [{ id: 'x', name: 'Ann Lee' }]);
    const b = tinyPack('b', [{ id: 'x', name: 'Ann Lee' }]);
    const merged = mergePacks([a, b], [{ packId: 'b', entityId: 'x' }]);
    expect(merged.entities.map((entity) => entity.id)).toEqual(['x', 'b:x']);
    expect(merged.entities.every((entity) => entity.mergedBecause.length === 0)).toBe(true);
  });

  it('prefixes the quote ids of every pack but the first and maps speakers to merged ids', () => {
    const envoy = envoyPack();
    const merged = mergePacks([bundled, envoy]);
    expect(merged.quotes.filter((quote) => quote.packId === bundled.id).every((q) => q.id === q.quoteId)).toBe(true);
    const envoyQuote = merged.quotes.find((quote) => quote.packId === envoy.id);
    expect(envoyQuote?.id).toBe(`${envoy.id}:${envoyQuote?.quoteId}`);
    expect(envoyQuote?.speaker).toBe('jeanine-hennis-plasschaert');
    // The envoy pack's Kadhimi (id `kadhimi`) is the bundled pack's by name and kind; Baghdad and Iraq by id.
    expect(merged.idOf(envoy.id, 'kadhimi')).toBe('mustafa-al-kadhimi');
    const kadhimi = merged.entities.find((entity) => entity.id === 'mustafa-al-kadhimi');
    expect(kadhimi?.aliases).toContain('Prime Minister Mustafa al-Kadhimi');
    expect(kadhimi?.mergedBecause[0]?.reason).toBe('same-name-and-kind');
    expect(merged.entities.find((entity) => entity.id === 'baghdad')?.mergedBecause[0]?.reason).toBe('same-id');
    expect(merged.entities).toHaveLength(bundled.entities.length + 2);
  });

  it('explains a merge in a sentence', () => {
    const note = {
      member: { packId: 'b', entityId: 'x' },
      with: { packId: 'a', entityId: 'x' },
      reason: 'same-id' as const,
    };
    expect(explainMerge(note, (id) => `Pack ${id}`)).toBe('Merged with “Pack a” because both packs give the same id.');
  });

  it('compares names without case, apostrophe style, hyphens or extra spaces', () => {
    expect(canonicalName('Hashd  al-Sha’abi')).toBe(canonicalName("hashd al sha'abi"));
  });
});
