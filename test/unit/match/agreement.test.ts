/**
 * One engine, two ways to make it: a matcher loaded from compiled tables (after a JSON round trip, as the build
 * ships them) finds exactly what the matcher found before it was precompiled (`reference/expected.json`), and what
 * `createMatcher` finds, on the bundled pack and on generated pages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcherTables, createMatcher, loadMatcher, type MatcherTables } from '../../../src/match/index';
import { scaledPack } from '../../bench/generate';
import expected from './reference/expected.json';
import {
  SCAN_OPTIONS,
  bundledPack,
  describeMatch,
  digest,
  generatedInputs,
  packInputs,
  summarize,
} from './reference/inputs';
import { seedLikePack } from './helpers';

const roundTrip = (tables: MatcherTables): MatcherTables => JSON.parse(JSON.stringify(tables)) as MatcherTables;

describe('a matcher loaded from tables agrees with the matcher before precompilation', () => {
  const loaded = loadMatcher(roundTrip(compileMatcherTables(bundledPack)));
  const inputs = [...packInputs(bundledPack), ...generatedInputs(bundledPack)];

  it('scans the same inputs the reference was written for', () => {
    expect(digest(inputs.join('\u0000')), 'inputs changed: regenerate reference/expected.json on purpose').toBe(
      expected.inputs,
    );
  });

  it('finds the same matches in every alias, demonym, phrase and quote variant and every generated page', () => {
    const differences = inputs.flatMap((text, i) => {
      const got = SCAN_OPTIONS.map((o) => summarize(loaded.scan(text, o))).join(' ');
      return got === expected.expected[i] ? [] : [{ text: text.slice(0, 200), got, expected: expected.expected[i] }];
    });
    expect(differences).toEqual([]);
  });

  it('covers quotes: every quote of six words or more is found in full, shortened and with one word changed', () => {
    const quoteIds = new Set(
      inputs.flatMap((text) => loaded.scan(text).flatMap((m) => (m.kind === 'quote' ? [m.id] : []))),
    );
    const long = bundledPack.quotes.filter((q) => q.text.split(/\s+/).length >= 6);
    expect(long.filter((q) => !quoteIds.has(q.id)).map((q) => q.id)).toEqual([]);
  });
});

describe('compiled-then-loaded equals createMatcher', () => {
  const pagesOf = (aliases: string[], quotes: string[]): fc.Arbitrary<string> => {
    const token = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...aliases) },
      { weight: 4, arbitrary: fc.constantFrom('the', 'said', ',', '.', '…', 'al', 'Sadr City', '\u00a0', '’s') },
      { weight: 1, arbitrary: fc.constantFrom(...quotes) },
    );
    return fc
      .array(
        fc.array(token, { minLength: 1, maxLength: 25 }).map((t) => t.join(' ')),
        { maxLength: 4 },
      )
      .map((s) => s.join('\n'));
  };

  it.each([
    ['seed-like pack', seedLikePack()],
    ['bundled pack', bundledPack],
    ['bundled pack ×3', scaledPack(bundledPack, 3)],
  ])('%s, on generated pages', (_name, pack) => {
    const direct = createMatcher(pack);
    const loaded = loadMatcher(roundTrip(compileMatcherTables(pack)));
    const aliases = pack.entities.flatMap((e) => [...e.aliases, ...e.demonyms, ...e.notWhen]);
    fc.assert(
      fc.property(
        pagesOf(
          aliases,
          pack.quotes.map((q) => q.text),
        ),
        fc.constantFrom(...SCAN_OPTIONS),
        (page, o) => {
          expect(loaded.scan(page, o).map(describeMatch)).toEqual(direct.scan(page, o).map(describeMatch));
        },
      ),
      { numRuns: 150 },
    );
    expect(loaded.stats).toEqual(direct.stats);
  });

  it('keeps the quote tuning fixed at compile time', () => {
    const text = 'He said: "We are waiting for a complete withdrawal of American troops."';
    const strict = loadMatcher(roundTrip(compileMatcherTables(seedLikePack(), { quoteTuning: { minWords: 20 } })));
    expect(strict.scan(text).filter((m) => m.kind === 'quote')).toEqual([]);
    expect(
      createMatcher(seedLikePack())
        .scan(text)
        .filter((m) => m.kind === 'quote'),
    ).toHaveLength(1);
  });

  it('refuses tables of another format', () => {
    const tables = { ...compileMatcherTables(seedLikePack()), format: 'backstory-matcher-tables/0' };
    expect(() => loadMatcher(tables as unknown as MatcherTables)).toThrow(/format/);
  });
});
