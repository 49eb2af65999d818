import { describe, expect, it } from 'vitest';
import { createMatcher, type QuoteMatch } from '../../../src/match/index';
import { seedLikePack } from './helpers';

const matcher = createMatcher(seedLikePack());

function quotes(text: string): QuoteMatch[] {
  return matcher.scan(text).filter((m): m is QuoteMatch => m.kind === 'quote');
}

/** Quote matches as `id:text`. */
function found(text: string): string[] {
  return quotes(text).map((m) => `${m.id}:${text.slice(m.start, m.end)}`);
}

describe('quotes: positives', () => {
  it.each([
    [
      'verbatim with curly apostrophe',
      'Biden said “we’re not going to be, at the end of the year, in a combat mission,” on Monday.',
      'biden-combat-mission:we’re not going to be, at the end of the year, in a combat mission',
    ],
    [
      'one word changed (by for at)',
      'Biden said: "We\'re not going to be, by the end of the year, in a combat mission."',
      "biden-combat-mission:We're not going to be, by the end of the year, in a combat mission",
    ],
    [
      're-punctuated and re-cased',
      'WE’RE NOT GOING TO BE AT THE END OF THE YEAR IN A COMBAT MISSION, HE SAID.',
      'biden-combat-mission:WE’RE NOT GOING TO BE AT THE END OF THE YEAR IN A COMBAT MISSION',
    ],
    [
      'partial: the second half of a long quote',
      'Nasr al-Shammari said they "fiercely oppose the U.S. military presence, and demand a complete pullout".',
      'shammari-no-confidence:fiercely oppose the U.S. military presence, and demand a complete pullout',
    ],
    [
      'elided with three dots',
      '"We have no confidence whatsoever in Americans ... We fiercely oppose the U.S. military presence," he said.',
      'shammari-no-confidence:We have no confidence whatsoever in Americans ... We fiercely oppose the U.S. military presence',
    ],
    [
      'elided with the ellipsis character',
      'Sadr said “we have already announced our conditions… We must work to support Iraqi armed forces.”',
      'sadr-conditions:we have already announced our conditions… We must work to support Iraqi armed forces',
    ],
    [
      'an extra word on the page',
      'Psaki said the numbers will be driven by exactly what is needed for the mission over time.',
      'psaki-numbers:the numbers will be driven by exactly what is needed for the mission over time',
    ],
    [
      'a word missing on the page',
      'She said the numbers will be driven by what is needed for mission over time.',
      'psaki-numbers:the numbers will be driven by what is needed for mission over time',
    ],
    [
      'NBSP, zero-width and soft hyphen inside the quote',
      'We are waiting for a com\u00adplete with\u200bdrawal of\u00a0American troops.',
      'sadr-waiting:We are waiting for a com\u00adplete with\u200bdrawal of\u00a0American troops',
    ],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('reports coverage, word count and edits', () => {
    const [full] = quotes('He said we’re not going to be, at the end of the year, in a combat mission.');
    expect(full).toMatchObject({ id: 'biden-combat-mission', speaker: 'joe-biden', coverage: 1, edits: 0, words: 15 });
    const [edited] = quotes('He said we’re not going to be, by the end of the year, in a combat mission.');
    expect(edited?.edits).toBe(1);
    expect(edited?.coverage).toBeCloseTo(14 / 15);
    const [part] = quotes('They demand a complete pullout of American forces.');
    expect(part?.coverage).toBeGreaterThan(0);
    expect(part?.coverage).toBeLessThan(0.3);
  });

  it('finds the same quote twice and two different quotes in one text', () => {
    const q = 'We are waiting for a complete withdrawal of American troops.';
    const p = 'The numbers will be driven by what is needed for the mission over time.';
    expect(quotes(`${q} ${p}\n${q}`).map((m) => m.id)).toEqual(['sadr-waiting', 'psaki-numbers', 'sadr-waiting']);
  });
});

describe('quotes: negatives', () => {
  it.each([
    ['shared common phrase', 'Troops will leave at the end of the year, officials said.'],
    ['common phrase with a changed word', 'Troops will leave by the end of the year, officials said.'],
    ['common phrase plus function words', 'It is not going to be at the end of the year.'],
    ['function-word heavy overlap', 'They will be driven by what is needed, he said.'],
    [
      'unrelated sentence sharing a few words',
      'The mission over time became a combat mission for the army and the year ended.',
    ],
    [
      'another subject sharing words',
      'We have no idea whether the military presence of Turkey is under any review, the American envoy said.',
    ],
    [
      'quote words scattered across a paragraph',
      'American troops arrived. Are we waiting? A withdrawal for the complete convoy of troops was waiting for us.',
    ],
    ['five words of a quote', 'He said they demand a complete pullout.'],
    ['quote split across blocks', 'We are waiting for a complete\nwithdrawal of American troops.'],
    ['two edits in a row break the run', 'We are hoping to see a full withdrawal of American troops.'],
  ])('%s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('respects the quotes: false option', () => {
    expect(matcher.scan('We are waiting for a complete withdrawal of American troops.', { quotes: false })).toEqual([]);
  });
});

describe('quotes: tuning', () => {
  it('a stricter minimum rejects shorter runs', () => {
    const strict = createMatcher(seedLikePack(), { quoteTuning: { minWords: 10 } });
    const text = 'They demand a complete pullout of American forces.';
    expect(strict.scan(text).filter((m) => m.kind === 'quote')).toEqual([]);
    expect(quotes(text)).toHaveLength(1);
  });

  it('maxEdits 0 refuses a changed word', () => {
    const exact = createMatcher(seedLikePack(), { quoteTuning: { maxEdits: 0 } });
    const text = 'We are waiting for a complete pullout of American troops.';
    const got = exact.scan(text).filter((m) => m.kind === 'quote');
    // Without edits only the exact tail "of American troops" plus the head remain, both too short.
    expect(got).toEqual([]);
    expect(quotes(text).map((m) => m.edits)).toEqual([1]);
  });
});
