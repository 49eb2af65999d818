import { describe, expect, it } from 'vitest';
import packJson from '../../../src/knowledge/pack.json';
import { parsePack } from '../../../src/knowledge/schema';
import { createMatcher, type Match } from '../../../src/match/index';

/** The bundled pack, scanned over its own source: the engine must find what the builder anchored. */
describe('bundled pack over its own source text', () => {
  const pack = parsePack(packJson, 'src/knowledge/pack.json');
  const matcher = createMatcher(pack);
  const text = pack.source.text;
  const matches = matcher.scan(text);
  const key = (m: { start: number; end: number }, id: string): string => `${id}@${m.start}-${m.end}`;
  const found = new Set(matches.map((m: Match) => key(m, m.id)));

  it('finds every mention the builder recorded, with the same span', () => {
    const missing = pack.entities.flatMap((e) =>
      e.mentions.filter((m) => !found.has(key(m, e.id))).map((m) => `${e.id}: ${m.alias}`),
    );
    expect(missing).toEqual([]);
  });

  it('reports no entity match the builder did not record', () => {
    const recorded = new Set(pack.entities.flatMap((e) => e.mentions.map((m) => key(m, e.id))));
    const extra = matches.filter((m) => m.kind === 'entity' && !recorded.has(key(m, m.id)));
    expect(extra.map((m) => `${m.id}: ${text.slice(m.start, m.end)}`)).toEqual([]);
  });

  it('finds every quote long enough to be matched, over its exact words', () => {
    for (const q of pack.quotes) {
      const words = q.text.split(/\s+/).length;
      if (words < 6) continue;
      // A quote may also match partially where the article paraphrases it; its own place matches in full.
      const coverages = matches.flatMap((m) => (m.kind === 'quote' && m.id === q.id ? [m.coverage] : []));
      expect(Math.max(0, ...coverages), q.id).toBe(1);
    }
  });
});
