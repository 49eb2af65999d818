/**
 * Quote fidelity (`src/match/fidelity.ts`) and the names-only rule: what a quote match says about the page's version
 * of the quote, with page offsets into the scanned text and source offsets into the pack quote's text.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcherTables, createMatcher, loadMatcher, type QuoteMatch } from '../../../src/match/index';
import { makePack, seedLikePack } from './helpers';

const pack = seedLikePack();
const matcher = createMatcher(pack);
const quoteText = (id: string): string => pack.quotes.find((q) => q.id === id)?.text ?? '';

function only(text: string): QuoteMatch {
  const quotes = matcher.scan(text).filter((m): m is QuoteMatch => m.kind === 'quote');
  expect(quotes).toHaveLength(1);
  return quotes[0] as QuoteMatch;
}

/** The fidelity's words as the page and the source write them, checked against their offsets. */
function changes(text: string, match: QuoteMatch): string[] {
  const source = quoteText(match.id);
  return match.fidelity.changed.map((c) => {
    expect(text.slice(c.pageStart, c.pageEnd)).toBe(c.page);
    expect(source.slice(c.sourceStart, c.sourceEnd)).toBe(c.source);
    return `${c.kind}:${c.page}/${c.source}`;
  });
}

describe('quote fidelity', () => {
  it('verbatim: the whole quote, re-punctuated and re-cased', () => {
    const m = only('He said: “We’re not going to be at the end of the year in a combat mission!”');
    expect(m.fidelity).toEqual({ state: 'verbatim', verbatim: true, shortened: null, changed: [], elided: [] });
  });

  it('shortened: which part of the source is quoted', () => {
    const text = 'They "fiercely oppose the U.S. military presence, and demand a complete pullout".';
    const m = only(text);
    expect(m.fidelity.state).toBe('shortened');
    expect(m.fidelity.verbatim).toBe(false);
    const part = m.fidelity.shortened;
    expect(part).toMatchObject({ firstWord: 18, lastWord: 29, totalWords: 33 });
    expect(quoteText(m.id).slice(part?.sourceStart, part?.sourceEnd)).toBe(
      'fiercely oppose the U.S. military presence, and demand a complete pullout',
    );
  });

  it('words changed: a replaced word, the page’s next to the source’s', () => {
    const text = 'Biden said: "We\'re not going to be, by the end of the year, in a combat mission."';
    const m = only(text);
    expect(m.fidelity.state).toBe('changed');
    expect(m.fidelity.shortened).toBeNull();
    expect(changes(text, m)).toEqual(['replaced:by/at']);
  });

  it('words changed before the first exact shingle (found walking backwards)', () => {
    const text = 'We have zero confidence whatsoever in Americans, and do not agree to their presence.';
    const m = only(text);
    expect(changes(text, m)).toEqual(['replaced:zero/no']);
    expect(m.fidelity.shortened).toMatchObject({ firstWord: 0, lastWord: 13 });
  });

  it('words changed: an added word and a dropped word', () => {
    const added = 'Psaki said the numbers will be driven by exactly what is needed for the mission over time.';
    expect(changes(added, only(added))).toEqual(['added:exactly/']);
    const dropped = 'She said the numbers will be driven by what is needed for mission over time.';
    const m = only(dropped);
    expect(changes(dropped, m)).toEqual(['dropped:/the']);
    const [change] = m.fidelity.changed;
    expect(change?.pageStart).toBe(dropped.indexOf(' mission'));
  });

  it('elided: where the ellipsis stands for source words', () => {
    for (const dots of ['...', '…']) {
      const text = `“We have no confidence whatsoever in Americans ${dots} We fiercely oppose the U.S. military presence,” he said.`;
      const m = only(text);
      expect(m.fidelity.state).toBe('elided');
      expect(m.fidelity.changed).toEqual([]);
      const [gap] = m.fidelity.elided;
      expect(text.slice(gap?.pageStart, gap?.pageEnd)).toBe(dots);
      expect(gap?.source).toBe('and do not agree to their presence under any circumstances');
      expect(quoteText(m.id).slice(gap?.sourceStart, gap?.sourceEnd)).toBe(gap?.source);
      expect(gap?.words).toBe(10);
    }
  });

  it('elided before the first exact shingle (walking backwards)', () => {
    const text = 'Only in Americans … We fiercely oppose the U.S. military presence.';
    const m = only(text);
    expect(m.fidelity.elided.map((e) => e.words)).toEqual([10]);
    expect(m.fidelity.shortened).toMatchObject({ firstWord: 5 });
  });

  it('a change outranks an ellipsis and a shortening in the state', () => {
    const text = '“We have no faith whatsoever in Americans … We fiercely oppose the U.S. military presence.”';
    const m = only(text);
    expect(m.fidelity.state).toBe('changed');
    expect(m.fidelity.elided).toHaveLength(1);
    expect(m.fidelity.shortened).not.toBeNull();
  });

  it('is the same from precompiled tables after a JSON round trip', () => {
    const loaded = loadMatcher(JSON.parse(JSON.stringify(compileMatcherTables(pack))));
    const text = 'Biden said “We’re not going to be, by the end of the year … in a combat mission.”';
    expect(loaded.scan(text)).toEqual(matcher.scan(text));
  });
});

describe('quotes: a run that is only names and joining words is not the quote', () => {
  const named = makePack(
    [
      { id: 'leila-nasser', aliases: ['Leila Nasser'] },
      { id: 'karim-haddad', aliases: ['Karim Haddad', 'Haddad'], ambiguous: ['Haddad'] },
      { id: 'samir-aziz', aliases: ['Samir Aziz'] },
      { id: 'mosul', kind: 'place', aliases: ['Mosul'] },
    ],
    [
      {
        id: 'nasser-verdict',
        speaker: 'leila-nasser',
        text: 'the arrest of the reporters Karim Haddad and Samir Aziz in Mosul was a grave injustice',
      },
    ],
  );
  const m = createMatcher(named);
  const quoted = (text: string): string[] =>
    m.scan(text).flatMap((x) => (x.kind === 'quote' ? [text.slice(x.start, x.end)] : []));

  it.each([
    ['two names joined by and', 'Friends of Karim Haddad and Samir Aziz in Mosul gathered.', []],
    ['names with one quote word', 'Police arrest Karim Haddad and Samir Aziz in Mosul.', []],
    [
      'the quote around the names',
      'She called the arrest of the reporters Karim Haddad and Samir Aziz a grave injustice.',
      ['the arrest of the reporters Karim Haddad and Samir Aziz'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(quoted(text)).toEqual(expected);
  });
});
