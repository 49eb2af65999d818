/**
 * Names the draft joins, keeps whole or leaves out, from an article written for these tests
 * (`test/fixtures/articles/harbour-reactions.txt`): one row per rule.
 */
import { describe, expect, it } from 'vitest';
import { draftAndBuild } from '../../../../src/pack-builder/draft';
import { fixtureArticle } from './helpers';

const draft = draftAndBuild(fixtureArticle('harbour-reactions.txt'));
/** The drafted entity one of whose spellings is `words`. */
const entityOf = (words: string) => draft.pack.entities.find((entity) => entity.aliases.includes(words));

describe('one entity for two spellings', () => {
  it.each([
    ['an acronym spells the initials of a hyphenated name', 'AFP', 'Agence France-Presse'],
    ['`America` is the country the article writes `US`', 'America', 'US'],
  ])('%s: “%s” and “%s”', (_rule, one, other) => {
    expect(entityOf(one)).toBeDefined();
    expect(entityOf(one)?.id).toBe(entityOf(other)?.id);
  });
});

describe('names kept whole', () => {
  it('a month after a given name is the surname (`Theresa May`)', () => {
    expect(entityOf('Theresa May')?.kind).toBe('person');
    expect(entityOf('Theresa')).toBeUndefined();
  });
});

describe('names with a number', () => {
  it('an ordinal before a unit’s head is in its name', () => {
    expect(entityOf('82nd Harbour Brigade')?.kind).toBe('group');
  });
});

describe('institutions written in lower case', () => {
  it.each([
    ['a demonym and a ministry', 'Russian foreign ministry'],
    ['`the state department`', 'state department'],
  ])('%s: “%s” is an organisation', (_rule, words) => {
    expect(entityOf(words)?.kind).toBe('organization');
  });
});

describe('quotes of the lower-case institutions and of `called the deal`', () => {
  const speakerOf = (words: string) => {
    const quote = draft.pack.quotes.find((candidate) => candidate.text.startsWith(words));
    return draft.pack.entities.find((entity) => entity.id === quote?.speaker && quote.attribution !== 'override')?.name;
  };
  it.each([
    ['The Russian foreign ministry said … “…”', 'new quarrels', 'Russian foreign ministry'],
    ['X called the deal “…”', 'a good day', 'Theresa May'],
  ])('%s', (_rule, words, speaker) => {
    expect(speakerOf(words)).toBe(speaker);
  });
});

describe('capitalised words that name nothing', () => {
  it.each([
    ['English words shouted in capitals inside a quote', 'HIT VERY FAST AND'],
    ['an English word shouted in capitals inside a quote', 'MILLENNIA'],
    ['share buttons before a caption', 'Facebook Twitter Pinterest A'],
    ['a comparison opening a sentence', 'Older Norland'],
    ['an age', 'Sixth Century BC'],
    ['a title’s initials', 'CEO'],
  ])('%s: no entity for “%s”', (_rule, words) => {
    const names = draft.pack.entities.flatMap((entity) => entity.aliases);
    expect(names.filter((name) => name.startsWith(words))).toEqual([]);
  });
});
