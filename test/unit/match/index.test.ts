import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/match/index';
import { makePack, seedLikePack } from './helpers';

describe('createMatcher: contract with the page module', () => {
  const matcher = createMatcher(seedLikePack());

  it('returns offsets into the original text, sorted by start, entities inside quotes included', () => {
    const text = 'Sadr wrote, “We are waiting for a complete withdrawal of American troops,” said Muqtada al‑Sadr.';
    const ms = matcher.scan(text);
    expect(ms.map((m) => `${m.kind}:${m.id}:${text.slice(m.start, m.end)}`)).toEqual([
      'entity:muqtada-al-sadr:Sadr',
      'quote:sadr-waiting:We are waiting for a complete withdrawal of American troops',
      'entity:muqtada-al-sadr:Muqtada al‑Sadr',
    ]);
  });

  it('reports an entity match that lies inside a quote match', () => {
    const text = 'They said: "We fiercely oppose the U.S. military presence, and demand a complete pullout."';
    const ms = matcher.scan(text);
    const q = ms.find((m) => m.kind === 'quote');
    const us = ms.find((m) => m.id === 'united-states');
    expect(q && us && us.start >= q.start && us.end <= q.end).toBe(true);
  });

  it('scan options override matcher defaults', () => {
    const firstOnly = createMatcher(seedLikePack(), { mentions: 'first', quotes: false });
    expect(firstOnly.scan('Biden, Biden, Biden')).toHaveLength(1);
    expect(firstOnly.scan('Biden, Biden, Biden', { mentions: 'all' })).toHaveLength(3);
  });

  it('exposes the compiled sizes', () => {
    expect(matcher.stats.patterns).toBeGreaterThan(10);
    expect(matcher.stats.quotes).toBe(5);
  });

  it('handles an empty pack and empty text', () => {
    const empty = createMatcher(makePack([]));
    expect(empty.scan('Joe Biden said so.')).toEqual([]);
    expect(matcher.scan('')).toEqual([]);
  });

  it.each([
    ['lone surrogates', 'Biden \ud800 Biden \udc00x'],
    ['only combining marks', '\u0301\u0301\u0301 Biden'],
    ['only whitespace and breaks', ' \n\n\t \u2028 '],
    ['only invisible characters', '\u200b\u200c\u00ad\ufeff'],
    ['control characters', 'Bi\u0000den \u0007 Daesh'],
    ['a very long word', `${'x'.repeat(100_000)} Biden`],
    ['a quote repeated with breaks every few words', 'We are waiting for a complete\n'.repeat(2000)],
    ['many ellipses', '... '.repeat(5000)],
  ])('does not throw on hostile input: %s', (_name, text) => {
    expect(() => matcher.scan(text)).not.toThrow();
  });
});
