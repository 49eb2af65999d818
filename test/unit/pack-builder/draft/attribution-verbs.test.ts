/**
 * Attribution with the reporting verbs and subjects news copy uses beyond `said`, from an article written for these
 * tests (`test/fixtures/articles/river-summit.txt`): one row per rule, the quote's first words and its speaker.
 */
import { describe, expect, it } from 'vitest';
import { draftAndBuild } from '../../../../src/pack-builder/draft';
import { fixtureArticle } from './helpers';

const draft = draftAndBuild(fixtureArticle('river-summit.txt'));
const names = new Map(draft.pack.entities.map((entity) => [entity.id, entity.name]));
/** The speaker a rule found for the quote (a guess left for review is no rule's). */
const speakerOf = (words: string) => {
  const quote = draft.pack.quotes.find((candidate) => candidate.text.startsWith(words));
  return quote?.attribution === 'override' ? 'a guess for review' : names.get(quote?.speaker ?? '');
};

describe('reporting verbs and subjects beyond `said`', () => {
  it.each([
    ['“…,” cautioned [role words] X: the name after the verb and its role', 'The dams will fail', 'Pavel Novak'],
    ['“…,” X, 33, contended', 'This is reckless', 'Ilse Brandt'],
    ['X concurred that … “…”', 'must start again', 'Tomas Varga'],
    ['the head of Y, X, warned that “…”: the appositive name, not the description', 'the reservoirs', 'Greta Falk'],
    ['Y quoted X as saying: “…”', 'Kesslin will build', 'Oskar Lind'],
    ['X, …, responded by tweeting: “…”', 'You are gambling', 'Hanna Roos'],
    ['“…,” X tweeted', 'Water is not a weapon', 'Hanna Roos'],
    ['X said that if Y asked …, “…”: the verb of a condition reports nothing', 'we will close', 'Tomas Varga'],
    ['When X called for “…”: a when-clause is no condition, its verb reports', 'an end to the quarrel', 'Greta Falk'],
    ['X routinely describes … as its “…”', 'shared and sacred', 'Norland'],
    ['X’s royal court called it “…”: an organ speaks for its state', 'an insult to', 'Kesslin'],
    [
      '…, and X’s president, Y, said Z had …: the appositive name, not the clause’s subject',
      'river of fire',
      'Mira Sand',
    ],
    ['a militia …, the Rovno Brigade, said …', 'legitimate reason', 'Rovno Brigade'],
    ['“…,” X continued', 'The dams are safe', 'Pavel Novak'],
    [
      'she, after a sentence that only mentions someone: the subject of the sentence before',
      'Nobody will go',
      'Greta Falk',
    ],
    [
      'The X report, dated …, stated …: “…”: a body’s paper speaks for the body',
      'The northern reservoirs',
      'Norland Water Authority',
    ],
    ['It continued: “…”: the paper goes on', 'Rationing must begin', 'Norland Water Authority'],
    ['Demonstrator X, 22, agreed. “…,” he said: the label is not part of the name', 'I feel happy', 'Jonas Berg'],
    ['‘…,’ says X: single quotes in a paragraph with no double ones', 'We will not give up', 'Tomas Varga'],
  ])('%s', (_rule, words, speaker) => {
    expect(speakerOf(words)).toBe(speaker);
  });
});
