/**
 * The quote fidelity view model (src/card/fidelity.ts): the facts kept of a matcher's fidelity (words, no page
 * offsets, bounded), the most telling of several, and what the card and the popup show of each state.
 */
import { describe, expect, it } from 'vitest';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import { createMatcher, type QuoteMatch } from '../../../src/match/index';
import type { QuoteFidelity } from '../../../src/match/types';
import {
  fidelityFacts,
  fidelityView,
  mostTelling,
  MAX_FIDELITY_CHARS,
  MAX_FIDELITY_ITEMS,
  NO_WORD,
  type FidelityFacts,
} from '../../../src/card/fidelity';
import { createCardData } from '../../../src/card/model';
import { parsePageFidelity } from '../../../src/messaging/contract';

const pack = packData as unknown as Pack;
const matcher = createMatcher(pack);
const quoteText = (id: string): string => pack.quotes.find((quote) => quote.id === id)?.text ?? '';

/** The one quote match of `text`. */
function quoteIn(text: string): QuoteMatch {
  const quotes = matcher.scan(text).filter((match): match is QuoteMatch => match.kind === 'quote');
  expect(quotes).toHaveLength(1);
  return quotes[0] as QuoteMatch;
}

const facts = (over: Partial<FidelityFacts>): FidelityFacts => ({
  state: 'verbatim',
  changed: [],
  elided: [],
  shortened: null,
  ...over,
});

describe('fidelity view', () => {
  const cases: { name: string; facts: FidelityFacts; label: string; note: string; line: string }[] = [
    {
      name: 'verbatim',
      facts: facts({}),
      label: 'Verbatim',
      note: 'The whole quote, word for word.',
      line: '',
    },
    {
      name: 'shortened',
      facts: facts({
        state: 'shortened',
        shortened: { firstWord: 3, lastWord: 9, totalWords: 20, text: 'oppose the presence' },
      }),
      label: 'Shortened',
      note: 'Part of the quote: words 4–10 of 20.',
      line: 'Quotes “oppose the presence”',
    },
    {
      name: 'one word replaced',
      facts: facts({ state: 'changed', changed: [{ kind: 'replaced', page: 'by', source: 'at' }] }),
      label: 'Words changed',
      note: '1 word differs from the source.',
      line: '“by” for “at”',
    },
    {
      name: 'a word added and one left out',
      facts: facts({
        state: 'changed',
        changed: [
          { kind: 'added', page: 'exactly', source: '' },
          { kind: 'dropped', page: '', source: 'the' },
        ],
      }),
      label: 'Words changed',
      note: '2 words differ from the source.',
      line: '“exactly” added; “the” left out',
    },
    {
      name: 'one ellipsis',
      facts: facts({ state: 'elided', elided: [{ source: 'and do not agree', words: 4 }] }),
      label: 'Elided',
      note: 'An ellipsis stands for 4 words of the source.',
      line: '… for “and do not agree”',
    },
    {
      name: 'two ellipses',
      facts: facts({
        state: 'elided',
        elided: [
          { source: 'one', words: 1 },
          { source: 'two more', words: 2 },
        ],
      }),
      label: 'Elided',
      note: '2 ellipses stand for 3 words of the source.',
      line: '… for “one”; … for “two more”',
    },
    {
      name: 'words changed lead when the page also elides and shortens',
      facts: facts({
        state: 'changed',
        changed: [{ kind: 'replaced', page: 'zero', source: 'no' }],
        elided: [{ source: 'gone', words: 1 }],
        shortened: { firstWord: 0, lastWord: 5, totalWords: 9, text: 'part' },
      }),
      label: 'Words changed',
      note: '1 word differs from the source.',
      line: '“zero” for “no”',
    },
  ];
  it.each(cases)('$name', ({ facts: input, label, note, line }) => {
    const view = fidelityView(input);
    expect(view.state).toBe(input.state);
    expect(view.label).toBe(label);
    expect(view.note).toBe(note);
    expect(view.line).toBe(line);
  });

  it('quotes each side of a change, "(no word)" where a side has none', () => {
    const view = fidelityView(
      facts({
        state: 'changed',
        changed: [
          { kind: 'replaced', page: 'by', source: 'at' },
          { kind: 'added', page: 'exactly', source: '' },
          { kind: 'dropped', page: '', source: 'the' },
        ],
      }),
    );
    expect(view.changes).toEqual([
      { kind: 'replaced', page: '“by”', source: '“at”' },
      { kind: 'added', page: '“exactly”', source: NO_WORD },
      { kind: 'dropped', page: NO_WORD, source: '“the”' },
    ]);
  });
});

