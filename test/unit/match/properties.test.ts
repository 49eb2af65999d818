import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAutomaton, leftmostLongest, type Span } from '../../../src/match/automaton';
import { createMatcher, type Match } from '../../../src/match/index';
import { normalize, toOriginal } from '../../../src/match/normalize';
import { normalizeReference } from './normalize-reference';
import { seedLikePack } from './helpers';

const pack = seedLikePack();
const matcher = createMatcher(pack);
const foldedAliases = new Map(
  pack.entities.map((e) => {
    const forms = new Set<string>();
    for (const a of [...e.aliases, ...e.demonyms]) {
      const f = normalize(a).folded.trim();
      forms.add(f);
      forms.add(f.replace(/(?<=[\p{L}\p{N}])'(?=[\p{L}\p{N}])/gu, ''));
    }
    return [e.id, forms];
  }),
);

const aliasTokens = pack.entities.flatMap((e) => e.aliases);
const fillers = ['the', 'said', 'on', 'Monday', 'forces', 'in', 'Baghdad', ',', '.', 'rich', 'who', 'hope', '—'];
const token = fc.oneof(
  fc.constantFrom(...aliasTokens),
  fc.constantFrom(...aliasTokens).map((a) => `${a}'s`),
  fc.constantFrom(...fillers),
);
const sentence = fc.array(token, { minLength: 1, maxLength: 25 }).map((t) => t.join(' '));
const page = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join('\n'));

/** One noise operation: something a real page does to text without changing what it says. */
type Noise = { at: number; kind: number };
const noise = fc.array(fc.record({ at: fc.nat(), kind: fc.nat({ max: 7 }) }), { maxLength: 12 });

const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);

function addNoise(text: string, ops: Noise[]): string {
  let out = text;
  for (const { at, kind } of ops) {
    const i = at % (out.length + 1);
    const before = out[i - 1];
    const here = out[i];
    if (kind <= 2 && isLetter(before) && isLetter(here)) {
      // Invisible characters inside a word.
      out = out.slice(0, i) + ['\u200b', '\u2060', '\u00ad'][kind] + out.slice(i);
    } else if (kind === 3 && isLetter(before)) {
      // A combining accent on the previous letter.
      out = out.slice(0, i) + '\u0301' + out.slice(i);
    } else if (kind === 4 && here === ' ') {
      out = out.slice(0, i) + '\u00a0' + out.slice(i + 1);
    } else if (kind === 5 && here === "'") {
      out = out.slice(0, i) + '\u2019' + out.slice(i + 1);
    } else if (kind === 6 && here === '-') {
      out = out.slice(0, i) + '\u2011' + out.slice(i + 1);
    } else if (kind === 7 && here === ' ') {
      out = out.slice(0, i) + ' \u202f ' + out.slice(i + 1);
    }
  }
  return out;
}

const summary = (text: string, ms: Match[]): string[] =>
  ms.map((m) => `${m.kind}:${m.id}:${normalize(text.slice(m.start, m.end)).folded}`);

describe('properties: normaliser offset map', () => {
  it('starts and ends are monotone spans inside the source', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), page, noise, (random, p, ops) => {
        for (const text of [random, addNoise(p, ops)]) {
          const n = normalize(text);
          expect(n.folded.length).toBe(n.cased.length);
          let previous = 0;
          for (let i = 0; i < n.folded.length; i++) {
            const s = n.starts[i] as number;
            const e = n.ends[i] as number;
            expect(s).toBeGreaterThanOrEqual(previous);
            expect(e).toBeGreaterThanOrEqual(s);
            expect(e).toBeLessThanOrEqual(text.length);
            previous = s;
          }
        }
      }),
    );
  });

  it('every entity match maps back to original text that normalises to one of its aliases', () => {
    fc.assert(
      fc.property(page, noise, (p, ops) => {
        const text = addNoise(p, ops);
        for (const m of matcher.scan(text, { quotes: false, demonyms: true })) {
          const original = normalize(text.slice(m.start, m.end)).folded;
          expect(foldedAliases.get(m.id)?.has(original)).toBe(true);
          expect(text.slice(m.start, m.end)).not.toContain('\n');
        }
      }),
    );
  });

  it('invisible characters, curly quotes, accents and odd spaces do not change what matches', () => {
    fc.assert(
      fc.property(page, noise, (p, ops) => {
        const noisy = addNoise(p, ops);
        expect(summary(noisy, matcher.scan(noisy))).toEqual(summary(p, matcher.scan(p)));
      }),
    );
  });

  it('matches are sorted by start and lie inside the text', () => {
    fc.assert(
      fc.property(page, (p) => {
        const ms = matcher.scan(p);
        for (let i = 0; i < ms.length; i++) {
          const m = ms[i] as Match;
          expect(m.start).toBeLessThan(m.end);
          expect(m.end).toBeLessThanOrEqual(p.length);
          if (i > 0) expect(m.start).toBeGreaterThanOrEqual((ms[i - 1] as Match).start);
        }
      }),
    );
  });
});

