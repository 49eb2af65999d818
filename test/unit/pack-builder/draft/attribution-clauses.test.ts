/**
 * Attribution when the speaker stands a clause away from the quote, from an article written for these tests
 * (`test/fixtures/articles/blockade-talks.txt`): one row per rule, the quote's first words and its speaker.
 */
import { describe, expect, it } from 'vitest';
import { draftAndBuild } from '../../../../src/pack-builder/draft';
import { fixtureArticle } from './helpers';

const draft = draftAndBuild(fixtureArticle('blockade-talks.txt'));
const names = new Map(draft.pack.entities.map((entity) => [entity.id, entity.name]));
const speakerOf = (words: string) =>
  names.get(draft.pack.quotes.find((quote) => quote.text.startsWith(words))?.speaker ?? '');

describe('speakers a clause away from the quote', () => {
  it.each([
    ['X said … that … “…,” the ministry said: the reported clause’s speaker', 'were meant to', 'Anna Weller'],
    ['X’s office said he …: a person’s office speaks for the person', 'for the steady', 'Tomas Varga'],
    ['“…,” according to X: the source named after the quote', 'to strike the', 'Defence Ministry'],
    ['he, after a quote that names another person: the speaker of that quote', 'these sanctions are', 'Oskar Lind'],
    ['X’s assertion that … “…”: the words named as the possessor’s', 'imminent', 'Tomas Varga'],
    ['X vowed to … “…”: a promise reports the quote', 'until the last', 'Oskar Lind'],
    ['X …, saying “…,” according to Y: the sayer, Y only reported it', 'the ports must', 'Oskar Lind'],
    ['what it calls “…”: the clause’s subject', 'maximum resistance', 'Kesslin'],
  ])('%s', (_rule, words, speaker) => {
    expect(speakerOf(words)).toBe(speaker);
  });
});

describe('quotes from sources the article leaves unnamed', () => {
  it.each([
    ['“…,” said a senior official: no one named after the verb', 'The talks are'],
    ['One official said …: “…”: no one named before the verb', 'Nobody expects a'],
    ['“…,” says an Iraqi analyst: a demonym does not name the source', 'Both sides are'],
    ['a crowd chanting “…”', 'Open the sea'],
    ['…, a senior adviser to X said, “…”: an unnamed source after an opening phrase', 'We can wait'],
  ])('%s: a guess for review, not a silent continuation', (_rule, words) => {
    const quote = draft.pack.quotes.find((candidate) => candidate.text.startsWith(words));
    expect(quote?.attribution).toBe('override');
    expect(draft.guessedQuotes.some((guess) => guess.quote.startsWith(words))).toBe(true);
  });
});