describe('fidelity facts of real matches (bundled pack)', () => {
  const cases: { name: string; page: string; quote: string; state: string; expected: Partial<FidelityFacts> }[] = [
    {
      name: 'verbatim',
      page: 'Biden said “we’re not going to be, at the end of the year, in a combat mission.”',
      quote: 'q-1',
      state: 'verbatim',
      expected: { changed: [], elided: [], shortened: null },
    },
    {
      name: 'words changed',
      page: 'Biden said: "We\'re not going to be, by the end of the year, in a combat mission."',
      quote: 'q-1',
      state: 'changed',
      expected: { changed: [{ kind: 'replaced', page: 'by', source: 'at' }], elided: [], shortened: null },
    },
    {
      name: 'elided',
      page: '“We have no confidence whatsoever in Americans … We fiercely oppose the U.S. military presence,” he said.',
      quote: 'q-3',
      state: 'elided',
      expected: {
        changed: [],
        elided: [{ source: 'and do not agree to their presence under any circumstances', words: 10 }],
      },
    },
    {
      name: 'shortened',
      page: 'They "fiercely oppose the U.S. military presence, and demand a complete pullout".',
      quote: 'q-3',
      state: 'shortened',
      expected: {
        changed: [],
        elided: [],
        shortened: {
          firstWord: 18,
          lastWord: 29,
          totalWords: 33,
          text: 'fiercely oppose the U.S. military presence, and demand a complete pullout',
        },
      },
    },
  ];
  it.each(cases)('$name', ({ page, quote, state, expected }) => {
    const match = quoteIn(page);
    expect(match.id).toBe(quote);
    const kept = fidelityFacts(match.fidelity, quoteText(quote));
    expect(kept.state).toBe(state);
    expect(kept).toMatchObject(expected);
    // What crosses to the popup passes the contract's check, and has no page offsets.
    expect(parsePageFidelity(kept)).toEqual(kept);
    expect(JSON.stringify(kept)).not.toMatch(/pageStart|sourceStart/);
  });

  it('the quote card of a real match: its view, with the quoted part emphasised', () => {
    const data = createCardData(pack);
    const match = quoteIn('They "fiercely oppose the U.S. military presence, and demand a complete pullout".');
    const view = data.quoteView('q-3', undefined, match.fidelity);
    expect(view?.fidelity?.label).toBe('Shortened');
    expect(view?.text.slice(view.emphasis.start, view.emphasis.end)).toBe(
      'fiercely oppose the U.S. military presence, and demand a complete pullout',
    );
    // Without a fidelity (the reader), nothing is said about it.
    expect(data.quoteView('q-3')?.fidelity).toBeNull();
  });

  it('bounds what it keeps: at most a few changes, each of bounded length', () => {
    const long = 'x'.repeat(1000);
    const many: QuoteFidelity = {
      state: 'changed',
      verbatim: false,
      shortened: null,
      changed: Array.from({ length: 20 }, () => ({
        kind: 'replaced' as const,
        page: long,
        pageStart: 0,
        pageEnd: 1000,
        source: 'a',
        sourceStart: 0,
        sourceEnd: 1,
      })),
      elided: [],
    };
    const kept = fidelityFacts(many, 'a b c');
    expect(kept.changed).toHaveLength(MAX_FIDELITY_ITEMS);
    expect(kept.changed[0]?.page.length).toBe(MAX_FIDELITY_CHARS);
    expect(parsePageFidelity(kept)).not.toBeNull();
  });
});

describe('most telling fidelity', () => {
  const of = (...states: FidelityFacts['state'][]) => states.map((state, i) => ({ state, i }));
  it.each([
    { states: of('verbatim', 'changed', 'elided'), best: 1 },
    { states: of('shortened', 'elided'), best: 1 },
    { states: of('verbatim', 'shortened', 'shortened'), best: 1 },
    { states: of('changed', 'changed'), best: 0 },
    { states: of('verbatim'), best: 0 },
  ])('$states.length marks → mark $best', ({ states, best }) => {
    expect(mostTelling(states)?.i).toBe(best);
  });
  it('none for no marks', () => expect(mostTelling([])).toBeNull());
});

describe('the popup’s check of a fidelity', () => {
  it.each([
    ['no state', { changed: [], elided: [], shortened: null }],
    ['an unknown state', { state: 'altered', changed: [], elided: [], shortened: null }],
    [
      'a word that is not text',
      facts({ state: 'changed', changed: [{ kind: 'replaced', page: 1, source: 'a' }] } as never),
    ],
    [
      'too long a word',
      facts({ state: 'changed', changed: [{ kind: 'replaced', page: 'x'.repeat(301), source: 'a' }] }),
    ],
    ['an extra field', { ...facts({}), html: '<b>' }],
    ['not an object', 'verbatim'],
  ])('rejects %s', (_, raw) => {
    expect(parsePageFidelity(raw)).toBeNull();
  });
});
