/**
 * The page knowledge record as stored (three JSON texts: head, names, tables) and as a page reads it (the head now,
 * the rest on first use): the round trip gives back the compiled record, and the matcher a page loads from it finds
 * what compiling the merged packs in the page finds.
 */
import { describe, expect, it } from 'vitest';
import { buildAutomaton } from '../../../src/match/automaton';
import { createMatcher, loadMatcher } from '../../../src/match';
import { mergePacks } from '../../../src/packs/merge';
import {
  compileKnowledge,
  decodeRecord,
  encodeRecord,
  usableRecord,
  type StoredKnowledge,
} from '../../../src/packs/record';
import { packCopy } from '../../../tools/bench/packs';
import { bundled, envoyPack } from './helpers';

const packs = [bundled, envoyPack(), packCopy(bundled, 1), packCopy(bundled, 2)];
const compiled = compileKnowledge(packs, [], { bundledId: bundled.id, now: 7 });
/** As `storage.local` gives it back (a structured copy). */
const stored = JSON.parse(JSON.stringify(encodeRecord(compiled))) as StoredKnowledge;

const texts = [
  bundled.source.text,
  envoyPack().source.text,
  packs[2]?.source.text ?? '',
  'Jeanine Hennis-Plasschaert met Mustafa al-Kadhimi in Baghdad; Kadhimi and the PMF, Daesh and ISIS were named.',
];

describe('the stored page knowledge record', () => {
  it('round-trips: decoding the stored record gives back the compiled one', () => {
    expect(decodeRecord(stored)).toEqual(compiled);
    expect(Object.keys(stored)).toEqual(['version', 'head', 'names', 'tables', 'blobs']);
    // The encoded integer tables travel as strings of their own; the tables' JSON is a fraction of the record.
    expect(stored.blobs.length).toBeGreaterThan(10);
    expect(stored.tables.length).toBeLessThan(stored.blobs.join('').length);
  });

  it('parses only its head when read; names and tables when first asked for, once', () => {
    const unreadable = { ...stored, names: '{ not json', tables: `${stored.tables.slice(0, 60)} truncated` };
    const blobless = usableRecord({ ...stored, blobs: [] });
    expect(() => blobless?.tables()).toThrow('a matcher table is missing');
    const record = usableRecord(unreadable);
    expect(record?.packs.map((pack) => pack.id)).toEqual(packs.map((pack) => pack.id));
    expect(record?.compiledAt).toBe(7);
    expect(() => record?.names()).toThrow();
    expect(() => record?.tables()).toThrow();
    const good = usableRecord(stored);
    expect(good?.tables()).toBe(good?.tables());
    expect(good?.names()).toEqual(compiled.pagePack);
  });

  it('loads a matcher that finds what compiling the merged packs in the page finds', () => {
    const record = usableRecord(stored);
    if (!record) throw new Error('no record');
    const fromRecord = loadMatcher(record.tables());
    const inPage = createMatcher(mergePacks(packs));
    for (const text of texts) {
      const found = fromRecord.scan(text);
      expect(found).toEqual(inPage.scan(text));
      // Scanning again (the automaton's links are worked out on first use, then kept) finds the same.
      expect(fromRecord.scan(text)).toEqual(found);
    }
    expect(fromRecord.scan(texts[3] ?? '').some((match) => match.id === 'jeanine-hennis-plasschaert')).toBe(true);
  });

  it('keeps the automaton exact across scans of different texts (links made on first use)', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'ushers', 'rs', 'e'];
    const automaton = buildAutomaton(patterns);
    const naive = (text: string) =>
      patterns.flatMap((pattern, p) => {
        const out: string[] = [];
        for (let s = text.indexOf(pattern); s >= 0; s = text.indexOf(pattern, s + 1)) {
          out.push(`${s}:${s + pattern.length}:${p}`);
        }
        return out;
      });
    for (const text of ['ushers', 'she sells his hers', 'hhhershe', 'ushers']) {
      const got: string[] = [];
      automaton.scan(text, (start, end, pattern) => got.push(`${start}:${end}:${pattern}`));
      expect(got.sort()).toEqual(naive(text).sort());
    }
  });
});