describe('properties: automaton', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 4 });

  it('reports exactly the occurrences a brute-force search finds', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 40 }),
        (patterns, text) => {
          const got: string[] = [];
          buildAutomaton(patterns).scan(text, (s, e, p) => got.push(`${s}:${e}:${p}`));
          const want: string[] = [];
          patterns.forEach((pat, p) => {
            for (let s = text.indexOf(pat); s >= 0; s = text.indexOf(pat, s + 1))
              want.push(`${s}:${s + pat.length}:${p}`);
          });
          expect(got.sort()).toEqual(want.sort());
        },
      ),
    );
  });

  it('leftmost-longest returns non-overlapping spans, each the longest at its start', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.integer({ min: 1, max: 6 }))), (pairs) => {
        const spans: Span<number>[] = pairs.map(([s, l], i) => ({ start: s, end: s + l, value: i }));
        const kept = leftmostLongest(spans);
        for (let i = 1; i < kept.length; i++)
          expect((kept[i] as Span<number>).start).toBeGreaterThanOrEqual((kept[i - 1] as Span<number>).end);
        for (const k of kept) {
          const longest = Math.max(...spans.filter((s) => s.start === k.start).map((s) => s.end));
          expect(k.end).toBe(longest);
        }
      }),
    );
  });
});

describe('properties: normalize equals the per-unit reference', () => {
  // Pieces that exercise every path: long plain runs (copied whole), the article rule inside and across runs,
  // whitespace of every kind, marks, format controls, expansions, astral and lone surrogates.
  const pieces = [
    'the government said on Monday',
    'Prime Minister Mustafa al-Kadhimi',
    'al Kadhimi met',
    'met Al Sadr and',
    'alKadhimi',
    'AL Jazeera reported',
    'al\u00a0Kadhimi said',
    'al\tSadr and the others',
    'Al\nKadhimi',
    'they met al’Sadr',
    'Bal Kadhimi',
    'al',
    'Al',
    'L',
    ' l Kadhimi',
    'xal Kadhimi',
    'U.S. forces',
    ' ',
    '  ',
    '\n',
    '\t',
    '\u00a0',
    '\u200b',
    '\u00ad',
    '\u0301',
    '\u0323',
    '’',
    '“',
    '”',
    '—',
    '…',
    'ﬁghters',
    'Muḥammad',
    'Ḥashd',
    'é',
    '𝐁iden',
    '😀',
    '\ud800',
    '`',
    '´',
    '«',
    '‑',
    '−',
    '\r\n',
    'ß',
    'İ',
    'K',
    'a',
    'l',
  ];
  const text = fc.oneof(
    fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join('')),
    fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(' ')),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
  );

  it('gives the same views and the same offset map', () => {
    fc.assert(
      fc.property(text, (t) => {
        const n = normalize(t);
        const r = normalizeReference(t);
        expect(n.folded).toBe(r.folded);
        expect(n.cased).toBe(r.cased);
        expect(Array.from(n.starts)).toEqual(Array.from(r.starts));
        expect(Array.from(n.ends)).toEqual(Array.from(r.ends));
        for (let i = 0; i < n.folded.length; i++) {
          expect(toOriginal(n, i, i + 1)).toEqual({ start: r.starts[i], end: r.ends[i] });
        }
      }),
      { numRuns: 2000 },
    );
  });
});
