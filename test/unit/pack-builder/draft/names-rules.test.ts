/**
 * Which capitalised words become entities, from an article written for these tests
 * (`test/fixtures/articles/port-names.txt`): one row per rule, the words and the entity they make, if any.
 */
import { describe, expect, it } from 'vitest';
import { draftAndBuild } from '../../../../src/pack-builder/draft';
import { fixtureArticle } from './helpers';

const draft = draftAndBuild(fixtureArticle('port-names.txt'));
/** The drafted entity one of whose spellings is `words`. */
const entityOf = (words: string) => draft.pack.entities.find((entity) => entity.aliases.includes(words));
const namesOf = draft.pack.entities.map((entity) => entity.name);

describe('words that name nothing', () => {
  it.each([
    ['a common word opening a sentence before the noun it qualifies', 'Government'],
    ['a prefixed adjective', 'Anti-government'],
    ['two places joined by a hyphen', 'US-Mexico'],
    ['a time zone', 'ET'],
    ['a verb opening a sentence, before a name', 'Blocking Kesslin'],
    ['a caption’s first word after its label', 'Protesters'],
    ['an English word left alone when a title’s words are cut', 'Joint'],
    ['page furniture after an outlet’s name', 'Anadolu Agency Image'],
    ['the people of a place the article names', 'Valmorans'],
    ['a pronoun and its verb', 'I’m'],
    ['a pronoun and its verb opening a name', 'I’m Piet Arendt'],
    ['a verb opening a sentence, before a name (a share button)', 'Follow Lena Sorova'],
  ])('%s: no entity for “%s”', (_rule, words) => {
    expect(namesOf).not.toContain(words);
    expect(entityOf(words)).toBeUndefined();
  });
});

describe('names and their other spellings', () => {
  it.each([
    ['a name given an age is a person’s', 'Danuta', 'Danuta', 'person'],
    ['a name given an age alone is a person’s', 'Sorin', 'Sorin', 'person'],
    [
      '`to` and a verb after an institution’s head stay in the name',
      'Global Alliance to End Piracy',
      'Global Alliance to End Piracy',
      'organization',
    ],
    ['Abdul and Abdel are one romanisation', 'Adel Abdel-Rahim', 'Adel Abdul-Rahim', 'person'],
    ['a state’s formal name is the place', 'Saudi Arabia', 'Kingdom of Saudi Arabia', 'place'],
    ['a country’s conventional short name is the country', 'America', 'United States', 'place'],
    ['a base named after its place is the place', 'Halden', 'Camp Halden', 'place'],
    ['… and whatever kind the bare name was guessed', 'Ain al-Tamir', 'Ain al-Tamir Air Base', 'place'],
    [
      '`Center for …` is one organisation',
      'Valmora Center for Maritime Policy',
      'Valmora Center for Maritime Policy',
      'organization',
    ],
    ['an institution is an organisation', 'Halden Institution', 'Halden Institution', 'organization'],
  ])('%s: “%s” is %s', (_rule, words, name, kind) => {
    expect(entityOf(words)).toMatchObject({ name, kind });
  });
});
